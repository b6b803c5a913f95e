import { describe, expect, it } from "vitest"
import { openCsv } from "../src/ingest/CsvReader.js"
import type { SheetRow } from "../src/ingest/SheetRow.js"
import { tempDir, writeBytes, writeText } from "./helpers.js"

const dir = tempDir()

const readAll = async (path: string) => {
  const source = await openCsv(path)
  const rows: Array<SheetRow> = []
  for await (const batch of source.batches) rows.push(...batch)
  return { info: source.info, rows, texts: rows.map((row) => row.texts) }
}

describe("openCsv", () => {
  it("reads semicolon-separated Windows-1252 as Norwegian Excel writes it", async () => {
    const path = writeText(dir, "nb.csv", "Kundenummer;Navn\r\n1;Bjørn Ærlig Åsen\r\n", "windows-1252")
    const { info, texts } = await readAll(path)
    expect(info).toMatchObject({ encoding: "windows-1252", delimiter: ";" })
    expect(texts).toEqual([
      ["Kundenummer", "Navn"],
      ["1", "Bjørn Ærlig Åsen"]
    ])
  })

  it("strips a UTF-8 BOM and detects commas and tabs", async () => {
    const comma = await readAll(writeText(dir, "bom.csv", "\uFEFFid,name\n1,Åsa\n"))
    expect(comma.info).toMatchObject({ encoding: "utf-8", delimiter: "," })
    expect(comma.texts[0]).toEqual(["id", "name"])
    const tab = await readAll(writeText(dir, "tab.csv", "id\tname\n1\tA, B; C\n"))
    expect(tab.info.delimiter).toBe("\t")
    expect(tab.texts[1]).toEqual(["1", "A, B; C"])
  })

  it("decodes UTF-16 with a BOM", async () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id;navn\n1;Øystein\n", "utf16le")])
    const { info, texts } = await readAll(writeBytes(dir, "u16.csv", body))
    expect(info.encoding).toBe("utf-16le")
    expect(texts[1]).toEqual(["1", "Øystein"])
  })

  it("decodes as Windows-1252 when invalid UTF-8 appears only after the sample", async () => {
    const filler = "1;plain\n".repeat(10_000)
    const path = writeText(dir, "late.csv", `id;navn\n${filler}2;Søren\n`, "windows-1252")
    const { info, texts } = await readAll(path)
    expect(info.encoding).toBe("windows-1252")
    expect(texts.at(-1)).toEqual(["2", "Søren"])
  })

  it("keeps UTF-8 when a character straddles the scan's 64 KB chunk boundary", async () => {
    for (const pad of [65_531, 65_532, 65_533, 65_534]) {
      const head = "id;navn\n"
      const filler = "x".repeat(pad - head.length)
      const path = writeText(dir, `edge-${pad}.csv`, `${head}1;${filler}€ø\n`)
      const { info, texts } = await readAll(path)
      expect(info.encoding).toBe("utf-8")
      expect(texts[1]?.[1]?.endsWith("€ø")).toBe(true)
    }
  })

  it("keeps quoted delimiters and newlines, skips blank lines, numbers rows as a spreadsheet does", async () => {
    const path = writeText(dir, "quoted.csv", 'id;navn\n\n1;"A; B"\n2;"two\nlines"\n;;\n3;"say ""hi"""\n')
    const { rows, texts } = await readAll(path)
    expect(texts.slice(1)).toEqual([
      ["1", "A; B"],
      ["2", "two\nlines"],
      ["3", 'say "hi"']
    ])
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 3, 4, 6])
  })

  it("never infers numbers: leading zeros and long digit strings stay text", async () => {
    const { rows } = await readAll(writeText(dir, "zeros.csv", "id;fnr\n007;01018012345\n"))
    expect(rows[1]).toEqual({ rowNumber: 2, texts: ["007", "01018012345"] })
  })

  it("fails with a file-level error for empty, BOM-only and binary files", async () => {
    await expect(openCsv(writeBytes(dir, "empty.csv", new Uint8Array()))).rejects.toMatchObject({
      reason: "EMPTY"
    })
    await expect(openCsv(writeBytes(dir, "bom.csv", Buffer.from([0xef, 0xbb, 0xbf])))).rejects.toMatchObject({
      reason: "EMPTY"
    })
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100)])
    await expect(openCsv(writeBytes(dir, "zip.csv", zip))).rejects.toMatchObject({ reason: "BINARY" })
    await expect(openCsv(`${dir}/missing.csv`)).rejects.toMatchObject({ reason: "NOT_FOUND" })
  })

  it("reports an unterminated quote as a file-level error with its line", async () => {
    const path = writeText(dir, "open.csv", 'id;navn\n1;"never closed\n2;x\n')
    await expect(readAll(path)).rejects.toMatchObject({ reason: "MALFORMED_CSV" })
  })
})
