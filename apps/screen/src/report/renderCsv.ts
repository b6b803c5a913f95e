import { CSV_BOM, csvLine } from "../internal/csvLine.js"
import { entityHeader, entityRow } from "./internal/tables.js"
import type { RunReport } from "./RunReport.js"

/** The leading `Data` column: where every row's data came from. */
const dataSource = (report: RunReport): string =>
  report.run.simulated ? "SIMULATED" : `BankID ${report.run.environment}`

/**
 * report.csv: the header, then one row per entity, `;`-separated UTF-8 with BOM, formula-safe.
 * The header is the first line so any CSV reader takes the file; the `Data` column says on every
 * row whether it is simulated.
 */
export const renderCsv = (report: RunReport): string => {
  const source = dataSource(report)
  return (
    CSV_BOM +
    csvLine(["Data", ...entityHeader]) +
    report.entities.map((e) => csvLine([source, ...entityRow(report, e)])).join("")
  )
}
