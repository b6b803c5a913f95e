import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"

const RejectedRow = Schema.Struct({ row_number: Schema.Number, json: Schema.String })
const RejectedInsert = Schema.Struct({ run_id: Schema.String, ...RejectedRow.fields })

/** Table `rejected`: portfolio rows refused by validation, as JSON (`StoredRejected`). */
export const makeRejectedStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    insertMany: SqlSchema.void({
      Request: Schema.Array(RejectedInsert),
      execute: (rows) => (rows.length === 0 ? Effect.void : sql`INSERT INTO rejected ${sql.insert(rows)}`)
    }),
    deleteOfRun: SqlSchema.void({
      Request: Schema.String,
      execute: (runId) => sql`DELETE FROM rejected WHERE run_id = ${runId}`
    }),
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: RejectedRow,
      execute: (runId) =>
        sql`SELECT row_number, json FROM rejected WHERE run_id = ${runId} ORDER BY row_number`
    })
  }
})
export type RejectedStore = Effect.Effect.Success<typeof makeRejectedStore>
