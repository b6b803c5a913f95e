import { createRequire } from "node:module"
import type * as Xlsx from "xlsx"
import type { TableValue } from "./internal/tables.js"
import { reportTables } from "./internal/tables.js"
import { type RunReport, SIMULATED_BANNER } from "./RunReport.js"
import { safeCell } from "../internal/safeCell.js"

// Writing our own data is not exposed to the parser advisories of xlsx 0.18.5 (they concern
// reading untrusted files), so this runs in the main process.
const XLSX: typeof Xlsx = createRequire(import.meta.url)("xlsx")

const cell = (value: TableValue): string | number =>
  value === null ? "" : typeof value === "string" ? safeCell(value) : value

/** report.xlsx: sheets Summary, Hits, Changes, Entities, Rejected, Failures. */
export const renderXlsx = (report: RunReport): Buffer => {
  const book = XLSX.utils.book_new()
  for (const table of reportTables(report)) {
    const banner = report.run.simulated ? [[SIMULATED_BANNER]] : []
    const sheet = XLSX.utils.aoa_to_sheet([
      ...banner,
      table.header.map(cell),
      ...table.rows.map((row) => row.map(cell))
    ])
    sheet["!cols"] = table.header.map((h) => ({ wch: Math.max(12, Math.min(40, h.length + 4)) }))
    XLSX.utils.book_append_sheet(book, sheet, table.name)
  }
  const out: ArrayBuffer = XLSX.write(book, { type: "array", bookType: "xlsx", compression: true })
  return Buffer.from(out)
}
