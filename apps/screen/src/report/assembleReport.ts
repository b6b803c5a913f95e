import type { RunRow } from "../journal/Journal.js"
import { StoredCounts } from "../journal/records.js"
import { decodeOr } from "../internal/decodeOr.js"
import type { ReportContent } from "./buildReport.js"
import type { BuiltReport, RunMetadata } from "./RunReport.js"
import { countUnknownFields } from "./runMetadata.js"
import { summarizeEntities } from "./summarize.js"

/** The report of a run: its metadata, content and changes, with the summary of them. */
export const assembleReport = (
  run: RunRow,
  metadata: RunMetadata,
  content: ReportContent,
  changes: BuiltReport["changes"]
): BuiltReport => {
  const counts = decodeOr(StoredCounts, run.counts_json, { rows: 0, entities: 0, duplicates: 0, rejected: 0 })
  return {
    run: { ...metadata, unknownFields: countUnknownFields(content.entities) },
    summary: summarizeEntities(
      content.entities,
      { rows: counts.rows, duplicateRows: counts.duplicates, rejectedRows: content.rejectedCount },
      content.failureCount,
      changes.length
    ),
    entities: content.entities,
    rejected: content.rejected,
    failures: content.failures,
    changes
  }
}
