import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"

export const ArtifactRow = Schema.Struct({
  key: Schema.String,
  kind: Schema.String,
  path: Schema.String,
  sha256: Schema.String,
  bytes: Schema.Number
})
export type ArtifactRow = typeof ArtifactRow.Type

type ArtifactRecord = ArtifactRow & { readonly run_id: string; readonly written_at: string }

/** Table `artifacts`: files of an entity durably in place in the run directory, with their hash. */
export const makeArtifactStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    /** Records (or replaces) the artifact of this kind of the entity. */
    record: (a: ArtifactRecord): JournalStatement =>
      sql`INSERT INTO artifacts ${sql.insert(a)}
          ON CONFLICT (run_id, key, kind) DO UPDATE SET path = ${a.path}, sha256 = ${a.sha256}, bytes = ${a.bytes}, written_at = ${a.written_at}`,
    deleteOfEntity: ({ run_id, key }: { readonly run_id: string; readonly key: string }): JournalStatement =>
      sql`DELETE FROM artifacts WHERE run_id = ${run_id} AND key = ${key}`,
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: ArtifactRow,
      execute: (runId) =>
        sql`SELECT key, kind, path, sha256, bytes FROM artifacts WHERE run_id = ${runId} ORDER BY key, kind`
    })
  }
})
