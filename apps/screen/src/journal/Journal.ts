import { chmodSync, closeSync, existsSync, openSync } from "node:fs"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { JournalFailed } from "./JournalFailed.js"
import { JOURNAL_SCHEMA } from "./schema.js"

export type RunStatus = "planning" | "running" | "interrupted" | "completed" | "abandoned"
export type EntityStatus = "pending" | "done" | "failed"

const RunRow = Schema.Struct({
  run_id: Schema.String,
  input_path: Schema.String,
  input_sha256: Schema.String,
  options_json: Schema.String,
  status: Schema.Literal("planning", "running", "interrupted", "completed", "abandoned"),
  started_at: Schema.String,
  finished_at: Schema.NullOr(Schema.String),
  out_dir: Schema.String,
  environment: Schema.String,
  simulated: Schema.Number,
  source_json: Schema.NullOr(Schema.String),
  counts_json: Schema.NullOr(Schema.String)
})
export type RunRow = typeof RunRow.Type

const EntityRow = Schema.Struct({
  key: Schema.String,
  ordinal: Schema.Number,
  adapter_id: Schema.String,
  input_json: Schema.String,
  subject: Schema.String,
  directory: Schema.String,
  warnings_json: Schema.String,
  status: Schema.Literal("pending", "done", "failed"),
  session_id: Schema.NullOr(Schema.String),
  summary_json: Schema.NullOr(Schema.String),
  failure_json: Schema.NullOr(Schema.String)
})
export type EntityRow = typeof EntityRow.Type

const RowLink = Schema.Struct({
  row_number: Schema.Number,
  key: Schema.String,
  reference: Schema.NullOr(Schema.String)
})
export type RowLink = typeof RowLink.Type

const RejectedJson = Schema.Struct({ row_number: Schema.Number, json: Schema.String })

const StepRow = Schema.Struct({
  state: Schema.Literal("attempted", "refused", "done"),
  value_json: Schema.NullOr(Schema.String)
})

const ArtifactRow = Schema.Struct({
  key: Schema.String,
  kind: Schema.String,
  path: Schema.String,
  sha256: Schema.String,
  bytes: Schema.Number
})
export type ArtifactRow = typeof ArtifactRow.Type

const CountRow = Schema.Struct({ status: Schema.String, n: Schema.Number })

export interface NewRun {
  readonly runId: string
  readonly inputPath: string
  readonly inputSha256: string
  readonly optionsJson: string
  readonly startedAt: string
  readonly outDir: string
  readonly environment: string
  readonly simulated: boolean
}

export interface PlannedEntityRow {
  readonly key: string
  readonly ordinal: number
  readonly adapterId: string
  readonly inputJson: string
  readonly subject: string
  readonly directory: string
  readonly warningsJson: string
}

export interface PlanBatch {
  readonly entities: ReadonlyArray<PlannedEntityRow>
  readonly rows: ReadonlyArray<{
    readonly rowNumber: number
    readonly key: string
    readonly reference: string | null
  }>
  readonly rejected: ReadonlyArray<{ readonly rowNumber: number; readonly json: string }>
}

export interface StepRecordRow {
  readonly state: "attempted" | "refused" | "done"
  /** JSON text of the encoded step result; null unless done. */
  readonly valueJson: string | null
}

export interface StatusCounts {
  readonly pending: number
  readonly done: number
  readonly failed: number
}

/** The run journal: one SQLite database per workspace, every write committed before it returns. */
export interface JournalShape {
  readonly findUnfinished: (inputSha256: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  readonly lastCompleted: (exceptRunId: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  readonly createRun: (run: NewRun) => Effect.Effect<void, JournalFailed>
  readonly setStatus: (
    runId: string,
    status: RunStatus,
    finishedAt: string | null
  ) => Effect.Effect<void, JournalFailed>
  readonly setPlanned: (
    runId: string,
    sourceJson: string,
    countsJson: string
  ) => Effect.Effect<void, JournalFailed>
  /** Drops a half-written plan (planning is repeated from the file; no API call depends on it). */
  readonly clearPlan: (runId: string) => Effect.Effect<void, JournalFailed>
  readonly insertPlan: (runId: string, batch: PlanBatch) => Effect.Effect<void, JournalFailed>
  /** Entities still to screen, in portfolio order, after `afterOrdinal`. */
  readonly toScreen: (
    runId: string,
    afterOrdinal: number,
    limit: number,
    retryFailed: (row: EntityRow) => boolean
  ) => Effect.Effect<ReadonlyArray<EntityRow>, JournalFailed>
  readonly counts: (runId: string) => Effect.Effect<StatusCounts, JournalFailed>
  readonly markDone: (
    runId: string,
    key: string,
    sessionId: string,
    summaryJson: string
  ) => Effect.Effect<void, JournalFailed>
  readonly markFailed: (
    runId: string,
    key: string,
    sessionId: string | null,
    failureJson: string
  ) => Effect.Effect<void, JournalFailed>
  readonly entities: (runId: string) => Effect.Effect<ReadonlyArray<EntityRow>, JournalFailed>
  readonly rowLinks: (runId: string) => Effect.Effect<ReadonlyArray<RowLink>, JournalFailed>
  readonly rejected: (runId: string) => Effect.Effect<ReadonlyArray<string>, JournalFailed>
  readonly readStep: (
    runId: string,
    key: string,
    step: string
  ) => Effect.Effect<StepRecordRow | undefined, JournalFailed>
  readonly writeStep: (
    runId: string,
    key: string,
    step: string,
    record: StepRecordRow
  ) => Effect.Effect<void, JournalFailed>
  readonly recordArtifact: (runId: string, artifact: ArtifactRow) => Effect.Effect<void, JournalFailed>
  readonly artifacts: (runId: string) => Effect.Effect<ReadonlyArray<ArtifactRow>, JournalFailed>
}

export class Journal extends Context.Tag("@nordscreen/screen/Journal")<Journal, JournalShape>() {}

export const JOURNAL_FILE = "journal.sqlite"

const now = () => new Date().toISOString()

const make = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const failed = (what: string) => (cause: unknown) =>
    new JournalFailed({ operation: what, reason: cause instanceof Error ? cause.message : String(cause) })

  const run = <A>(what: string, effect: Effect.Effect<A, unknown>) =>
    effect.pipe(Effect.mapError(failed(what)))

  const query = <A, I>(
    what: string,
    schema: Schema.Schema<A, I>,
    statement: Effect.Effect<unknown, unknown>
  ) => run(what, Effect.flatMap(statement, Schema.decodeUnknown(Schema.Array(schema))))

  yield* run("open", sql`PRAGMA synchronous = FULL`)
  yield* run("open", sql`PRAGMA busy_timeout = 5000`)
  for (const ddl of JOURNAL_SCHEMA) yield* run("migrate", sql.unsafe(ddl))

  const firstRun = (rows: ReadonlyArray<RunRow>) => Option.fromNullable(rows[0])

  const shape: JournalShape = {
    findUnfinished: (sha) =>
      Effect.map(
        query(
          "find run",
          RunRow,
          sql`SELECT * FROM runs WHERE input_sha256 = ${sha} AND status NOT IN ('completed', 'abandoned') ORDER BY started_at DESC LIMIT 1`
        ),
        firstRun
      ),
    lastCompleted: (except) =>
      Effect.map(
        query(
          "find previous run",
          RunRow,
          sql`SELECT * FROM runs WHERE status = 'completed' AND run_id != ${except} ORDER BY finished_at DESC LIMIT 1`
        ),
        firstRun
      ),
    createRun: (r) =>
      run(
        "create run",
        sql`INSERT INTO runs ${sql.insert({
          run_id: r.runId,
          input_path: r.inputPath,
          input_sha256: r.inputSha256,
          options_json: r.optionsJson,
          status: "planning",
          started_at: r.startedAt,
          out_dir: r.outDir,
          environment: r.environment,
          simulated: r.simulated ? 1 : 0
        })}`
      ),
    setStatus: (runId, status, finishedAt) =>
      run(
        "set run status",
        sql`UPDATE runs SET status = ${status}, finished_at = ${finishedAt} WHERE run_id = ${runId}`
      ),
    setPlanned: (runId, sourceJson, countsJson) =>
      run(
        "finish plan",
        sql`UPDATE runs SET status = 'running', source_json = ${sourceJson}, counts_json = ${countsJson} WHERE run_id = ${runId}`
      ),
    clearPlan: (runId) =>
      run(
        "clear plan",
        sql.withTransaction(
          Effect.all([
            sql`DELETE FROM entities WHERE run_id = ${runId}`,
            sql`DELETE FROM entity_rows WHERE run_id = ${runId}`,
            sql`DELETE FROM rejected WHERE run_id = ${runId}`
          ])
        )
      ),
    insertPlan: (runId, batch) =>
      run(
        "write plan",
        sql.withTransaction(
          Effect.gen(function* () {
            const at = now()
            if (batch.entities.length > 0)
              yield* sql`INSERT INTO entities ${sql.insert(
                batch.entities.map((e) => ({
                  run_id: runId,
                  key: e.key,
                  ordinal: e.ordinal,
                  adapter_id: e.adapterId,
                  input_json: e.inputJson,
                  subject: e.subject,
                  directory: e.directory,
                  warnings_json: e.warningsJson,
                  status: "pending",
                  updated_at: at
                }))
              )}`
            if (batch.rows.length > 0)
              yield* sql`INSERT INTO entity_rows ${sql.insert(
                batch.rows.map((r) => ({
                  run_id: runId,
                  row_number: r.rowNumber,
                  key: r.key,
                  reference: r.reference
                }))
              )}`
            if (batch.rejected.length > 0)
              yield* sql`INSERT INTO rejected ${sql.insert(
                batch.rejected.map((r) => ({ run_id: runId, row_number: r.rowNumber, json: r.json }))
              )}`
          })
        )
      ),
    toScreen: (runId, after, limit, retryFailed) =>
      Effect.gen(function* () {
        const out: Array<EntityRow> = []
        let cursor = after
        // Failed entities that stay failed are skipped page by page, so a page can come back short.
        while (out.length < limit) {
          const page = yield* query(
            "read entities",
            EntityRow,
            sql`SELECT key, ordinal, adapter_id, input_json, subject, directory, warnings_json, status, session_id, summary_json, failure_json FROM entities WHERE run_id = ${runId} AND ordinal > ${cursor} AND status != 'done' ORDER BY ordinal LIMIT ${limit}`
          )
          for (const row of page) if (row.status === "pending" || retryFailed(row)) out.push(row)
          const last = page[page.length - 1]
          if (last === undefined || page.length < limit) break
          cursor = last.ordinal
        }
        return out
      }),
    counts: (runId) =>
      Effect.map(
        query(
          "count entities",
          CountRow,
          sql`SELECT status, COUNT(*) AS n FROM entities WHERE run_id = ${runId} GROUP BY status`
        ),
        (rows) => {
          const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0
          return { pending: of("pending"), done: of("done"), failed: of("failed") }
        }
      ),
    markDone: (runId, key, sessionId, summaryJson) =>
      run(
        "record result",
        sql`UPDATE entities SET status = 'done', session_id = ${sessionId}, summary_json = ${summaryJson}, failure_json = NULL, updated_at = ${now()} WHERE run_id = ${runId} AND key = ${key}`
      ),
    markFailed: (runId, key, sessionId, failureJson) =>
      run(
        "record failure",
        sql`UPDATE entities SET status = 'failed', session_id = COALESCE(${sessionId}, session_id), failure_json = ${failureJson}, updated_at = ${now()} WHERE run_id = ${runId} AND key = ${key}`
      ),
    entities: (runId) =>
      query(
        "read entities",
        EntityRow,
        sql`SELECT key, ordinal, adapter_id, input_json, subject, directory, warnings_json, status, session_id, summary_json, failure_json FROM entities WHERE run_id = ${runId} ORDER BY ordinal`
      ),
    rowLinks: (runId) =>
      query(
        "read rows",
        RowLink,
        sql`SELECT row_number, key, reference FROM entity_rows WHERE run_id = ${runId} ORDER BY row_number`
      ),
    rejected: (runId) =>
      Effect.map(
        query(
          "read rejected rows",
          RejectedJson,
          sql`SELECT row_number, json FROM rejected WHERE run_id = ${runId} ORDER BY row_number`
        ),
        (rows) => rows.map((r) => r.json)
      ),
    readStep: (runId, key, step) =>
      Effect.map(
        query(
          "read step",
          StepRow,
          sql`SELECT state, value_json FROM steps WHERE run_id = ${runId} AND key = ${key} AND step = ${step}`
        ),
        (rows) => {
          const row = rows[0]
          return row === undefined ? undefined : { state: row.state, valueJson: row.value_json }
        }
      ),
    writeStep: (runId, key, step, record) => {
      const at = now()
      return run(
        "write step",
        record.state === "attempted"
          ? sql`INSERT INTO steps (run_id, key, step, state, value_json, attempted_at) VALUES (${runId}, ${key}, ${step}, 'attempted', NULL, ${at})
              ON CONFLICT (run_id, key, step) DO UPDATE SET state = 'attempted', value_json = NULL, attempted_at = ${at}, done_at = NULL`
          : record.state === "refused"
            ? sql`INSERT INTO steps (run_id, key, step, state, value_json, attempted_at, done_at) VALUES (${runId}, ${key}, ${step}, 'refused', NULL, ${at}, ${at})
              ON CONFLICT (run_id, key, step) DO UPDATE SET state = 'refused', value_json = NULL, done_at = ${at}`
            : sql`INSERT INTO steps (run_id, key, step, state, value_json, attempted_at, done_at) VALUES (${runId}, ${key}, ${step}, 'done', ${record.valueJson}, ${at}, ${at})
              ON CONFLICT (run_id, key, step) DO UPDATE SET state = 'done', value_json = ${record.valueJson}, done_at = ${at}`
      )
    },
    recordArtifact: (runId, a) =>
      run(
        "record artifact",
        sql`INSERT INTO artifacts (run_id, key, kind, path, sha256, bytes, written_at) VALUES (${runId}, ${a.key}, ${a.kind}, ${a.path}, ${a.sha256}, ${a.bytes}, ${now()})
            ON CONFLICT (run_id, key, kind) DO UPDATE SET path = ${a.path}, sha256 = ${a.sha256}, bytes = ${a.bytes}, written_at = ${now()}`
      ),
    artifacts: (runId) =>
      query(
        "read artifacts",
        ArtifactRow,
        sql`SELECT key, kind, path, sha256, bytes FROM artifacts WHERE run_id = ${runId} ORDER BY key, kind`
      )
  }
  return shape
})

/** Creates the database file owner-only before SQLite opens it (SQLite would use the umask). */
const ownerOnlyFile = (path: string) => {
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600))
  chmodSync(path, 0o600)
}

/** The journal of `workspace` (which must exist, owner-only). WAL mode, synchronous commits. */
export const journalLayer = (workspace: string): Layer.Layer<Journal, JournalFailed> => {
  const filename = join(workspace, JOURNAL_FILE)
  const sqlite = Layer.unwrapEffect(
    Effect.try({
      try: () => {
        ownerOnlyFile(filename)
        return SqliteClient.layer({ filename })
      },
      catch: (cause) =>
        new JournalFailed({
          operation: "open",
          reason: `${filename}: ${cause instanceof Error ? cause.message : String(cause)}`
        })
    })
  ).pipe(
    Layer.mapError((error) =>
      error instanceof JournalFailed ? error : new JournalFailed({ operation: "open", reason: String(error) })
    )
  )
  return Layer.effect(Journal, make).pipe(Layer.provide(sqlite))
}
