import type { RunRow } from "../journal/Journal.js"
import { type RunPlanOptions, StoredSource } from "../journal/records.js"
import { decodeOr } from "../internal/decodeOr.js"
import { toolVersion } from "../version.js"
import type { EntityRecord, Environment, RunMetadata, TakenOver, UnknownFieldCount } from "./RunReport.js"

/** The report's `run` section from the journal's record of the run. */
export const runMetadata = (
  run: RunRow,
  plan: RunPlanOptions,
  options: RunMetadata["options"],
  finishedAt: string,
  previousRunId: string | null,
  takenOver: TakenOver | null
): RunMetadata => {
  const source: typeof StoredSource.Type = decodeOr(StoredSource, run.source_json, {
    file: run.input_path,
    format: "csv" as const
  })
  const environment: Environment =
    run.environment === "prod" || run.environment === "preprod" ? run.environment : "simulator"
  return {
    tool: "nordscreen",
    version: toolVersion,
    runId: run.run_id,
    environment,
    simulated: run.simulated === 1,
    mode: plan.mode,
    input: {
      file: run.input_path,
      sha256: run.input_sha256,
      format: source.format,
      sheet: source.sheet ?? null
    },
    options,
    revealIds: plan.revealIds,
    startedAt: run.started_at,
    finishedAt,
    previousRunId,
    takenOver,
    // Counted from the entities when the report is assembled (`countUnknownFields`).
    unknownFields: []
  }
}

/** Per adapter and path, the number of entities whose result had a field the schema does not know. */
export const countUnknownFields = (entities: Iterable<EntityRecord>): ReadonlyArray<UnknownFieldCount> => {
  const counts = new Map<string, number>()
  for (const entity of entities)
    for (const path of entity.unknownFields ?? []) {
      const key = `${entity.adapterId}:${path}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  return [...counts.entries()]
    .map(([path, count]) => ({ path, count }))
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path))
}
