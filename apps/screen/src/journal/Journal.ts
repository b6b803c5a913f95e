import { chmodSync, closeSync, existsSync, openSync } from "node:fs"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Either, Layer, type Option, Schema } from "effect"
import { type ArtifactRow, makeArtifactStore } from "./ArtifactStore.js"
import {
  type EntityRow,
  EntityRow as EntityRowSchema,
  type EntityToScreen,
  makeEntityStore,
  type UnfinishedRow
} from "./EntityStore.js"
import { migrateJournal } from "./journalMigrations.js"
import { JournalFailed } from "./JournalFailed.js"
import { type DurableFile, type JournalStatement, JournalWriter, makeJournalWriter } from "./JournalWriter.js"
import type { TakenOver } from "./records.js"
import { makeRejectedStore } from "./RejectedStore.js"
import { makeRowLinkStore, type RowLink } from "./RowLinkStore.js"
import { makeRunStore, type RunRow, type RunStatus } from "./RunStore.js"
import { makeTakeoverStore, type TakeoverState } from "./TakeoverStore.js"

export type { ArtifactRow } from "./ArtifactStore.js"
export type { DurableFile } from "./JournalWriter.js"
export type { EntityRow, EntityToScreen, UnfinishedRow } from "./EntityStore.js"
export type { RowLink } from "./RowLinkStore.js"
export type { RunRow, RunStatus } from "./RunStore.js"
export type { TakeoverState } from "./TakeoverStore.js"

export interface TakeoverRow {
  readonly key: string
  readonly fromRunId: string
  readonly sessionId: string | null
  readonly state: TakeoverState
  readonly seenAt: string
}

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

/**
 * The run journal: one SQLite database per workspace, every write committed (group commit, see
 * `JournalWriter`) before it returns. A façade over one store per table.
 */
export interface JournalShape {
  readonly findUnfinished: (inputSha256: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  readonly lastCompleted: (exceptRunId: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
  readonly runById: (runId: string) => Effect.Effect<Option.Option<RunRow>, JournalFailed>
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
   * Marks an inherited session gone and forgets this run's artifacts of the entity in one
   * transaction, so that a new session starts clean (no JSON of one session with a PDF of
   * another), also after a crash. (The entity's steps are core's: a new session runs under a
   * new execution key.)
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
  /**
   * The entities of a run in portfolio order, read a page at a time as they are iterated (and
   * again on each iteration), so a report's memory does not grow with the portfolio. Iterating
   * throws `JournalFailed` if the journal cannot be read.
   */
  readonly entityRows: (runId: string) => Iterable<EntityRow>
  readonly rowLinks: (runId: string) => Effect.Effect<ReadonlyArray<RowLink>, JournalFailed>
  readonly rejected: (runId: string) => Effect.Effect<ReadonlyArray<string>, JournalFailed>
  /**
   * Records an artifact of the run. With `file`, the file is written durably first (by the
   * journal's writer thread, together with the other files of its commit) and the record commits
   * only once the file is in place: a recorded artifact survives `kill -9` and power loss.
   */
  readonly recordArtifact: (
    runId: string,
    artifact: ArtifactRow,
    file?: DurableFile
  ) => Effect.Effect<void, JournalFailed>
  readonly artifacts: (runId: string) => Effect.Effect<ReadonlyArray<ArtifactRow>, JournalFailed>
}

export class Journal extends Context.Tag("@nordscreen/screen/Journal")<Journal, JournalShape>() {}

export const JOURNAL_FILE = "journal.sqlite"

const now = () => new Date().toISOString()

/** Rows per page of `entityRows`. */
const ENTITY_PAGE = 512

const decodeEntityRow = (row: unknown): EntityRow => {
  const decoded = Schema.decodeUnknownEither(EntityRowSchema)(row)
  if (Either.isLeft(decoded))
    throw new JournalFailed({ operation: "read entities", reason: "an entity row is unreadable" })
  return decoded.right
}

const failed = (operation: string) => (cause: unknown) =>
  new JournalFailed({ operation, reason: cause instanceof Error ? cause.message : String(cause) })

/** The façade on the stores: reads go straight to the database, writes through the writer. */
const make = Effect.gen(function* () {
  const { write, openReader } = yield* JournalWriter
  const runs = yield* makeRunStore
  const entities = yield* makeEntityStore
  const rowLinks = yield* makeRowLinkStore
  const rejected = yield* makeRejectedStore
  const takeovers = yield* makeTakeoverStore
  const artifacts = yield* makeArtifactStore

  const read = <A, E>(operation: string, effect: Effect.Effect<A, E>) =>
    Effect.mapError(effect, failed(operation))
  /** One atomic write of one or more statements, committed when it returns. */
  const commit = (
    operation: string,
    statements: JournalStatement | ReadonlyArray<JournalStatement>,
    files?: ReadonlyArray<DurableFile>
  ) =>
    Effect.mapError(
      write(Array.isArray(statements) ? statements : [statements as JournalStatement], files),
      (error) =>
        error.operation === "write" ? new JournalFailed({ operation, reason: error.reason }) : error
    )

  const planOf = (runId: string) => [
    entities.deleteOfRun(runId),
    rowLinks.deleteOfRun(runId),
    rejected.deleteOfRun(runId),
    takeovers.deleteOfRun(runId)
  ]

  const shape: JournalShape = {
    findUnfinished: (sha) => read("find run", runs.findUnfinished(sha)),
    lastCompleted: (except) => read("find previous run", runs.lastCompleted(except)),
    runById: (runId) => read("find run", runs.findById(runId)),
    previousRunOf: (sha, except) =>
      read("find previous run of the input", runs.previousRunOf({ sha, except })),
    unfinishedIn: (fromRunId, runId, after, limit) =>
      read(
        "read unfinished entities",
        entities.unfinishedIn({ from_run_id: fromRunId, run_id: runId, after, limit })
      ),
    insertTakeovers: (runId, rows) =>
      rows.length === 0
        ? Effect.void
        : commit(
            "write takeovers",
            takeovers.insertMany(
              rows.map((r) => ({
                run_id: runId,
                key: r.key,
                from_run_id: r.fromRunId,
                session_id: r.sessionId,
                state: r.state,
                seen_at: r.seenAt
              }))
            )
          ),
    dropTakeover: (runId, key) =>
      commit("drop takeover", [
        takeovers.markGone({ run_id: runId, key }),
        artifacts.deleteOfEntity({ run_id: runId, key })
      ]),
    takeoverCounts: (runId) =>
      Effect.map(read("count takeovers", takeovers.countsOfRun(runId)), (rows): TakenOver | undefined => {
        const first = rows[0]
        if (first === undefined) return undefined
        const of = (state: TakeoverState) => rows.find((r) => r.state === state)?.n ?? 0
        return {
          fromRunId: first.from_run_id,
          sessions: of("follow") + of("gone"),
          gone: of("gone"),
          unknown: of("unknown")
        }
      }),
    createRun: (r) =>
      commit(
        "create run",
        runs.insert({
          run_id: r.runId,
          input_path: r.inputPath,
          input_sha256: r.inputSha256,
          options_json: r.optionsJson,
          started_at: r.startedAt,
          out_dir: r.outDir,
          environment: r.environment,
          simulated: r.simulated
        })
      ),
    setStatus: (runId, status, finishedAt) =>
      commit("set run status", runs.setStatus({ run_id: runId, status, finished_at: finishedAt })),
    setPlanned: (runId, sourceJson, countsJson) =>
      commit(
        "finish plan",
        runs.setPlanned({ run_id: runId, source_json: sourceJson, counts_json: countsJson })
      ),
    clearPlan: (runId) => commit("clear plan", planOf(runId)),
    dropPlanningRun: (runId) => commit("drop planning run", [...planOf(runId), runs.deletePlanning(runId)]),
    insertPlan: (runId, batch) => {
      const at = now()
      return commit("write plan", [
        ...entities.insertMany(
          batch.entities.map((e) => ({
            run_id: runId,
            key: e.key,
            ordinal: e.ordinal,
            adapter_id: e.adapterId,
            input_json: e.inputJson,
            subject: e.subject,
            directory: e.directory,
            warnings_json: e.warningsJson,
            updated_at: at
          }))
        ),
        ...rowLinks.insertMany(
          batch.rows.map((r) => ({
            run_id: runId,
            row_number: r.rowNumber,
            key: r.key,
            reference: r.reference
          }))
        ),
        ...rejected.insertMany(
          batch.rejected.map((r) => ({ run_id: runId, row_number: r.rowNumber, json: r.json }))
        )
      ])
    },
    toScreen: (runId, after, limit, retryFailed) =>
      Effect.gen(function* () {
        const out: Array<EntityToScreen> = []
        let cursor = after
        // Failed entities that stay failed are skipped page by page, so a page can come back short.
        while (out.length < limit) {
          const page = yield* read(
            "read entities",
            entities.notDonePage({ run_id: runId, after: cursor, limit })
          )
          for (const row of page) if (row.status === "pending" || retryFailed(row)) out.push(row)
          const last = page[page.length - 1]
          if (last === undefined || page.length < limit) break
          cursor = last.ordinal
        }
        return out
      }),
    counts: (runId) =>
      Effect.map(read("count entities", entities.countsOfRun(runId)), (rows) => {
        const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0
        return { pending: of("pending"), done: of("done"), failed: of("failed") }
      }),
    markDone: (runId, key, sessionId, summaryJson) =>
      commit(
        "record result",
        entities.markDone({
          run_id: runId,
          key,
          session_id: sessionId,
          summary_json: summaryJson,
          updated_at: now()
        })
      ),
    markFailed: (runId, key, sessionId, failureJson) =>
      commit(
        "record failure",
        entities.markFailed({
          run_id: runId,
          key,
          session_id: sessionId,
          failure_json: failureJson,
          updated_at: now()
        })
      ),
    entities: (runId) => read("read entities", entities.ofRun(runId)),
    entityRows: (runId) => ({
      *[Symbol.iterator]() {
        const reader = openReader()
        try {
          for (let after = Number.MIN_SAFE_INTEGER; ; ) {
            const page = reader.all(entities.pageAfter(runId, after, ENTITY_PAGE)).map(decodeEntityRow)
            yield* page
            const last = page[page.length - 1]
            if (last === undefined || page.length < ENTITY_PAGE) return
            after = last.ordinal
          }
        } finally {
          reader.close()
        }
      }
    }),
    rowLinks: (runId) => read("read rows", rowLinks.ofRun(runId)),
    rejected: (runId) =>
      Effect.map(read("read rejected rows", rejected.ofRun(runId)), (rows) => rows.map((r) => r.json)),
    recordArtifact: (runId, a, file) =>
      commit(
        "record artifact",
        artifacts.record({ run_id: runId, ...a, written_at: now() }),
        file === undefined ? undefined : [file]
      ),
    artifacts: (runId) => read("read artifacts", artifacts.ofRun(runId))
  }
  return shape
})

/** Creates the database file owner-only before SQLite opens it (SQLite would use the umask). */
const ownerOnlyFile = (path: string) => {
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600))
  chmodSync(path, 0o600)
}

/**
 * Durable commits, then the journal's migrations (a journal of an earlier release is brought to
 * the current schema in one transaction; a current one is left as it is).
 */
const prepare = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* Effect.mapError(sql`PRAGMA synchronous = FULL`, failed("open"))
  yield* Effect.mapError(sql`PRAGMA busy_timeout = 5000`, failed("open"))
  yield* Effect.mapError(migrateJournal, failed("migrate"))
})

/** The SQLite database of `workspace`'s journal, owner-only. WAL mode. */
const sqliteLayer = (workspace: string): Layer.Layer<SqlClient.SqlClient, JournalFailed> => {
  const filename = join(workspace, JOURNAL_FILE)
  return Layer.unwrapEffect(
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
}

/**
 * The journal of `workspace` (which must exist, owner-only), migrated, with its writer (group
 * commit) and its `SqlClient`, on which core's step store runs with the same writer.
 */
export const journalLayer = (
  workspace: string
): Layer.Layer<Journal | JournalWriter | SqlClient.SqlClient, JournalFailed> => {
  const client = Layer.effectDiscard(prepare).pipe(Layer.provideMerge(sqliteLayer(workspace)))
  const writer = Layer.scoped(JournalWriter, makeJournalWriter(join(workspace, JOURNAL_FILE))).pipe(
    Layer.provideMerge(client)
  )
  return Layer.effect(Journal, make).pipe(Layer.provideMerge(writer))
}
