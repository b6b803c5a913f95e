import { relative } from "node:path"
import type { RejectedRow } from "../plan/RejectedRow.js"
import type { HeaderMapping } from "../ingest/HeaderMap.js"
import { missingRowsText } from "../plan/Planner.js"
import type { ValidateResult } from "../validate/runValidate.js"

const breakdown = (counts: Readonly<Record<string, number>>): string => {
  const parts = Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ${n}`)
  return parts.length === 0 ? "" : `  (${parts.join(", ")})`
}

// Terminal output: control characters from cells must not move the cursor or recolour the screen.
const printable = (text: string, width: number): string => {
  const clean = text.replace(/\p{C}/gu, " ")
  return clean.length > width ? `${clean.slice(0, width - 1)}…` : clean
}

/** A plain-text table, widest column last so that long messages wrap at the terminal's edge. */
const renderTable = (rows: ReadonlyArray<RejectedRow>): string => {
  const head = ["Row", "Reference", "Column", "Value", "Code", "Message"]
  const body = rows.map((r) => [
    String(r.rowNumber),
    printable(r.reference ?? "", 16),
    printable(r.column ?? "", 24),
    printable(r.value ?? "", 24),
    r.code,
    printable(r.message, 400)
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd()
  return [line(head), line(widths.map((w) => "-".repeat(Math.min(w, 60)))), ...body.map(line)].join("\n")
}

/** Which column fills which field, in the file's column order, then the columns left unread. */
const renderColumns = (mapping: HeaderMapping): string => {
  const names = mapping.fields.map((f) => `"${printable(f.header, 40)}"`)
  const width = Math.max(0, ...names.map((name) => name.length))
  const lines = mapping.fields.map((f, i) => `  ${(names[i] ?? "").padEnd(width)}  → ${f.field}`)
  if (mapping.ignored.length > 0)
    lines.push(`  not used: ${mapping.ignored.map((h) => `"${printable(h, 40)}"`).join(", ")}`)
  return lines.join("\n")
}

/** What `nordscreen validate` prints on stdout. */
export const renderValidate = (result: ValidateResult): string => {
  const { counts, source } = result
  const how =
    source.format === "csv"
      ? `CSV, ${source.encoding ?? "?"}, delimiter ${source.delimiter === "\t" ? "tab" : `"${source.delimiter}"`}`
      : `XLSX, sheet "${source.sheet ?? "?"}"${source.date1904 === true ? ", 1904 dates" : ""}`
  const lines = [
    `nordscreen validate — ${source.file} (${how}), ${result.mode} mode`,
    "",
    `  rows read       ${counts.rows}`,
    `  entities        ${counts.entities}${breakdown(counts.entitiesByAdapter)}`,
    `  duplicate rows  ${counts.duplicates}`,
    `  rejected rows   ${counts.rejected}${breakdown(counts.rejectedByCode)}`,
    `  with warnings   ${counts.rowsWithWarnings}${breakdown(counts.warningsByCode)}`,
    "",
    `Columns (header row ${result.headerRowNumber}):`,
    renderColumns(result.mapping),
    ""
  ]
  if (counts.missingColumns.length > 0) {
    lines.push("Header problems:")
    for (const missing of counts.missingColumns)
      lines.push(`  ${printable(`${missing.message} ${missingRowsText(missing)}`, 2000)}`)
    lines.push("")
  }
  if (result.firstRejected.length > 0) {
    const byHeader = counts.missingColumns.reduce((sum, missing) => sum + missing.rows, 0)
    const more = counts.rejected - byHeader - result.firstRejected.length
    lines.push("Rejected rows:", renderTable(result.firstRejected))
    if (more > 0) lines.push(`… and ${more} more in rejected.csv`)
    lines.push("")
  }
  lines.push(`Written to ${result.outDir}: ${result.files.map((f) => relative(result.outDir, f)).join(", ")}`)
  lines.push("No API call was made.")
  return lines.join("\n")
}
