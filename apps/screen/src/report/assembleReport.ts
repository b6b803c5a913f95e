import type { RunRow } from "../journal/Journal.js"
import { StoredCounts } from "../journal/records.js"
import { decodeOr } from "../internal/decodeOr.js"
import type { ReportContent } from "./buildReport.js"
import type { RunMetadata, RunReport } from "./RunReport.js"
import { summarizeEntities } from "./summarize.js"

/** The report of a run: its metadata, content and changes, with the summary of them. */
export const assembleReport = (
  run: RunRow,
  metadata: RunMetadata,
  content: ReportContent,
  changes: RunReport["changes"]
): RunReport => {
  const counts = decodeOr(StoredCounts, run.counts_json, { rows: 0, entities: 0, duplicates: 0, rejected: 0 })
  return {
    run: metadata,
    summary: summarizeEntities(
      content.entities,
      { rows: counts.rows, duplicateRows: counts.duplicates, rejectedRows: content.rejected.length },
      content.failures.length,
      changes.length
    ),
    entities: content.entities,
    rejected: content.rejected,
    failures: content.failures,
    changes
  }
}
