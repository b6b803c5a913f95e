import { readFileSync, symlinkSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { SheetRow } from "../src/ingest/SheetRow.js"
import { openXlsx } from "../src/ingest/XlsxReader.js"
import { rowXml, workbookZip, zipArchive } from "./fixtures/workbookZip.js"
import { tempDir, writeBytes, writeText, writeWorkbook } from "./helpers.js"

const dir = tempDir()

const readAll = async (path: string, sheet?: string) => {
  const source = await openXlsx(path, { sheet })
  const rows: Array<{ readonly cells: ReadonlyArray<{ text: string; numeric: boolean }> }> = []
  const cells = (row: SheetRow) => row.texts.map((text, i) => ({ text, numeric: row.numeric?.[i] === true }))
  for await (const batch of source.batches) rows.push(...batch.map((row) => ({ cells: cells(row) })))
  return { info: source.info, rows }
}

describe("openXlsx", () => {
  it("keeps text as text and marks number cells numeric", async () => {
    const path = writeWorkbook(dir, "types.xlsx", [
      ["id", "orgnr", "fnr"],
      ["A-1", 923609016, "01018012345"]
    ])
    const { info, rows } = await readAll(path)
    expect(info).toMatchObject({ format: "xlsx", sheet: "Sheet1", date1904: false })
    expect(rows[1]?.cells).toEqual([
      { text: "A-1", numeric: false },
      { text: "923609016", numeric: true },
      { text: "01018012345", numeric: false }
    ])
  })

  it("gives date cells their calendar date in the workbook's date system", async () => {
    const rows1900 = await readAll(
      writeWorkbook(dir, "d1900.xlsx", [["dob"], [{ v: 32874, z: "dd.mm.yyyy" }]])
    )
    expect(rows1900.rows[1]?.cells[0]).toEqual({ text: "1990-01-01", numeric: false })
    const path1904 = writeWorkbook(dir, "d1904.xlsx", [["dob"], [{ v: 31412, z: "yyyy-mm-dd" }]], {
      date1904: true
    })
    const rows1904 = await readAll(path1904)
    expect(rows1904.info.date1904).toBe(true)
    expect(rows1904.rows[1]?.cells[0]).toEqual({ text: "1990-01-01", numeric: false })
  })

  it("keeps the exponent of a number whose digits are already lost", async () => {
    const { rows } = await readAll(writeWorkbook(dir, "big.xlsx", [["hetu"], [1.0199e26]]))
    expect(rows[1]?.cells[0]).toEqual({ text: "1.0199e+26", numeric: true })
  })

  it("reads a named sheet and names the sheets when it is missing", async () => {
    const path = writeWorkbook(dir, "named.xlsx", [["id"], ["x"]], { sheet: "Kunder" })
    expect((await readAll(path, "Kunder")).info.sheet).toBe("Kunder")
    await expect(readAll(path, "Customers")).rejects.toMatchObject({
      reason: "SHEET_NOT_FOUND",
      message: expect.stringContaining("Kunder")
    })
  })

  it("refuses garbage, text and legacy files renamed .xlsx before parsing", async () => {
    const garbage = writeBytes(dir, "garbage.xlsx", Buffer.from("this is not a workbook at all"))
    await expect(openXlsx(garbage)).rejects.toMatchObject({ reason: "NOT_A_WORKBOOK" })
    const csv = writeText(dir, "csv.xlsx", "id;navn\n1;x\n")
    await expect(openXlsx(csv)).rejects.toMatchObject({ reason: "NOT_A_WORKBOOK" })
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
      Buffer.from("EncryptedPackage", "utf16le")
    ])
    await expect(openXlsx(writeBytes(dir, "locked.xlsx", ole))).rejects.toMatchObject({ reason: "ENCRYPTED" })
  })

  it("refuses files over the size limit", async () => {
    const path = writeWorkbook(dir, "limit.xlsx", [["id"], ["x"]])
    const size = readFileSync(path).length
    await expect(openXlsx(path, { maxFileBytes: size - 1 })).rejects.toMatchObject({ reason: "TOO_LARGE" })
  })

  it("reads a ZIP64 workbook (sizes in ZIP64 fields, data descriptors), as streaming writers make them", async () => {
    const path = writeBytes(
      dir,
      "zip64.xlsx",
      workbookZip({
        zip64: true,
        sharedStrings: ["Orgnr", "Navn", "Fjordlys AS"],
        sheets: [
          { name: "Kunder", rows: [rowXml(1, [{ s: 0 }, { s: 1 }]), rowXml(2, [{ n: 910000012 }, { s: 2 }])] }
        ]
      })
    )
    const { info, rows } = await readAll(path)
    expect(info.sheet).toBe("Kunder")
    expect(rows[1]?.cells).toEqual([
      { text: "910000012", numeric: true },
      { text: "Fjordlys AS", numeric: false }
    ])
  })

  it("reads inline, rich-text, formula, boolean, error and date cells the way Excel shows them", async () => {
    const sheet = [
      rowXml(1, [{ s: 0 }]),
      '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" t="inlineStr"><is><r><t>Sol</t></r><r><t>bakken</t></r></is></c></row>',
      '<row r="4"><c r="A4" t="str"><f>A3&amp;"x"</f><v>Solx</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#N/A</v></c></row>',
      '<row r="5"><c r="A5" s="1"><v>32874</v></c><c r="B5" t="d"><v>1990-01-01T00:00:00</v></c><c r="C5"><v>0.5</v></c></row>',
      '<row r="6"><c r="A6" s="0"/><c r="B6" t="s"><v>2</v></c></row>'
    ]
    const path = writeBytes(
      dir,
      "kinds.xlsx",
      workbookZip({
        dateFormats: ["[$-414]dd\\.mm\\.yyyy;@"],
        sharedStringItems: [
          "<t>Navn</t>",
          '<r><t>Øst</t></r><r><rPr><b/></rPr><t xml:space="preserve">by </t></r><rPh sb="0" eb="1"><t>オスト</t></rPh>',
          "<t>   </t>"
        ],
        sheets: [{ name: "S", rows: sheet }]
      })
    )
    const { rows } = await readAll(path)
    const texts = rows.map((row) => row.cells.map((c) => c.text))
    expect(texts).toEqual([
      ["Navn"],
      ["Østby ", "", "Solbakken"],
      ["Solx", "TRUE", "#N/A"],
      ["1990-01-01", "1990-01-01", "0.5"]
    ])
    expect(rows[3]?.cells.map((c) => c.numeric)).toEqual([false, false, true])
  })

  it("looks a --sheet name up among the sheets only, not in an object's prototype", async () => {
    const path = writeWorkbook(dir, "proto.xlsx", [["id"], ["x"]], { sheet: "Kunder" })
    for (const name of ["hasOwnProperty", "__proto__", "constructor"])
      await expect(readAll(path, name)).rejects.toMatchObject({
        reason: "SHEET_NOT_FOUND",
        message: expect.stringContaining(`has no sheet named "${name}"; its sheets: "Kunder"`)
      })
  })

  it("calls a damaged workbook damaged, never password-protected", async () => {
    const good = workbookZip({
      sharedStrings: ["Orgnr"],
      sheets: [
        { name: "S", rows: Array.from({ length: 200 }, (_, i) => rowXml(i + 1, [{ n: 910000012 + i }])) }
      ]
    })
    // Flip bytes inside the sheet's compressed data (the last entry before the directory).
    const corrupt = Buffer.from(good)
    const at = good.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 40
    for (let i = at; i < at + 64; i++) corrupt[i] = (corrupt[i] ?? 0) ^ 0x5a
    const cut = good.subarray(0, good.length - 30)
    for (const [name, bytes] of [
      ["flipped.xlsx", corrupt],
      ["cut.xlsx", cut]
    ] as const) {
      const error = await readAll(writeBytes(dir, name, bytes)).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(error, name).toMatchObject({ reason: "NOT_A_WORKBOOK" })
      expect(String((error as Error).message), name).not.toMatch(/password|does not exist/)
      expect(String((error as Error).message), name).toContain(name)
    }
  })

  it('names what is missing instead of a sheet called ""', async () => {
    const path = writeBytes(
      dir,
      "nosheet.xlsx",
      workbookZip({
        sheets: [{ name: "Kunder", rows: [rowXml(1, ["x"])] }],
        override: { "xl/worksheets/sheet1.xml": null }
      })
    )
    await expect(readAll(path)).rejects.toMatchObject({
      reason: "NOT_A_WORKBOOK",
      message: expect.stringContaining('sheet "Kunder" is missing')
    })
  })

  it("streams a sheet far larger than the reader's heap limit", async () => {
    // 120,000 rows, ~9 MB of sheet XML and 240,000 shared strings: the whole-workbook parser
    // needed several hundred MB of heap for this; the streaming reader holds the string table
    // and two batches of rows.
    const strings = ["ref", "navn"]
    const rows = [rowXml(1, [{ s: 0 }, { s: 1 }])]
    for (let i = 0; i < 120_000; i++) {
      const a = strings.push(`K${i}`) - 1
      const b = strings.push(`Firma ${i} AS`) - 1
      rows.push(rowXml(i + 2, [{ s: a }, { s: b }, { n: 910000000 + i }]))
    }
    const path = writeBytes(
      dir,
      "long.xlsx",
      workbookZip({ sharedStrings: strings, sheets: [{ name: "S", rows }] })
    )
    const source = await openXlsx(path, { maxHeapMb: 48 })
    let count = 0
    let last: SheetRow | undefined
    for await (const batch of source.batches) {
      count += batch.length
      last = batch.at(-1)
    }
    expect(count).toBe(120_001)
    expect(last?.texts).toEqual(["K119999", "Firma 119999 AS", "910119999"])
  }, 60_000)

  it("refuses a shared-string table over its limit, naming the limit", async () => {
    const path = writeBytes(
      dir,
      "sst.xlsx",
      workbookZip({
        sharedStrings: ["x".repeat(300_000)],
        sheets: [{ name: "S", rows: [rowXml(1, [{ s: 0 }])] }]
      })
    )
    await expect(openXlsx(path, { maxSharedStringsBytes: 256 * 1024 })).rejects.toMatchObject({
      reason: "TOO_LARGE",
      message: expect.stringMatching(/shared-string table of 1 MB unpacked; the limit is 1 MB/)
    })
  })

  it("tells an OpenDocument or Numbers file renamed .xlsx from a damaged workbook", async () => {
    const ods = zipArchive([
      { name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet") },
      { name: "content.xml", data: Buffer.from("<office:document-content/>") },
      { name: "META-INF/manifest.xml", data: Buffer.from("<manifest/>") }
    ])
    await expect(openXlsx(writeBytes(dir, "ods.xlsx", ods))).rejects.toMatchObject({
      reason: "UNSUPPORTED_FORMAT",
      message: expect.stringContaining("OpenDocument spreadsheet")
    })
    const numbers = zipArchive([{ name: "Index/Document.iwa", data: Buffer.from("x") }])
    await expect(openXlsx(writeBytes(dir, "numbers.xlsx", numbers))).rejects.toMatchObject({
      reason: "UNSUPPORTED_FORMAT",
      message: expect.stringContaining("Apple Numbers")
    })
  })

  it("refuses a device or pipe at once instead of reading it or calling it missing", async () => {
    const random = join(dir, "random.xlsx")
    symlinkSync("/dev/urandom", random)
    await expect(openXlsx(random)).rejects.toMatchObject({
      reason: "NOT_A_FILE",
      message: `${random} is a symbolic link to a character device, not a regular file; give a CSV or XLSX file.`
    })
  })
})
