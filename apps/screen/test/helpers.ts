import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type * as Xlsx from "xlsx"
import { afterAll } from "vitest"
import iconv from "iconv-lite"

export const XLSX: typeof Xlsx = createRequire(import.meta.url)("xlsx")

/** A temp directory removed after the test file. */
export const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "nordscreen-test-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export const writeText = (dir: string, name: string, text: string, encoding = "utf-8"): string => {
  const path = join(dir, name)
  writeFileSync(path, encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, encoding))
  return path
}

export const writeBytes = (dir: string, name: string, bytes: Uint8Array): string => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/** Writes rows (arrays of strings, numbers, or `{ v, z }` number-format cells) to an .xlsx. */
export const writeWorkbook = (
  dir: string,
  name: string,
  rows: ReadonlyArray<ReadonlyArray<string | number | { readonly v: number; readonly z: string }>>,
  options: { readonly sheet?: string; readonly date1904?: boolean } = {}
): string => {
  const plain = rows.map((row) => row.map((cell) => (typeof cell === "object" ? cell.v : cell)))
  const sheet = XLSX.utils.aoa_to_sheet(plain)
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell === "object") {
        const target = sheet[XLSX.utils.encode_cell({ r, c })]
        if (target !== undefined) target.z = cell.z
      }
    })
  })
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, options.sheet ?? "Sheet1")
  if (options.date1904 === true) book.Workbook = { WBProps: { date1904: true } }
  const path = join(dir, name)
  writeFileSync(path, XLSX.write(book, { type: "buffer", bookType: "xlsx" }))
  return path
}
