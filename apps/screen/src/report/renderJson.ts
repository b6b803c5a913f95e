import { type EntityRecord, type RunReport, SIMULATED_BANNER } from "./RunReport.js"

const publicEntity = (report: RunReport, e: EntityRecord) => {
  const { identifier, identifierMasked, ...rest } = e
  return { ...rest, identifier: report.run.revealIds ? identifier : identifierMasked }
}

/** report.json: `summary`, `entities`, `rejected`, `failures`, `changes`, `run` (plus a banner when simulated). */
export const renderJson = (report: RunReport): string =>
  JSON.stringify(
    {
      ...(report.run.simulated ? { banner: SIMULATED_BANNER } : {}),
      summary: report.summary,
      entities: report.entities.map((e) => publicEntity(report, e)),
      rejected: report.rejected,
      failures: report.failures,
      changes: report.changes,
      run: report.run
    },
    null,
    2
  )
