import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"

export const TakeoverStateSchema = Schema.Literal("follow", "gone", "unknown")
export type TakeoverState = typeof TakeoverStateSchema.Type

const TakeoverInsert = Schema.Struct({
  run_id: Schema.String,
  key: Schema.String,
  from_run_id: Schema.String,
  session_id: Schema.NullOr(Schema.String),
  state: TakeoverStateSchema,
  seen_at: Schema.String
})

export const TakeoverCountRow = Schema.Struct({
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
    insertMany: SqlSchema.void({
      Request: Schema.Array(TakeoverInsert),
      execute: (rows) => (rows.length === 0 ? Effect.void : sql`INSERT INTO takeovers ${sql.insert(rows)}`)
    }),
    markGone: SqlSchema.void({
      Request: Schema.Struct({ run_id: Schema.String, key: Schema.String }),
      execute: ({ run_id, key }) =>
        sql`UPDATE takeovers SET state = 'gone' WHERE run_id = ${run_id} AND key = ${key}`
    }),
    deleteOfRun: SqlSchema.void({
      Request: Schema.String,
      execute: (runId) => sql`DELETE FROM takeovers WHERE run_id = ${runId}`
    }),
    countsOfRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: TakeoverCountRow,
      execute: (runId) =>
        sql`SELECT from_run_id, state, COUNT(*) AS n FROM takeovers WHERE run_id = ${runId} GROUP BY from_run_id, state`
    })
  }
})
export type TakeoverStore = Effect.Effect.Success<typeof makeTakeoverStore>
