import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"

export const TakeoverStateSchema = Schema.Literal("follow", "gone", "unknown")
export type TakeoverState = typeof TakeoverStateSchema.Type

type TakeoverInsert = {
  readonly run_id: string
  readonly key: string
  readonly from_run_id: string
  readonly session_id: string | null
  readonly state: TakeoverState
  readonly seen_at: string
}

const TakeoverCountRow = Schema.Struct({
  from_run_id: Schema.String,
  state: TakeoverStateSchema,
  n: Schema.Number
})

/**
 * Table `takeovers`: sessions (or unknown creates) of an earlier run of the same input that a
 * run inherits instead of paying for them again (see migration 0001 for the states).
 */
export const makeTakeoverStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    insertMany: (rows: ReadonlyArray<TakeoverInsert>): ReadonlyArray<JournalStatement> =>
      rows.length === 0 ? [] : [sql`INSERT INTO takeovers ${sql.insert(rows)}`],
    markGone: ({ run_id, key }: { readonly run_id: string; readonly key: string }): JournalStatement =>
      sql`UPDATE takeovers SET state = 'gone' WHERE run_id = ${run_id} AND key = ${key}`,
    deleteOfRun: (runId: string): JournalStatement => sql`DELETE FROM takeovers WHERE run_id = ${runId}`,
    countsOfRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: TakeoverCountRow,
      execute: (runId) =>
        sql`SELECT from_run_id, state, COUNT(*) AS n FROM takeovers WHERE run_id = ${runId} GROUP BY from_run_id, state`
    })
  }
})
