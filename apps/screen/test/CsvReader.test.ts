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

describe("openCsv on hostile input", () => {
  it("reads a megabyte of blank lines without building an error per line", async () => {
    const path = writeText(dir, "blank.csv", `Orgnr;Navn;Land\n${"\n".repeat(1_000_000)}923609016;Ok;NO\n`)
    // csv-parse built a CsvError (stack trace and a JSON copy of its state) for every short line:
    // 20–35 s for this file. Counting stack captures tells that apart from a slow machine.
    const capture = Error.captureStackTrace
    let captured = 0
    Error.captureStackTrace = (target, ctor) => {
      captured++
      capture(target, ctor)
    }
    const started = Date.now()
    try {
      const { rows } = await readAll(path)
      expect(rows.map((row) => row.rowNumber)).toEqual([1, 1_000_002])
    } finally {
      Error.captureStackTrace = capture
    }
    expect(captured).toBeLessThan(10)
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 60_000)

  it("reads many short rows like any other rows", async () => {
    const path = writeText(dir, "short.csv", `Orgnr;Navn;Land\n${"x\n".repeat(200_000)}`)
    const { rows } = await readAll(path)
    expect(rows).toHaveLength(200_001)
    expect(rows.at(-1)).toEqual({ rowNumber: 200_001, texts: ["x"] })
  })

  it("names the row, column and line where a quote that never closes opened", async () => {
    const path = writeText(dir, "unclosed.csv", 'id;navn\n1;ok\n\n2;"never closed\n3;x\n4;y\n')
    const failure = await readAll(path).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(failure).toMatchObject({ _tag: "PortfolioFileError", reason: "MALFORMED_CSV" })
    const message = (failure as Error).message
    expect(message).toContain(`${path}: row 4, column "navn"`)
    expect(message).toContain("on line 4 is never closed")
  })

  it("rejects only the row whose cell is past the limit and reads the rest", async () => {
    const big = "A".repeat(1024 * 1024 + 10)
    const path = writeText(dir, "long.csv", `id;navn;kommentar\n1;ok;\n2;"${big}";x\n3;fine;\n`)
    const { rows } = await readAll(path)
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 2, 3, 4])
    expect(rows[2]).toMatchObject({
      rowNumber: 3,
      texts: ["2", ""],
      overlong: { column: 1, length: big.length, limit: 1024 * 1024 }
    })
    expect(rows[3]).toEqual({ rowNumber: 4, texts: ["3", "fine", ""] })
  })

  it("says the header row is too long instead of finding no identifier in it", async () => {
    const header = Array.from({ length: 8000 }, (_, i) => `Column number ${i}`).join(";")
    for (const [name, above] of [
      ["wide.csv", ""],
      ["wide-below-blank-lines.csv", "\n\r\n"]
    ] as const) {
      const path = writeText(dir, name, `${above}${header}\n1;2\n`)
      await expect(openCsv(path)).rejects.toMatchObject({
        reason: "HEADER_TOO_LONG",
        message: expect.stringContaining("longer than 64 KiB")
      })
    }
  })

  it("refuses a file over the size limit with the option that raises it", async () => {
    const path = writeText(dir, "limit.csv", `Orgnr;Navn\n${"923609016;Ok\n".repeat(1000)}`)
    await expect(openCsv(path, { maxFileBytes: 4096 })).rejects.toMatchObject({
      reason: "TOO_LARGE",
      message: expect.stringContaining("--max-csv-mb")
    })
    await expect(openCsv(path, { maxFileBytes: 1024 * 1024 })).resolves.toBeDefined()
  })
})
