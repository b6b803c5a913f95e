import { CSV_BOM, csvLine } from "./internal/csvLine.js"
import { entityHeader, entityRow } from "./internal/tables.js"
import { type RunReport, SIMULATED_BANNER } from "./RunReport.js"

/** report.csv: one row per entity, `;`-separated UTF-8 with BOM, formula-safe. */
export const renderCsv = (report: RunReport): string =>
  CSV_BOM +
  (report.run.simulated ? csvLine([SIMULATED_BANNER]) : "") +
  csvLine(entityHeader) +
  report.entities.map((e) => csvLine(entityRow(report, e))).join("")
