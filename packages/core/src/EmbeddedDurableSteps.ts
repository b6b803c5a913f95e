import { Clock, Effect, Either, Layer, Option, ParseResult, Schema, SchemaAST } from "effect"
import { AmlConfig, type PollingSettings } from "./AmlConfig.js"
import {
  type AttemptOptions,
  type AwaitedSession,
  DurableSteps,
  type DurableStepsShape,
  type StepSchemas
} from "./DurableSteps.js"
import { JournalError, SessionTimedOut } from "./Errors.js"
import { guidanceInterval } from "./internal/polling.js"
import { Readiness, readinessOf } from "./Readiness.js"
import { type Hint, SessionEvents, type SessionEventsShape, type Watch } from "./SessionEvents.js"
import type { SessionInfo } from "./SessionInfo.js"
import type { StepJournal } from "./StepJournal.js"

const decodeRecorded = <A, I>(schema: Schema.Schema<A, I>, name: string, value: unknown) =>
  Either.match(Schema.decodeUnknownEither(schema)(value), {
    onLeft: (error) =>
      Effect.fail(
        new JournalError({
          step: name,
          reason: `recorded value unreadable: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
        })
      ),
    onRight: (decoded) => Effect.succeed(decoded)
  })

/**
 * Schemas whose encoded form is their type (no transformation anywhere), by AST. A step's value
 * comes from typed code, so for these it is its own encoding and is recorded as it is.
 */
const identities = new WeakMap<SchemaAST.AST, boolean>()
const isIdentity = (ast: SchemaAST.AST): boolean => {
  let identity = identities.get(ast)
  if (identity === undefined) {
    identity = SchemaAST.encodedAST(ast) === ast
    identities.set(ast, identity)
  }
  return identity
}

const encodeWith = <A, I>(schema: Schema.Schema<A, I>, name: string, value: A) =>
  Either.match(Schema.encodeEither(schema)(value), {
    onLeft: (error) =>
      Effect.fail(new JournalError({ step: name, reason: ParseResult.TreeFormatter.formatErrorSync(error) })),
    onRight: (encoded) => Effect.succeed(encoded)
  })

/** Executions remembered as created live; the oldest is forgotten beyond this (it then reads). */
const LIVE_LIMIT = 50_000

/** Longest single wait between looks at the clock while a session is awaited. */
const MAX_WAIT_MS = 1_000

/** The step a session's awaited outcome is recorded as. */
export const READY_STEP = "ready"

/**
 * The embedded interpreter: steps recorded in a `StepJournal` (memory, or SQL through
 * `@nordscreen/core/sql`), sessions awaited with the in-process webhook receiver
 * (`SessionEvents`) and polls at the contract's cadence.
 *
 * While an execution it created live is being screened, it remembers that (and which of its
 * steps it recorded since): nothing else of those can be recorded, so their steps start without a
 * read.
 */
export const makeEmbeddedDurableSteps = (
  journal: StepJournal,
  events: SessionEventsShape,
  polling: PollingSettings
): DurableStepsShape => {
  const live = new Map<string, Set<string>>()
  const watches = new Map<string, Watch>()

  const markLive = (executionKey: string) => {
    if (live.size >= LIVE_LIMIT) {
      const oldest = live.keys().next()
      if (oldest.done !== true) live.delete(oldest.value)
    }
    live.set(executionKey, new Set())
  }

  const read = (executionKey: string, name: string) =>
    Effect.suspend(() => {
      const recorded = live.get(executionKey)
      return recorded !== undefined && !recorded.has(name)
        ? Effect.succeed(undefined)
        : journal.read(executionKey, name)
    })

  /** Records a result (encoded) and hands it on. */
  const record = <A, I>(executionKey: string, name: string, schema: Schema.Schema<A, I>, value: A) => {
    const write = (encoded: unknown) =>
      Effect.as(
        Effect.tap(journal.write(executionKey, name, { state: "done", value: encoded }), () =>
          Effect.sync(() => live.get(executionKey)?.add(name))
        ),
        value
      )
    return isIdentity(schema.ast) ? write(value) : Effect.flatMap(encodeWith(schema, name, value), write)
  }

  const run = <A, I, E, R>(
    executionKey: string,
    name: string,
    schema: Schema.Schema<A, I>,
    effect: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | JournalError, R> =>
    Effect.flatMap(effect, (value) => record(executionKey, name, schema, value))

  const step: DurableStepsShape["step"] = (executionKey, name, schemas, effect) =>
    Effect.flatMap(read(executionKey, name), (recorded) =>
      recorded?.state === "done"
        ? decodeRecorded(schemas.success, name, recorded.value)
        : Effect.uninterruptible(run(executionKey, name, schemas.success, effect))
    )

  const attempt: DurableStepsShape["attempt"] = <A, I, E, EI, R, U>(
    executionKey: string,
    name: string,
    schemas: StepSchemas<A, I, E, EI>,
    runStep: (markAttempted: Effect.Effect<void, JournalError>) => Effect.Effect<A, E | JournalError, R>,
    options: AttemptOptions<A, E, U>
  ) =>
    Effect.uninterruptibleMask((restore) => {
      const schema = schemas.success
      const refused = options.refused ?? (() => false)
      const recover = options.recover
      /** The recovered result, recorded; else `otherwise`. */
      const recoverOr = <X>(otherwise: Effect.Effect<never, X>): Effect.Effect<A, X | JournalError> => {
        if (recover === undefined) return otherwise
        return Effect.flatMap(
          restore(recover),
          (found): Effect.Effect<A, X | JournalError> =>
            Option.isSome(found) ? record(executionKey, name, schema, found.value) : otherwise
        )
      }
      const fresh = Effect.suspend(() => {
        let marked = false
        const mark = Effect.suspend(() => {
          if (marked) return Effect.void
          marked = true
          return journal.write(executionKey, name, { state: "attempted", value: null })
        })
        return Effect.catchAll(
          Effect.tap(run(executionKey, name, schema, runStep(mark)), () =>
            Effect.sync(() => markLive(executionKey))
          ),
          (error): Effect.Effect<A, E | JournalError> => {
            if (!marked || error instanceof JournalError) return Effect.fail(error)
            if (refused(error))
              return Effect.zipRight(
                journal.write(executionKey, name, { state: "refused", value: null }),
                Effect.fail(error)
              )
            return recoverOr(Effect.fail(error))
          }
        )
      })
      return Effect.flatMap(
        journal.read(executionKey, name),
        (recorded): Effect.Effect<A, E | U | JournalError, R> => {
          if (recorded?.state === "done") return decodeRecorded(schema, name, recorded.value)
          if (recorded?.state === "attempted" && !options.retryUnknown)
            return recoverOr(Effect.fail(options.onUnknown()))
          return fresh
        }
      )
    })

  const subscribe: DurableStepsShape["subscribe"] = (executionKey, reference) =>
    Effect.map(
      Effect.acquireRelease(
        Effect.tap(events.open(reference), (watch) => Effect.sync(() => watches.set(executionKey, watch))),
        (watch) =>
          Effect.zipRight(
            Effect.sync(() => {
              if (watches.get(executionKey) === watch) watches.delete(executionKey)
              // The execution's screening is over: a later one (a resume) reads what it recorded,
              // and what this process remembers stays as small as the work in flight.
              live.delete(executionKey)
            }),
            watch.close
          )
      ),
      (watch) => ({ webhook: watch.webhook, sessionNamed: watch.awaitSession })
    )

  /**
   * Whether a hint is worth a poll now. `hinted` collects what this session's webhooks said is
   * ready (`jsonData`, report types): a poll is due once they cover the JSON and every report
   * asked for, or on any other event (`AllDone`, `Failed`, one we do not know). One status call
   * per session then, whatever order the webhooks come in; a lost webhook is covered by the
   * safety-net polls. Another session's hints and reports nobody asked for are ignored.
   */
  const worthPolling = (session: AwaitedSession, hinted: Set<string>, hint: Hint): boolean => {
    if (hint.sessionId !== session.sessionId) return false
    if (hint.event === "JsonDataReady") hinted.add("jsonData")
    else if (hint.event === "ReportReady" && hint.entity !== undefined) {
      if (!session.reports.includes(hint.entity)) return false
      hinted.add(hint.entity)
    } else return true
    return hinted.has("jsonData") && session.reports.every((report) => hinted.has(report))
  }

  const awaitReady = <E>(
    executionKey: string,
    session: AwaitedSession,
    poll: Effect.Effect<Option.Option<SessionInfo>, E>
  ): Effect.Effect<Readiness, E | SessionTimedOut | JournalError> =>
    Effect.gen(function* () {
      const recorded = yield* read(executionKey, READY_STEP)
      if (recorded?.state === "done") return yield* decodeRecorded(Readiness, READY_STEP, recorded.value)
      const watch = watches.get(executionKey)
      if (watch !== undefined) yield* watch.attach(session.sessionId)
      // Created by this process: its webhooks come here, and it cannot be ready yet. Otherwise
      // (resumed, replayed) it may be ready already: look at once.
      const createdLive = live.has(executionKey)
      const webhooks = createdLive && watch?.webhook !== undefined
      const wait = (ms: number): Effect.Effect<Option.Option<Hint>> =>
        watch === undefined ? Effect.as(Effect.sleep(ms), Option.none()) : watch.nextHint(ms)
      let lastPollAt = createdLive ? session.createdAt : Number.NEGATIVE_INFINITY
      let urgentAt = Number.POSITIVE_INFINITY
      let polls = 0
      const hinted = new Set<string>()
      for (;;) {
        const now = yield* Clock.currentTimeMillis
        if (now >= session.deadline && polls > 0)
          return yield* new SessionTimedOut({
            subject: session.subject,
            sessionId: session.sessionId,
            sessionPath: session.sessionUrl,
            waitedMs: now - session.createdAt
          })
        const waited = now - session.createdAt
        const interval = webhooks ? events.pollInterval(waited, now) : guidanceInterval(polling, waited)
        const due = now >= session.deadline ? now : Math.min(lastPollAt + interval, urgentAt)
        if (now < due) {
          const hint = yield* wait(Math.min(due - now, session.deadline - now, MAX_WAIT_MS))
          if (Option.isSome(hint) && worthPolling(session, hinted, hint.value)) urgentAt = now
          continue
        }
        lastPollAt = now
        urgentAt = Number.POSITIVE_INFINITY
        polls++
        const info = yield* poll
        if (Option.isNone(info)) {
          urgentAt = now + polling.fastMs
          continue
        }
        const readiness = readinessOf(info.value, session.reports)
        if (readiness !== undefined)
          return yield* Effect.uninterruptible(record(executionKey, READY_STEP, Readiness, readiness))
      }
    })

  return { step, attempt, subscribe, awaitReady }
}

/** The embedded interpreter on `journal`, with the engine's webhook receiver and polling settings. */
export const embeddedDurableStepsLayer = (
  journal: StepJournal
): Layer.Layer<DurableSteps, never, SessionEvents | AmlConfig> =>
  Layer.effect(
    DurableSteps,
    Effect.map(Effect.all([SessionEvents, AmlConfig]), ([events, config]) =>
      makeEmbeddedDurableSteps(journal, events, config.polling)
    )
  )
