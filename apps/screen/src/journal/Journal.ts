import { chmodSync, closeSync, existsSync, openSync } from "node:fs"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer, Option, Schema } from "effect"
import type { TakenOver } from "./records.js"
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

export type TakeoverState = "follow" | "gone" | "unknown"
const TakeoverStateSchema = Schema.Literal("follow", "gone", "unknown")

/** An entity still to screen, with what this run inherits for it from an earlier run, if anything. */
const EntityToScreen = Schema.Struct({
  ...EntityRow.fields,
  takeover_state: Schema.NullOr(TakeoverStateSchema),
  takeover_session_id: Schema.NullOr(Schema.String),
  takeover_from: Schema.NullOr(Schema.String)
})
export type EntityToScreen = typeof EntityToScreen.Type

/**
 * An entity an earlier run did not finish that this run plans identically (same key, adapter and
 * input), with what that run had itself inherited (`takeover_from`: the run whose execution it
 * continued).
 */
const UnfinishedRow = Schema.Struct({
  key: Schema.String,
  ordinal: Schema.Number,
  status: Schema.Literal("pending", "failed"),
  session_id: Schema.NullOr(Schema.String),
  failure_json: Schema.NullOr(Schema.String),
  updated_at: Schema.String,
  takeover_state: Schema.NullOr(TakeoverStateSchema),
  takeover_session_id: Schema.NullOr(Schema.String),
  takeover_seen_at: Schema.NullOr(Schema.String),
  takeover_from: Schema.NullOr(Schema.String)
})
export type UnfinishedRow = typeof UnfinishedRow.Type

export interface TakeoverRow {
  readonly key: string
  readonly fromRunId: string
  readonly sessionId: string | null
  readonly state: TakeoverState
  readonly seenAt: string
}

const TakeoverCountRow = Schema.Struct({
  from_run_id: Schema.String,
  state: TakeoverStateSchema,
  n: Schema.Number
})

const RowLink = Schema.Struct({
  row_number: Schema.Number,
  key: Schema.String,
  reference: Schema.NullOr(Schema.String)
})
export type RowLink = typeof RowLink.Type

const RejectedJson = Schema.Struct({ row_number: Schema.Number, json: Schema.String })

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

export interface StatusCounts {
  readonly pending: number
  readonly done: number
  readonly failed: number
}

/** The run journal: one SQLite database per workspace, every write committed before it returns. */
export interface JournalShape {
  readonly findUnfinished: (inputSha256: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  readonly lastCompleted: (exceptRunId: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  /** The latest completed or abandoned run of this input other than `exceptRunId`. */
  readonly previousRunOf: (
    inputSha256: string,
    exceptRunId: string
  ) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  /**
   * Entities `fromRunId` did not finish that `runId` plans identically (see `UnfinishedRow`), in
   * portfolio order after `afterOrdinal`, at most `limit`.
   */
  readonly unfinishedIn: (
    fromRunId: string,
    runId: string,
    afterOrdinal: number,
    limit: number
  ) => Effect.Effect<ReadonlyArray<UnfinishedRow>, JournalFailed>
  readonly insertTakeovers: (
    runId: string,
    rows: ReadonlyArray<TakeoverRow>
  ) => Effect.Effect<void, JournalFailed>
  /**
   * Marks an inherited session gone and forgets this run's steps and artifacts of the entity in
   * one transaction, so that a new session starts clean (no JSON of one session with a PDF of
   * another), also after a crash.
   */
  readonly dropTakeover: (runId: string, key: string) => Effect.Effect<void, JournalFailed>
  readonly takeoverCounts: (runId: string) => Effect.Effect<TakenOver | undefined, JournalFailed>
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
  /**
   * Removes a run that is still planning, with its plan, as if it had never been recorded: for a
   * portfolio refused while it was being read (no API call depends on an unfinished plan).
   */
  readonly dropPlanningRun: (runId: string) => Effect.Effect<void, JournalFailed>
  readonly insertPlan: (runId: string, batch: PlanBatch) => Effect.Effect<void, JournalFailed>
  /** Entities still to screen, in portfolio order, after `afterOrdinal`. */
  readonly toScreen: (
    runId: string,
    afterOrdinal: number,
    limit: number,
    retryFailed: (row: EntityToScreen) => boolean
  ) => Effect.Effect<ReadonlyArray<EntityToScreen>, JournalFailed>
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
    previousRunOf: (sha, except) =>
      Effect.map(
        query(
          "find previous run of the input",
          RunRow,
          sql`SELECT * FROM runs WHERE input_sha256 = ${sha} AND run_id != ${except} AND status IN ('completed', 'abandoned') ORDER BY started_at DESC LIMIT 1`
        ),
        firstRun
      ),
    unfinishedIn: (fromRunId, runId, after, limit) =>
      query(
        "read unfinished entities",
        UnfinishedRow,
        sql`SELECT o.key, o.ordinal, o.status, o.session_id, o.failure_json, o.updated_at,
              t.state AS takeover_state, t.session_id AS takeover_session_id, t.seen_at AS takeover_seen_at, t.from_run_id AS takeover_from
            FROM entities o
            JOIN entities n ON n.run_id = ${runId} AND n.key = o.key AND n.adapter_id = o.adapter_id AND n.input_json = o.input_json
            LEFT JOIN takeovers t ON t.run_id = o.run_id AND t.key = o.key
            WHERE o.run_id = ${fromRunId} AND o.status != 'done' AND o.ordinal > ${after}
            ORDER BY o.ordinal LIMIT ${limit}`
      ),
    insertTakeovers: (runId, rows) =>
      rows.length === 0
        ? Effect.void
        : run(
            "write takeovers",
            sql`INSERT INTO takeovers ${sql.insert(
              rows.map((r) => ({
                run_id: runId,
                key: r.key,
                from_run_id: r.fromRunId,
                session_id: r.sessionId,
                state: r.state,
                seen_at: r.seenAt
              }))
            )}`
          ),
    dropTakeover: (runId, key) =>
      run(
        "drop takeover",
        sql.withTransaction(
          Effect.all([
            sql`UPDATE takeovers SET state = 'gone' WHERE run_id = ${runId} AND key = ${key}`,
            sql`DELETE FROM steps WHERE run_id = ${runId} AND key = ${key}`,
            sql`DELETE FROM artifacts WHERE run_id = ${runId} AND key = ${key}`
          ])
        )
      ),
    takeoverCounts: (runId) =>
      Effect.map(
        query(
          "count takeovers",
          TakeoverCountRow,
          sql`SELECT from_run_id, state, COUNT(*) AS n FROM takeovers WHERE run_id = ${runId} GROUP BY from_run_id, state`
        ),
        (rows): TakenOver | undefined => {
          const first = rows[0]
          if (first === undefined) return undefined
          const of = (state: TakeoverState) => rows.find((r) => r.state === state)?.n ?? 0
          return {
            fromRunId: first.from_run_id,
            sessions: of("follow") + of("gone"),
            gone: of("gone"),
            unknown: of("unknown")
          }
        }
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
            sql`DELETE FROM rejected WHERE run_id = ${runId}`,
            sql`DELETE FROM takeovers WHERE run_id = ${runId}`
          ])
        )
      ),
    dropPlanningRun: (runId) =>
      run(
        "drop planning run",
        sql.withTransaction(
          Effect.all([
            sql`DELETE FROM entities WHERE run_id = ${runId}`,
            sql`DELETE FROM entity_rows WHERE run_id = ${runId}`,
            sql`DELETE FROM rejected WHERE run_id = ${runId}`,
            sql`DELETE FROM takeovers WHERE run_id = ${runId}`,
            sql`DELETE FROM runs WHERE run_id = ${runId} AND status = 'planning'`
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
        const out: Array<EntityToScreen> = []
        let cursor = after
        // Failed entities that stay failed are skipped page by page, so a page can come back short.
        while (out.length < limit) {
          const page = yield* query(
            "read entities",
            EntityToScreen,
            sql`SELECT e.key, e.ordinal, e.adapter_id, e.input_json, e.subject, e.directory, e.warnings_json, e.status, e.session_id, e.summary_json, e.failure_json,
                  t.state AS takeover_state, t.session_id AS takeover_session_id, t.from_run_id AS takeover_from
                FROM entities e LEFT JOIN takeovers t ON t.run_id = e.run_id AND t.key = e.key
                WHERE e.run_id = ${runId} AND e.ordinal > ${cursor} AND e.status != 'done' ORDER BY e.ordinal LIMIT ${limit}`
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
export const journalLayer = (
  workspace: string
): Layer.Layer<Journal | SqlClient.SqlClient, JournalFailed> => {
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
  // The client is also the step journal's (core's SQL interpreter runs on it).
  return Layer.effect(Journal, make).pipe(Layer.provideMerge(sqlite))
}
