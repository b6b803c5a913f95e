import { safeCell } from "./safeCell.js"

export type CsvValue = string | number | boolean | null | undefined

/** Delimiter of every CSV the tool writes: Nordic Excel opens `;`-separated UTF-8 (with BOM) directly. */
const CSV_DELIMITER = ";"
export const CSV_BOM = "\uFEFF"

const field = (value: CsvValue): string => {
  if (value === null || value === undefined) return ""
  const text = typeof value === "string" ? safeCell(value) : String(value)
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV record with CRLF, formula-safe and quoted where needed. */
export const csvLine = (values: ReadonlyArray<CsvValue>): string =>
  `${values.map(field).join(CSV_DELIMITER)}\r\n`
