import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { SheetRow } from "../src/ingest/SheetRow.js"
import { openXlsx } from "../src/ingest/XlsxReader.js"
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
})
