import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"

const RunStatusSchema = Schema.Literal("planning", "running", "interrupted", "completed", "abandoned")
export type RunStatus = typeof RunStatusSchema.Type

export const RunRow = Schema.Struct({
  run_id: Schema.String,
  input_path: Schema.String,
  input_sha256: Schema.String,
  options_json: Schema.String,
  status: RunStatusSchema,
  started_at: Schema.String,
  finished_at: Schema.NullOr(Schema.String),
  out_dir: Schema.String,
  environment: Schema.String,
  simulated: Schema.Number,
  source_json: Schema.NullOr(Schema.String),
  counts_json: Schema.NullOr(Schema.String)
})
export type RunRow = typeof RunRow.Type

/** A run as first recorded, while its plan is written. */
const NewRunRow = Schema.Struct({
  run_id: Schema.String,
  input_path: Schema.String,
  input_sha256: Schema.String,
  options_json: Schema.String,
  started_at: Schema.String,
  out_dir: Schema.String,
  environment: Schema.String,
  simulated: Schema.Boolean
})

/** Table `runs`: one row per run of a portfolio. Writes are statements for the journal writer. */
export const makeRunStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    /** The latest run of this input that is neither completed nor abandoned. */
    findUnfinished: SqlSchema.findOne({
      Request: Schema.String,
      Result: RunRow,
      execute: (sha) =>
        sql`SELECT * FROM runs WHERE input_sha256 = ${sha} AND status NOT IN ('completed', 'abandoned') ORDER BY started_at DESC LIMIT 1`
    }),
    /** A run by its id. */
    findById: SqlSchema.findOne({
      Request: Schema.String,
      Result: RunRow,
      execute: (runId) => sql`SELECT * FROM runs WHERE run_id = ${runId}`
    }),
    /** The latest completed run other than the given one. */
    lastCompleted: SqlSchema.findOne({
      Request: Schema.String,
      Result: RunRow,
      execute: (except) =>
        sql`SELECT * FROM runs WHERE status = 'completed' AND run_id != ${except} ORDER BY finished_at DESC LIMIT 1`
    }),
    /** The latest completed or abandoned run of this input other than `except`. */
    previousRunOf: SqlSchema.findOne({
      Request: Schema.Struct({ sha: Schema.String, except: Schema.String }),
      Result: RunRow,
      execute: ({ sha, except }) =>
        sql`SELECT * FROM runs WHERE input_sha256 = ${sha} AND run_id != ${except} AND status IN ('completed', 'abandoned') ORDER BY started_at DESC LIMIT 1`
    }),
    insert: (run: typeof NewRunRow.Type): JournalStatement =>
      sql`INSERT INTO runs ${sql.insert({ ...run, status: "planning", simulated: run.simulated ? 1 : 0 })}`,
    setStatus: (r: {
      readonly run_id: string
      readonly status: RunStatus
      readonly finished_at: string | null
    }): JournalStatement =>
      sql`UPDATE runs SET status = ${r.status}, finished_at = ${r.finished_at} WHERE run_id = ${r.run_id}`,
    /** The plan is written: the run is running, with its source and counts. */
    setPlanned: (r: {
      readonly run_id: string
      readonly source_json: string
      readonly counts_json: string
    }): JournalStatement =>
      sql`UPDATE runs SET status = 'running', source_json = ${r.source_json}, counts_json = ${r.counts_json} WHERE run_id = ${r.run_id}`,
    /** Removes the run if it is still planning. */
    deletePlanning: (runId: string): JournalStatement =>
      sql`DELETE FROM runs WHERE run_id = ${runId} AND status = 'planning'`
  }
})
