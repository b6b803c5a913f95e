import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"

/** A portfolio row and the entity it planned (several rows can plan one entity). */
export const RowLink = Schema.Struct({
  row_number: Schema.Number,
  key: Schema.String,
  reference: Schema.NullOr(Schema.String)
})
export type RowLink = typeof RowLink.Type

type RowLinkInsert = RowLink & { readonly run_id: string }

/** Table `entity_rows`: which portfolio row planned which entity, for the report. */
export const makeRowLinkStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    insertMany: (rows: ReadonlyArray<RowLinkInsert>): ReadonlyArray<JournalStatement> =>
      rows.length === 0 ? [] : [sql`INSERT INTO entity_rows ${sql.insert(rows)}`],
    deleteOfRun: (runId: string): JournalStatement => sql`DELETE FROM entity_rows WHERE run_id = ${runId}`,
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: RowLink,
      execute: (runId) =>
        sql`SELECT row_number, key, reference FROM entity_rows WHERE run_id = ${runId} ORDER BY row_number`
    })
  }
})
