import type { RunRow } from "../journal/Journal.js"
import { type RunPlanOptions, StoredSource } from "../journal/records.js"
import { decodeOr } from "../internal/decodeOr.js"
import { toolVersion } from "../version.js"
import type { Environment, RunMetadata, TakenOver } from "./RunReport.js"

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
    takenOver
  }
}
