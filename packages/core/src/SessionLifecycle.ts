import {
  Cause,
  Clock,
  Context,
  Effect,
  Either,
  Exit,
  Layer,
  LogLevel,
  Option,
  ParseResult,
  Schema
} from "effect"
import type { Adapter, RequestOptions } from "./Adapter.js"
import { AmlConfig, DEFAULT_RECOVERY_MS } from "./AmlConfig.js"
import { AmlHttp } from "./AmlHttp.js"
import { type ArtifactEntity, type ArtifactKind, ArtifactSink } from "./ArtifactSink.js"
import { DurableSteps } from "./DurableSteps.js"
import type { EntitySummary } from "./EntitySummary.js"
import {
  type AmlApiError,
  type ArtifactRef,
  type ArtifactWriteFailed,
  CreateOutcomeUnknown,
  type EntityNotReady,
  type JournalError,
  ResultDecodeFailed,
  ResultExpired,
  SessionFailed,
  SessionTimedOut,
  type ScreeningError
} from "./Errors.js"
import { hashKey } from "./hashKey.js"
import { guidanceInterval } from "./internal/polling.js"
import {
  countOutcome,
  countRecoveredCreate,
  observeTimeToJson,
  observeTimeToReports
} from "./internal/metrics.js"
import { CreatedStep, JsonStep, ReportStep } from "./internal/schemas.js"
import { type SessionLog, sessionLog } from "./internal/sessionLog.js"
import { RateGate } from "./RateGate.js"
import { type Hint, SessionEvents, type Watch } from "./SessionEvents.js"
import type { EntityState, SessionInfo } from "./SessionInfo.js"
import { reportsOf } from "./wire/Expands.js"

export interface ScreenRequest<Input, Result> {
  readonly adapter: Adapter<Input, Result>
  readonly input: Input
  /** The adapter's entity key. Never logged, never sent: only its keyed hash is. */
  readonly entityKey: string
  /** Masked display label (the adapter's `subject`). */
  readonly subject: string
  /**
   * Identifies this execution in the step journal and, hashed, in the request `reference`.
   * Default: the entity key (one execution per entity and journal).
   */
  readonly executionKey?: string | undefined
  readonly options?: RequestOptions | undefined
  /** Resume this existing session instead of creating one. */
  readonly sessionId?: string | undefined
  /** Create again although an earlier create's outcome is unknown (may pay twice). */
  readonly retryUnknown?: boolean | undefined
}

export interface Screening<Result> {
  readonly adapterId: string
  readonly subject: string
  readonly entityKeyHash: string
  readonly sessionId: string
  readonly json: ArtifactRef
  readonly reports: Readonly<Record<string, ArtifactRef>>
  readonly summary: EntitySummary
  /** The decoded result; undefined when resumed from the journal and the sink cannot read back. */
  readonly result: Result | undefined
  /** The create's answer was lost and its session was recovered from its webhook (not paid twice). */
  readonly recoveredCreate: boolean
}

export interface SessionLifecycleShape {
  readonly screen: <Input, Result>(
    request: ScreenRequest<Input, Result>
  ) => Effect.Effect<Screening<Result>, ScreeningError>
}

export class SessionLifecycle extends Context.Tag("@nordscreen/core/SessionLifecycle")<
  SessionLifecycle,
  SessionLifecycleShape
>() {}

type JsonStepValue = typeof JsonStep.Type
type DownloadError = AmlApiError | EntityNotReady | ArtifactWriteFailed | JournalError

/** Create failures after which the API surely created no session (a 4xx, a 429, never sent). */
const isDefiniteRefusal = (error: AmlApiError | CreateOutcomeUnknown): boolean => {
  switch (error._tag) {
    case "ApiValidationError":
    case "Unauthorized":
    case "Forbidden":
    case "SessionNotFound":
    case "EntityNotRequested":
    case "RateLimited":
    case "ConnectionFailed":
    case "AccessTokenError":
      return true
    default:
      return false
  }
}

/** The PDFs a create body asks for: its `links.reports.*` expands; undefined without expands. */
const requestedReports = (body: Readonly<Record<string, unknown>>): ReadonlyArray<string> | undefined => {
  const expands: unknown = body["expands"]
  if (!Array.isArray(expands)) return undefined
  return reportsOf(expands.filter((expand): expand is string => typeof expand === "string"))
}

/** Failures after which waiting and asking again can still succeed. */
const isTransient = (error: DownloadError): boolean => {
  switch (error._tag) {
    case "EntityNotReady":
    case "RateLimited":
    case "ServiceUnavailable":
    case "ConnectionFailed":
    case "UnexpectedResponse":
      return true
    case "AccessTokenError":
      return error.status === undefined || error.status >= 500 || error.status === 429
    default:
      return false
  }
}

const decodeResult = <Result>(schema: Schema.Schema<Result, unknown>, bytes: Uint8Array) => {
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return Either.left("the JSON result is not valid JSON")
  }
  return Either.mapLeft(Schema.decodeUnknownEither(schema)(parsed), (error) =>
    ParseResult.TreeFormatter.formatErrorSync(error)
  )
}

const make = Effect.gen(function* () {
  const config = yield* AmlConfig
  const http = yield* AmlHttp
  const steps = yield* DurableSteps
  const events = yield* SessionEvents
  const sink = yield* ArtifactSink
  const gate = yield* RateGate

  const sessionUrlOf = (sessionPath: string, sessionId: string) =>
    `${config.apiUrl}${sessionPath}/${encodeURIComponent(sessionId)}`

  /**
   * A create whose answer was lost (or an earlier run's, replayed): the API still sends the
   * session's webhooks, with our per-reference Authorization, to the receiver. The session they
   * name is confirmed by the API (it exists for this client, under our reference where the API
   * echoes one) and then followed like any other. Without webhooks nothing can be recovered.
   */
  const recoverCreate = <Input, Result>(
    request: ScreenRequest<Input, Result>,
    log: SessionLog,
    r: {
      readonly watch: Watch
      readonly reference: string
      readonly scopes: ReadonlyArray<string>
      readonly reports: ReadonlyArray<string>
      readonly deadline: number
    }
  ): Effect.Effect<Option.Option<typeof CreatedStep.Type>> | undefined =>
    r.watch.webhook === undefined
      ? undefined
      : Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const named = yield* r.watch.awaitSession(Math.max(0, r.deadline - now))
          if (Option.isNone(named)) return Option.none()
          const sessionId = named.value
          const sessionUrl = sessionUrlOf(request.adapter.sessionPath, sessionId)
          const info = yield* Effect.option(
            http.sessionInfo(sessionUrl, r.scopes, { subject: request.subject, sessionId })
          )
          if (Option.isNone(info)) return Option.none()
          const { reference: echoed, sessionId: echoedId } = info.value
          if (
            (echoed !== undefined && echoed !== r.reference) ||
            (echoedId !== undefined && echoedId !== sessionId)
          )
            return Option.none()
          log.sessionId = sessionId
          countRecoveredCreate()
          yield* sessionLog(LogLevel.Info, "create answer lost; session recovered from its webhook", log)
          return Option.some({
            sessionId,
            sessionUrl,
            createdAt: now,
            reports: r.reports,
            recovered: true
          })
        })

  const screenOne = <Input, Result>(
    request: ScreenRequest<Input, Result>,
    log: SessionLog,
    watch: Watch,
    reference: string
  ) =>
    Effect.gen(function* () {
      const adapter = request.adapter
      const entityKeyHash = hashKey(request.entityKey, config.keySecret)
      const executionKey = request.executionKey ?? request.entityKey
      const scopes = config.scopes ?? adapter.scopes
      const subject = request.subject
      // Read inside the session slot: waiting for a slot is not waiting for the session.
      const startedAt = yield* Clock.currentTimeMillis
      const requestBody = adapter.requestBody(request.input, request.options ?? {})
      const reports = requestedReports(requestBody) ?? request.options?.reports ?? adapter.reports.defaults

      // Set when this very call creates the session: nothing of it can be recorded yet then.
      let createdNow = false
      const context = { subject, reference, entityKeyHash }
      const body = {
        ...requestBody,
        reference,
        ...(watch.webhook === undefined ? {} : { webhook: watch.webhook })
      }
      const create = (markAttempted: Effect.Effect<void, JournalError>) =>
        Effect.flatMap(
          http.createSession(adapter.sessionPath, body, scopes, context, markAttempted),
          (created) =>
            Effect.clockWith((clock) => {
              createdNow = true
              log.sessionId = created.sessionId
              const recorded = { ...created, createdAt: clock.unsafeCurrentTimeMillis(), reports }
              return Effect.as(sessionLog(LogLevel.Info, "session created", log), recorded)
            })
        )
      const recover = recoverCreate(request, log, {
        watch,
        reference,
        scopes,
        reports,
        deadline:
          startedAt + Math.min(config.timeouts.sessionMs, config.timeouts.recoveryMs ?? DEFAULT_RECOVERY_MS)
      })

      const session =
        request.sessionId !== undefined
          ? {
              sessionId: request.sessionId,
              sessionUrl: sessionUrlOf(adapter.sessionPath, request.sessionId),
              createdAt: startedAt,
              reports
            }
          : yield* steps.attempt(executionKey, "create", CreatedStep, create, {
              retryUnknown: request.retryUnknown ?? config.retryUnknown,
              refused: isDefiniteRefusal,
              recover,
              onUnknown: () =>
                new CreateOutcomeUnknown({
                  subject,
                  entityKeyHash,
                  reference,
                  requestId: undefined,
                  reason: "an earlier run started the create request but never recorded its answer"
                })
            })
      yield* watch.attach(session.sessionId)
      log.sessionId = session.sessionId
      return yield* follow(request, log, {
        watch,
        session,
        reports: session.reports ?? reports,
        scopes,
        entity: { adapterId: adapter.id, entityKeyHash, subject, sessionId: session.sessionId },
        recovered: session.recovered === true,
        executionKey,
        startedAt,
        createdHere: createdNow
      })
    })

  interface Followed {
    readonly watch: Watch
    readonly session: typeof CreatedStep.Type
    /** The PDFs the create asked for: exactly those are awaited and downloaded. */
    readonly reports: ReadonlyArray<string>
    readonly scopes: ReadonlyArray<string>
    readonly entity: ArtifactEntity
    readonly executionKey: string
    readonly startedAt: number
    /**
     * Whether this call created the session. If not (resumed by id, create replayed from the
     * journal): it may be READY already, so look at once; steps of an earlier execution may be
     * recorded; and its webhooks went to a receiver and secret that are gone, so it is polled
     * by the contract's guidance whatever other sessions do. If so: none of that.
     */
    readonly createdHere: boolean
    /** The create's answer was lost and its session found from a webhook. */
    readonly recovered: boolean
  }

  /** Waits for and downloads every artifact of one session. */
  const follow = <Input, Result>(request: ScreenRequest<Input, Result>, log: SessionLog, f: Followed) =>
    Effect.gen(function* () {
      const adapter = request.adapter
      const { session, scopes, entity, executionKey } = f
      const facts = { subject: entity.subject, sessionId: session.sessionId }
      const wanted = new Set<string>(f.reports)
      const reports: Record<string, ArtifactRef> = {}
      let json: JsonStepValue | undefined
      let fresh: Result | undefined
      let lastPollAt = f.createdHere ? f.startedAt : Number.NEGATIVE_INFINITY
      let urgentAt = Number.POSITIVE_INFINITY
      const deadline = f.startedAt + config.timeouts.sessionMs

      const store = (kind: ArtifactKind, bytes: Uint8Array) => sink.write(entity, kind, bytes)
      // A session created just now has nothing recorded: its steps need not look first.
      const stepOptions = { fresh: f.createdHere }

      const fetchJson = (href: string | undefined) =>
        steps.step(
          executionKey,
          "json",
          JsonStep,
          Effect.flatMap(
            http.download(http.resolve(href, `${session.sessionUrl}/json`), "application/json", scopes, {
              ...facts,
              entity: "jsonData"
            }),
            (bytes) =>
              Effect.flatMap(store("json", bytes), (artifact) =>
                Effect.clockWith((clock) => {
                  observeTimeToJson(clock.unsafeCurrentTimeMillis() - session.createdAt)
                  const decoded = decodeResult(adapter.resultSchema, bytes)
                  const summary = Either.isRight(decoded)
                    ? Either.getOrUndefined(Either.try(() => adapter.summarize(decoded.right)))
                    : undefined
                  if (Either.isRight(decoded)) fresh = decoded.right
                  const value: JsonStepValue = {
                    artifact,
                    summary: summary ?? null,
                    issue: Either.isLeft(decoded)
                      ? decoded.left
                      : summary === undefined
                        ? "the adapter could not summarise the result"
                        : null
                  }
                  return Effect.as(
                    sessionLog(LogLevel.Info, "json stored", log, { size: artifact.size }),
                    value
                  )
                })
              )
          ),
          stepOptions
        )

      const fetchReport = (type: string, href: string | undefined) =>
        steps.step(
          executionKey,
          `report:${type}`,
          ReportStep,
          Effect.flatMap(
            http.download(
              http.resolve(href, `${session.sessionUrl}/report/${encodeURIComponent(type)}`),
              "application/pdf",
              scopes,
              { ...facts, entity: type }
            ),
            (bytes) =>
              Effect.flatMap(store(type, bytes), (artifact) =>
                Effect.as(
                  sessionLog(LogLevel.Info, "report stored", log, { report: type, size: artifact.size }),
                  artifact
                )
              )
          ),
          stepOptions
        )

      const expired = (what: string) => new ResultExpired({ ...facts, entity: what })
      const failed = (info: SessionInfo | undefined) =>
        new SessionFailed({
          ...facts,
          sessionId: session.sessionId,
          errorCode: info?.error?.errorCode ?? "ENTITY_FAILED",
          detail: info?.error?.message ?? "the session was cancelled",
          artifacts: { ...(json === undefined ? {} : { json: json.artifact }), ...reports }
        })

      /** Runs a download (true when done); a transient failure asks for a poll soon instead. */
      const attempt = (
        download: Effect.Effect<boolean, DownloadError>
      ): Effect.Effect<boolean, ScreeningError> =>
        Effect.catchAll(download, (error) => {
          if (error._tag === "EntityFailed") return Effect.succeed(false)
          if (error._tag === "EntityNotReady" || isTransient(error))
            return Effect.map(Clock.currentTimeMillis, (now) => {
              urgentAt = Math.min(urgentAt, now + config.polling.fastMs)
              return false
            })
          return Effect.fail(error)
        })

      const storeJson = (state: EntityState) =>
        attempt(
          Effect.map(fetchJson(state.href), (value) => {
            json = value
            return true
          })
        )

      const storeReport = (type: string, href: string | undefined) =>
        attempt(
          Effect.map(fetchReport(type, href), (artifact) => {
            reports[type] = artifact
            return true
          })
        )

      /** Acts on confirmed session information: download what is READY, stop on FAILED/EXPIRED. */
      const act = (info: SessionInfo) =>
        Effect.gen(function* () {
          const jsonState = info.jsonData
          if (json === undefined && jsonState?.status === "READY") yield* storeJson(jsonState)
          if (json === undefined && jsonState?.status === "EXPIRED")
            return yield* Effect.fail(expired("jsonData"))
          if (json !== undefined) {
            for (const type of wanted) {
              const state = info.reports[type]
              if (reports[type] !== undefined || state === undefined) continue
              if (state.status === "READY") yield* storeReport(type, state.href)
              else if (state.status === "EXPIRED") return yield* Effect.fail(expired(type))
            }
          }
          if (info.status === "FAILED") return yield* Effect.fail(failed(info))
          if (info.status === "EXPIRED" && !complete()) return yield* Effect.fail(expired("session"))
        })

      const complete = () => json !== undefined && [...wanted].every((type) => reports[type] !== undefined)

      const poll = (now: number) => {
        lastPollAt = now
        urgentAt = Number.POSITIVE_INFINITY
        return Effect.matchEffect(http.sessionInfo(session.sessionUrl, scopes, facts), {
          onSuccess: act,
          onFailure: (error) => {
            if (!isTransient(error)) return Effect.fail(error)
            urgentAt = now + config.polling.fastMs
            return Effect.void
          }
        })
      }

      /**
       * A ReportReady hint for a report this session asked for: the download itself confirms (204
       * until READY), no status call. A webhook is a hint, never an instruction (contract §7.2):
       * one naming any other report starts no download of that name.
       */
      const onReportHint = (hint: Hint) =>
        Effect.gen(function* () {
          const type = hint.entity
          if (type === undefined || !wanted.has(type) || json === undefined || reports[type] !== undefined)
            return true
          const stored = yield* storeReport(type, undefined)
          return stored || urgentAt !== Number.POSITIVE_INFINITY
        })

      // A replayed entity may have every artifact recorded already: no API call at all then.
      if (!f.createdHere) {
        json = Option.getOrUndefined(yield* steps.replay(executionKey, "json", JsonStep))
        for (const type of wanted) {
          const recorded = yield* steps.replay(executionKey, `report:${type}`, ReportStep)
          if (Option.isSome(recorded)) reports[type] = recorded.value
        }
      }

      while (!complete()) {
        const now = yield* Clock.currentTimeMillis
        if (now >= deadline)
          return yield* Effect.fail(
            new SessionTimedOut({
              ...facts,
              sessionId: session.sessionId,
              sessionPath: session.sessionUrl,
              waitedMs: now - f.startedAt
            })
          )
        const waited = now - f.startedAt
        const interval =
          f.createdHere && f.watch.webhook !== undefined
            ? events.pollInterval(waited, now)
            : guidanceInterval(config.polling, waited)
        const due = Math.min(lastPollAt + interval, urgentAt)
        if (now < due) {
          const hint = yield* f.watch.nextHint(Math.min(due - now, deadline - now, 1_000))
          if (Option.isNone(hint)) continue
          if (hint.value.event === "ReportReady" && (yield* onReportHint(hint.value))) continue
        }
        yield* poll(now)
      }

      observeTimeToReports((yield* Clock.currentTimeMillis) - session.createdAt)
      const stored = json
      if (stored === undefined) return yield* Effect.dieMessage("unreachable: complete without JSON")
      if (stored.summary === null || stored.issue !== null)
        return yield* Effect.fail(
          new ResultDecodeFailed({
            ...facts,
            sessionId: session.sessionId,
            json: stored.artifact,
            artifacts: { ...reports },
            issue: stored.issue ?? "no summary"
          })
        )
      const result = fresh ?? (yield* readBack(adapter.resultSchema, stored.artifact))
      return {
        adapterId: adapter.id,
        subject: entity.subject,
        entityKeyHash: entity.entityKeyHash,
        sessionId: session.sessionId,
        json: stored.artifact,
        reports: { ...reports },
        summary: stored.summary,
        result,
        recoveredCreate: f.recovered
      } satisfies Screening<Result>
    })

  const readBack = <Result>(schema: Schema.Schema<Result, unknown>, ref: ArtifactRef) =>
    sink.read === undefined
      ? Effect.succeed(undefined)
      : sink.read(ref).pipe(
          Effect.map((bytes) => Either.getOrUndefined(decodeResult(schema, bytes))),
          Effect.orElseSucceed(() => undefined)
        )

  const screen: SessionLifecycleShape["screen"] = (request) =>
    Effect.clockWith((clock) => {
      const log: SessionLog = {
        adapter: request.adapter.id,
        subject: request.subject,
        startedAt: clock.unsafeCurrentTimeMillis(),
        sessionId: undefined
      }
      const reference = hashKey(request.executionKey ?? request.entityKey, config.keySecret)
      return gate.withSessionSlot(
        Effect.acquireUseRelease(
          events.open(reference),
          (watch) => screenOne(request, log, watch, reference),
          (watch, exit) => Effect.zipRight(watch.close, ended(exit, log))
        )
      )
    })

  /** Counts the outcome; a typed failure is also logged (defects and interruptions are not outcomes). */
  const ended = (exit: Exit.Exit<unknown, ScreeningError>, log: SessionLog): Effect.Effect<void> => {
    if (Exit.isSuccess(exit)) return countOutcome("Done")
    const failure = Cause.failureOption(exit.cause)
    if (Option.isNone(failure)) return Effect.void
    const tag = failure.value._tag
    return Effect.zipRight(countOutcome(tag), sessionLog(LogLevel.Warning, `screening ended: ${tag}`, log))
  }

  return { screen } satisfies SessionLifecycleShape
})

export const sessionLifecycleLayer: Layer.Layer<
  SessionLifecycle,
  never,
  AmlConfig | AmlHttp | DurableSteps | SessionEvents | ArtifactSink | RateGate
> = Layer.effect(SessionLifecycle, make)
