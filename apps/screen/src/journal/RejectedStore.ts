import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"

const RejectedRow = Schema.Struct({ row_number: Schema.Number, json: Schema.String })
type RejectedInsert = typeof RejectedRow.Type & { readonly run_id: string }

/** Table `rejected`: portfolio rows refused by validation, as JSON (`StoredRejected`). */
export const makeRejectedStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    insertMany: (rows: ReadonlyArray<RejectedInsert>): ReadonlyArray<JournalStatement> =>
      rows.length === 0 ? [] : [sql`INSERT INTO rejected ${sql.insert(rows)}`],
    deleteOfRun: (runId: string): JournalStatement => sql`DELETE FROM rejected WHERE run_id = ${runId}`,
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: RejectedRow,
      execute: (runId) =>
        sql`SELECT row_number, json FROM rejected WHERE run_id = ${runId} ORDER BY row_number`
    })
  }
})
