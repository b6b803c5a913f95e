import { createWriteStream } from "node:fs"
import { finished } from "node:stream/promises"
import type { Writable } from "node:stream"
import ExcelJS from "exceljs"
import type { TableValue } from "./internal/tables.js"
import { reportTables } from "./internal/tables.js"
import { type ReportParts, SIMULATED_BANNER } from "./RunReport.js"
import { safeCell } from "../internal/safeCell.js"

const cell = (value: TableValue): string | number =>
  value === null ? "" : typeof value === "string" ? safeCell(value) : value

// exceljs writes a committed row into its zip stream without waiting for it to drain; letting the
// event loop turn every few hundred rows lets deflate and the file catch up, so the sheet's XML
// is not buffered whole.
const ROWS_PER_TURN = 256
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * report.xlsx: sheets Summary, Hits, Changes, Entities, Rejected, Failures, streamed to `output`
 * row by row (exceljs' streaming WorkbookWriter, inline strings: nothing held per row).
 */
const writeXlsx = async (report: ReportParts, output: Writable): Promise<void> => {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false
  })
  for (const table of reportTables(report)) {
    const sheet = book.addWorksheet(table.name)
    sheet.columns = table.header.map((h) => ({ width: Math.max(12, Math.min(40, h.length + 4)) }))
    if (report.run.simulated) sheet.addRow([SIMULATED_BANNER]).commit()
    sheet.addRow(table.header.map(cell)).commit()
    let rows = 0
    for await (const row of table.rows()) {
      sheet.addRow(row.map(cell)).commit()
      if (++rows % ROWS_PER_TURN === 0) await turn()
    }
    sheet.commit()
  }
  await book.commit()
}

/** Writes report.xlsx to `path` (owner-only). */
export const writeXlsxFile = async (report: ReportParts, path: string): Promise<void> => {
  const file = createWriteStream(path, { mode: 0o600 })
  const done = finished(file)
  await writeXlsx(report, file)
  await done
}

/** report.xlsx in memory (tests, small reports). */
export const renderXlsx = async (report: ReportParts): Promise<Buffer> => {
  const { PassThrough } = await import("node:stream")
  const chunks: Array<Buffer> = []
  const sink = new PassThrough()
  sink.on("data", (chunk: Buffer) => chunks.push(chunk))
  const done = finished(sink)
  await writeXlsx(report, sink)
  await done
  return Buffer.concat(chunks)
}
