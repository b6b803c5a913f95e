import { CSV_BOM, csvLine } from "../internal/csvLine.js"
import { entityHeader, entityRow } from "./internal/tables.js"
import { collectText, type TextOut } from "./internal/TextOut.js"
import type { ReportParts } from "./RunReport.js"

/** The leading `Data` column: where every row's data came from. */
const dataSource = (report: ReportParts): string =>
  report.run.simulated ? "SIMULATED" : `BankID ${report.run.environment}`

/**
 * report.csv: the header, then one row per entity, `;`-separated UTF-8 with BOM, formula-safe.
 * The header is the first line so any CSV reader takes the file; the `Data` column says on every
 * row whether it is simulated. Written as the entities are read.
 */
export const writeCsv = async (report: ReportParts, out: TextOut): Promise<void> => {
  const source = dataSource(report)
  await out.write(CSV_BOM + csvLine(["Data", ...entityHeader]))
  for await (const e of report.entities) await out.write(csvLine([source, ...entityRow(report, e)]))
}

/** report.csv as a string (tests, small reports). */
export const renderCsv = (report: ReportParts): Promise<string> => collectText((out) => writeCsv(report, out))
