import { reportTables, type Table, type TableValue } from "./internal/tables.js"
import { collectText, type TextOut } from "./internal/TextOut.js"
import { type ReportParts, SIMULATED_BANNER } from "./RunReport.js"
import { replaceControls } from "../internal/safeCell.js"

const escapeHtml = (text: string): string =>
  replaceControls(text).replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch
  )

const colours = ["#2563eb", "#dc2626", "#d97706", "#6b7280", "#7c3aed", "#059669", "#db2777", "#0891b2"]
const outcomeColours: Readonly<Record<string, string>> = {
  clear: "#059669",
  hit: "#dc2626",
  flagged: "#d97706",
  failed: "#6b7280",
  unknown: "#7c3aed"
}

/** A horizontal bar chart as inline SVG: no script, no external asset. */
const barChart = (title: string, data: Readonly<Record<string, number>>): string => {
  const entries = Object.entries(data).sort(([, a], [, b]) => b - a)
  const max = Math.max(1, ...entries.map(([, v]) => v))
  const rowHeight = 24
  const height = Math.max(1, entries.length) * rowHeight + 8
  const bars = entries
    .map(([label, value], i) => {
      const width = Math.round((value / max) * 300)
      const y = i * rowHeight + 4
      const fill = outcomeColours[label] ?? colours[i % colours.length]
      return `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(label)}</text><rect x="170" y="${y}" width="${width}" height="18" fill="${fill}"><title>${escapeHtml(label)}: ${value}</title></rect><text x="${176 + width}" y="${y + 15}" font-size="12">${value}</text>`
    })
    .join("")
  const empty = entries.length === 0 ? `<text x="0" y="18" font-size="12">none</text>` : ""
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="520" height="${height}" role="img" aria-label="${escapeHtml(title)}">${bars}${empty}</svg></figure>`
}

const value = (v: TableValue): string => (v === null ? "" : escapeHtml(String(v)))

// A browser cannot usefully show a million rows; the XLSX and CSV have them all.
const MAX_ROWS = 2000

/** A table with its first `MAX_ROWS` rows (the records past them are not read). */
const writeTable = async (t: Table, out: TextOut): Promise<void> => {
  const shown: Array<string> = []
  if (t.count > 0)
    for await (const row of t.rows()) {
      shown.push(`<tr>${row.map((v) => `<td>${value(v)}</td>`).join("")}</tr>`)
      if (shown.length >= MAX_ROWS) break
    }
  const count = t.count
  const more = count > MAX_ROWS ? `<p>${count - MAX_ROWS} more rows in report.xlsx.</p>` : ""
  const body = shown.length === 0 ? `<tr><td colspan="${t.header.length}">none</td></tr>` : shown.join("\n")
  await out.write(
    `<h2 id="${t.name.toLowerCase()}">${escapeHtml(t.name)} (${count})</h2><table><thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${body}</tbody></table>${more}`
  )
}

const style = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:0 0 2rem}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f3f4f6}
.banner{background:#b91c1c;color:#fff;font-weight:bold;font-size:20px;padding:12px;text-align:center;margin-bottom:1rem}
.charts{display:flex;flex-wrap:wrap;gap:2rem}figcaption{font-weight:bold;margin-bottom:4px}`

/** report.html: self-contained (inline CSS and SVG, no script, no external asset). */
export const writeHtml = async (report: ReportParts, out: TextOut): Promise<void> => {
  const banner = report.run.simulated ? `<div class="banner">${escapeHtml(SIMULATED_BANNER)}</div>` : ""
  const charts = [
    barChart("Entities by outcome", report.summary.byOutcome),
    barChart("Entities by country", report.summary.byCountry),
    barChart("Hits by list", report.summary.hitsByList)
  ].join("")
  await out.write(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nordscreen report ${escapeHtml(report.run.runId)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${style}</style></head><body>
${banner}<h1>nordscreen report — ${escapeHtml(report.run.input.file)}</h1>
<div class="charts">${charts}</div>
`)
  let first = true
  for (const table of reportTables(report)) {
    if (!first) await out.write("\n")
    first = false
    await writeTable(table, out)
  }
  await out.write(`
${banner}</body></html>
`)
}

/** report.html as a string (tests, small reports). */
export const renderHtml = (report: ReportParts): Promise<string> =>
  collectText((out) => writeHtml(report, out))
