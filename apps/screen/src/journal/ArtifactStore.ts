import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"

export const ArtifactRow = Schema.Struct({
  key: Schema.String,
  kind: Schema.String,
  path: Schema.String,
  sha256: Schema.String,
  bytes: Schema.Number
})
export type ArtifactRow = typeof ArtifactRow.Type

const ArtifactRecord = Schema.Struct({
  run_id: Schema.String,
  ...ArtifactRow.fields,
  written_at: Schema.String
})

/** Table `artifacts`: files of an entity durably in place in the run directory, with their hash. */
export const makeArtifactStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    /** Records (or replaces) the artifact of this kind of the entity. */
    record: SqlSchema.void({
      Request: ArtifactRecord,
      execute: (a) =>
        sql`INSERT INTO artifacts ${sql.insert(a)}
            ON CONFLICT (run_id, key, kind) DO UPDATE SET path = ${a.path}, sha256 = ${a.sha256}, bytes = ${a.bytes}, written_at = ${a.written_at}`
    }),
    deleteOfEntity: SqlSchema.void({
      Request: Schema.Struct({ run_id: Schema.String, key: Schema.String }),
      execute: ({ run_id, key }) => sql`DELETE FROM artifacts WHERE run_id = ${run_id} AND key = ${key}`
    }),
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: ArtifactRow,
      execute: (runId) =>
        sql`SELECT key, kind, path, sha256, bytes FROM artifacts WHERE run_id = ${runId} ORDER BY key, kind`
    })
  }
})
export type ArtifactStore = Effect.Effect.Success<typeof makeArtifactStore>
