import { type Adapter, EntitySummary, type Errors, HashKey, SessionLifecycle } from "@nordscreen/core"
import { Effect, Either, Option, Schema, SchemaAST } from "effect"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { EntityToScreen, JournalShape } from "../journal/Journal.js"
import type { EntityOutcome } from "./outcomeOf.js"
import { outcomeOf } from "./outcomeOf.js"
import type { RunArtifactSink } from "./RunArtifactSink.js"

export interface ExecuteArgs {
  readonly runId: string
  readonly journal: JournalShape
  readonly sink: RunArtifactSink
  readonly adapters: ReadonlyArray<Adapter.AnyAdapter>
  readonly requestOptions: (adapter: Adapter.AnyAdapter) => Adapter.RequestOptions
  readonly keySecret: string
  readonly concurrency: number
  readonly retryUnknown: boolean
  /** Called after each entity's outcome is in the journal. */
  readonly onEntity: (outcome: EntityOutcome) => void
}

const PAGE = 256

/**
 * The summary as the journal stores it. Its schema's encoded form is its type today (checked once,
 * by AST), so the typed value is its own encoding and is stored without another pass over it; a
 * schema that gains a transformation is encoded.
 */
const encodeSummary: (summary: EntitySummary.EntitySummary) => Either.Either<unknown, unknown> =
  SchemaAST.encodedAST(EntitySummary.EntitySummarySchema.ast) === EntitySummary.EntitySummarySchema.ast
    ? Either.right
    : Schema.encodeEither(EntitySummary.EntitySummarySchema)

/**
 * The lifecycle's execution key in this runner is `<runId>:<entity hash>`, so neither a national
 * identity number nor a raw entity key ever reaches the step table or the API's `reference`.
 */
export const executionKeyOf = (runId: string, key: string): string => `${runId}:${key}`

const artifactsOf = (screening: SessionLifecycle.Screening<unknown>) => [
  { kind: "result", path: screening.json.path, sha256: screening.json.sha256, bytes: screening.json.size },
  ...Object.entries(screening.reports).map(([kind, ref]) => ({
    kind,
    path: ref.path,
    sha256: ref.sha256,
    bytes: ref.size
  }))
]

const failureArtifacts = (error: Errors.ScreeningError) => {
  const refs =
    error._tag === "SessionFailed"
      ? Object.entries(error.artifacts)
      : error._tag === "ResultExpired"
        ? Object.entries(error.artifacts ?? {})
        : error._tag === "ResultDecodeFailed"
          ? [["result", error.json] as const, ...Object.entries(error.artifacts)]
          : []
  return refs.map(([kind, ref]) => ({
    kind: kind === "json" ? "result" : kind,
    path: ref.path,
    sha256: ref.sha256,
    bytes: ref.size
  }))
}

/** The API no longer has the session's results (404 or 410/EXPIRED): a new session is needed. */
const isGone = (error: Errors.ScreeningError): boolean =>
  error._tag === "SessionNotFound" || error._tag === "ResultExpired"

const sessionIdOf = (error: Errors.ScreeningError): string | null =>
  "sessionId" in error && typeof error.sessionId === "string" ? error.sessionId : null

/**
 * Screens every entity the journal still has open, `concurrency` at a time (core's RateGate
 * meters the calls). Each outcome is committed to the journal before the next entity is taken.
 * Interrupting it stops taking entities; steps in flight finish (they are uninterruptible).
 */
export const executeRun = (
  args: ExecuteArgs
): Effect.Effect<void, JournalFailed, SessionLifecycle.SessionLifecycle> =>
  Effect.gen(function* () {
    const lifecycle = yield* SessionLifecycle.SessionLifecycle
    const { journal, runId } = args
    const adapters = new Map(args.adapters.map((a) => [a.id, a]))
    // On resume a failed entity is tried again: its recorded steps make that free, and a create
    // whose outcome is unknown is not sent again (unless --retry-unknown) but may now be
    // recovered from a webhook the API retried to this workspace's receiver.
    const retryFailed = () => true

    const fail = (
      row: EntityToScreen,
      code: string,
      message: string,
      sessionId: string | null,
      artifacts: unknown[]
    ) =>
      Effect.zipRight(
        journal.markFailed(runId, row.key, sessionId, JSON.stringify({ code, message, artifacts })),
        Effect.sync(() => args.onEntity(code === "CreateOutcomeUnknown" ? "unknown" : "failed"))
      )

    const screenOne = (row: EntityToScreen) =>
      Effect.ensuring(
        screenEntity(row),
        Effect.sync(() => args.sink.unregister(HashKey.hashKey(row.key, args.keySecret)))
      )

    const runDirs = new Map<string, string | undefined>()
    /** The output directory of an earlier run (for its artifacts a takeover replays). */
    const runDirOf = (fromRunId: string) =>
      runDirs.has(fromRunId)
        ? Effect.succeed(runDirs.get(fromRunId))
        : Effect.map(journal.runById(fromRunId), (found) => {
            const dir = Option.getOrUndefined(Option.map(found, (run) => run.out_dir))
            runDirs.set(fromRunId, dir)
            return dir
          })

    /**
     * A takeover continues an earlier run's execution: the artifacts that run downloaded are
     * replayed with its paths. They are copied into this run (durably, and recorded), so the
     * report links files of its own directory; one that cannot be copied keeps its earlier path.
     */
    const adoptArtifacts = (
      screening: SessionLifecycle.Screening<unknown>,
      fromRunId: string,
      coreHash: string
    ) =>
      Effect.gen(function* () {
        const fromDir = yield* runDirOf(fromRunId)
        if (fromDir === undefined) return screening
        const entity = {
          adapterId: screening.adapterId,
          entityKeyHash: coreHash,
          subject: screening.subject,
          sessionId: screening.sessionId
        }
        const adopt = (kind: string, ref: Errors.ArtifactRef) =>
          args.sink.adopt(entity, kind, ref, fromDir).pipe(
            Effect.tapError((error) =>
              Effect.logWarning(`artifact kept in the earlier run: ${error.message}`)
            ),
            Effect.orElseSucceed(() => ref)
          )
        const json = yield* adopt("json", screening.json)
        const reports: Record<string, Errors.ArtifactRef> = {}
        for (const [kind, ref] of Object.entries(screening.reports)) reports[kind] = yield* adopt(kind, ref)
        return { ...screening, json, reports }
      })

    const screenEntity = (row: EntityToScreen) =>
      Effect.gen(function* () {
        const adapter = adapters.get(row.adapter_id)
        if (adapter === undefined)
          return yield* fail(row, "AdapterNotFound", `no adapter ${row.adapter_id} in this version`, null, [])
        const input = Either.try(() => JSON.parse(row.input_json) as unknown)
        if (Either.isLeft(input))
          return yield* fail(row, "JournalError", "recorded input is not JSON", null, [])
        if (row.takeover_state === "unknown" && !args.retryUnknown)
          return yield* fail(
            row,
            "CreateOutcomeUnknown",
            `run ${row.takeover_from ?? "?"} sent a create request for this entity less than two hours ago and never got its answer, so a session may exist and be paid for; not sent again (--retry-unknown sends it, which may pay twice)`,
            null,
            []
          )
        const coreHash = HashKey.hashKey(row.key, args.keySecret)
        args.sink.register(coreHash, { key: row.key, directory: row.directory })
        // The recorded input is the adapter's encoded input: the request carries it as it is.
        const screen = (executionKey: string, sessionId: string | undefined) =>
          Effect.either(
            lifecycle.screen({
              adapterId: adapter.id,
              input: input.right,
              entityKey: row.key,
              subject: row.subject,
              executionKey,
              options: args.requestOptions(adapter),
              retryUnknown: args.retryUnknown,
              sessionId,
              readResult: false
            })
          )
        // A takeover continues the earlier run's execution of this entity: the durable steps
        // replay its create (or report its outcome unknown), so nothing is paid twice.
        const takenOver = row.takeover_state === "follow" && row.takeover_from !== null
        const result = yield* (
          takenOver
            ? screen(
                executionKeyOf(row.takeover_from ?? runId, row.key),
                row.takeover_session_id ?? undefined
              )
            : screen(executionKeyOf(runId, row.key), undefined)
        ).pipe(
          Effect.flatMap((first) =>
            takenOver && Either.isLeft(first) && isGone(first.left)
              ? Effect.zipRight(
                  Effect.zipRight(
                    journal.dropTakeover(runId, row.key),
                    Effect.logInfo("taken-over session is gone; creating a new one")
                  ),
                  screen(executionKeyOf(runId, row.key), undefined)
                )
              : Effect.succeed(first)
          )
        )
        if (Either.isRight(result)) {
          const screening = takenOver
            ? yield* adoptArtifacts(result.right, row.takeover_from ?? runId, coreHash)
            : result.right
          const summary = encodeSummary(screening.summary)
          if (Either.isLeft(summary))
            return yield* fail(
              row,
              "ResultDecodeFailed",
              "the result summary could not be recorded",
              screening.sessionId,
              artifactsOf(screening)
            )
          yield* journal.markDone(
            runId,
            row.key,
            screening.sessionId,
            JSON.stringify({
              summary: summary.right,
              artifacts: artifactsOf(screening),
              ...(screening.recoveredCreate ? { recoveredCreate: true } : {}),
              ...(screening.unknownFields.length === 0 ? {} : { unknownFields: screening.unknownFields })
            })
          )
          return args.onEntity(outcomeOf({ summary: screening.summary, outcome: "clear" }))
        }
        // A create the API surely refused is recorded so by core: a resume sends it again. Every
        // error after a create names its session: the journal keeps it for a later takeover.
        const error = result.left
        return yield* fail(row, error._tag, error.message, sessionIdOf(error), failureArtifacts(error))
      })

    // `concurrency` workers take the entities in portfolio order from one cursor; a page of the
    // journal is read when the buffer runs dry, by one worker at a time.
    const buffer: Array<EntityToScreen> = []
    let cursor = 0
    let exhausted = false
    const reading = yield* Effect.makeSemaphore(1)
    const readPage = Effect.suspend(() =>
      Effect.map(journal.toScreen(runId, cursor, PAGE, retryFailed), (rows) => {
        buffer.push(...rows)
        const last = rows[rows.length - 1]
        if (rows.length < PAGE || last === undefined) exhausted = true
        else cursor = last.ordinal
      })
    )
    const next: Effect.Effect<EntityToScreen | undefined, JournalFailed> = Effect.suspend(() => {
      const row = buffer.shift()
      if (row !== undefined || exhausted) return Effect.succeed(row)
      return Effect.zipRight(
        reading.withPermits(1)(
          Effect.suspend(() => (buffer.length > 0 || exhausted ? Effect.void : readPage))
        ),
        next
      )
    })
    const work: Effect.Effect<void, JournalFailed> = Effect.flatMap(next, (row) =>
      row === undefined ? Effect.void : Effect.zipRight(screenOne(row), work)
    )
    yield* Effect.all(
      Array.from({ length: Math.max(1, args.concurrency) }, () => work),
      { concurrency: "unbounded", discard: true }
    )
  })
