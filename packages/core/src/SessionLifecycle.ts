import {
  Cause,
  Clock,
  Context,
  Duration,
  Effect,
  Either,
  Exit,
  Layer,
  LogLevel,
  Option,
  ParseResult,
  Schedule,
  Schema
} from "effect"
import type { Adapter, AnyAdapter } from "./Adapter.js"
import { AdapterRegistry } from "./AdapterRegistry.js"
import { AmlConfig, DEFAULT_RECOVERY_MS, wireProfileOf } from "./AmlConfig.js"
import { AmlHttp } from "./AmlHttp.js"
import { type ArtifactEntity, type ArtifactKind, ArtifactSink } from "./ArtifactSink.js"
import { DurableSteps, type Subscription } from "./DurableSteps.js"
import type { EntitySummary } from "./EntitySummary.js"
import {
  AccessTokenError,
  AmlApiError,
  type ArtifactRef,
  ArtifactWriteFailed,
  CreateOutcomeUnknown,
  EntityNotReady,
  InvalidInput,
  JournalError,
  ResultDecodeFailed,
  ResultExpired,
  SessionFailed,
  type ScreeningError
} from "./Errors.js"
import { hashKey } from "./hashKey.js"
import {
  countOutcome,
  countRecoveredCreate,
  observeTimeToJson,
  observeTimeToReports
} from "./internal/metrics.js"
import { CreatedStep, JsonStep, ReportStep } from "./internal/schemas.js"
import { type SessionLog, sessionLog } from "./internal/sessionLog.js"
import { RateGate } from "./RateGate.js"
import type { Readiness } from "./Readiness.js"
import type { SessionInfo } from "./SessionInfo.js"
import { reportsOf } from "./wire/Expands.js"
import { unknownFields } from "./wire/UnknownFields.js"

/** The `RequestOptions` of an adapter, as a schema (a request is serialisable). */
export const RequestOptionsSchema = Schema.Struct({
  expands: Schema.optional(Schema.Array(Schema.String)),
  reports: Schema.optional(Schema.Array(Schema.String)),
  language: Schema.optional(Schema.String)
})

/**
 * One screening, as plain data: it can be stored, sent to another process or handed to a
 * workflow engine. The adapter is looked up in the `AdapterRegistry` by id.
 */
export const ScreenRequest = Schema.Struct({
  adapterId: Schema.String,
  /** The adapter's input, encoded with its `inputSchema`. */
  input: Schema.Unknown,
  options: Schema.optional(RequestOptionsSchema),
  /**
   * Identifies this execution for the durable steps and, hashed, in the request `reference`.
   * Default: the entity key (one execution per entity and journal).
   */
  executionKey: Schema.optional(Schema.String),
  /** Masked display label (the adapter's `subject`). */
  subject: Schema.String,
  /** The adapter's entity key. Never logged, never sent: only its keyed hash is. */
  entityKey: Schema.String,
  /** Follow this existing session instead of creating one. */
  sessionId: Schema.optional(Schema.String),
  /** Create again although an earlier create's outcome is unknown (may pay twice). */
  retryUnknown: Schema.optional(Schema.Boolean),
  /**
   * Read the stored JSON back from the sink and decode it into `Screening.result` (default
   * true). A runner that keeps only the summary skips it.
   */
  readResult: Schema.optional(Schema.Boolean)
})
export type ScreenRequest = typeof ScreenRequest.Type

/** A request for `adapter`, its input encoded with the adapter's `inputSchema`. */
export const makeScreenRequest = <Input, Result>(
  adapter: Adapter<Input, Result>,
  input: Input,
  fields: Omit<ScreenRequest, "adapterId" | "input">
): Either.Either<ScreenRequest, InvalidInput> =>
  Either.match(Schema.encodeEither(adapter.inputSchema)(input), {
    onLeft: () => Either.left(new InvalidInput({ adapterId: adapter.id, subject: fields.subject })),
    onRight: (encoded) => Either.right({ ...fields, adapterId: adapter.id, input: encoded })
  })

export interface Screening<Result> {
  readonly adapterId: string
  readonly subject: string
  readonly entityKeyHash: string
  readonly sessionId: string
  readonly json: ArtifactRef
  readonly reports: Readonly<Record<string, ArtifactRef>>
  readonly summary: EntitySummary
  /** The decoded result; undefined when not read back (`readResult: false`, or a sink without `read`). */
  readonly result: Result | undefined
  /** The create's answer was lost and its session was recovered from its webhook (not paid twice). */
  readonly recoveredCreate: boolean
  /** Paths of result fields the adapter's schema does not know (`Wire.unknownFields`): a changed API. */
  readonly unknownFields: ReadonlyArray<string>
}

export interface SessionLifecycleShape {
  /**
   * Screens one entity: create → await the session → JSON → each requested report. `Result` is
   * the result type of the adapter registered as `request.adapterId`.
   */
  readonly screen: <Result = unknown>(
    request: ScreenRequest
  ) => Effect.Effect<Screening<Result>, ScreeningError>
}

export class SessionLifecycle extends Context.Tag("@nordscreen/core/SessionLifecycle")<
  SessionLifecycle,
  SessionLifecycleShape
>() {}

type JsonStepValue = typeof JsonStep.Type

/** What a download step can fail with. */
const DownloadError = Schema.Union(AmlApiError, EntityNotReady, ArtifactWriteFailed)
type DownloadError = typeof DownloadError.Type

/** What the create step can fail with. */
const CreateError = Schema.Union(AmlApiError, CreateOutcomeUnknown)

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

const strings = (value: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined

/**
 * The PDFs a create body asks for: its `reports` parameter and its `links.reports.*` expands
 * (contract §16.1); undefined with neither.
 */
const requestedReports = (body: Readonly<Record<string, unknown>>): ReadonlyArray<string> | undefined => {
  const expands = strings(body["expands"])
  const reports = strings(body["reports"])
  if (expands === undefined && reports === undefined) return undefined
  return [...new Set([...(reports ?? []), ...reportsOf(expands ?? [])])]
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

const parseJson = (bytes: Uint8Array): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(new TextDecoder().decode(bytes)))
  } catch {
    return Either.left("the JSON result is not valid JSON")
  }
}

const decodeParsed = <Result>(schema: Schema.Schema<Result, unknown>, parsed: unknown) =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(parsed), (error) =>
    ParseResult.TreeFormatter.formatErrorSync(error)
  )

const decodeResult = <Result>(schema: Schema.Schema<Result, unknown>, bytes: Uint8Array) =>
  Either.flatMap(parseJson(bytes), (parsed) => decodeParsed(schema, parsed))

/** Errors that can come without the session id get it: every error after the create names it. */
const withSessionId =
  (sessionId: string) =>
  (error: ScreeningError): ScreeningError => {
    if (error._tag === "JournalError" && error.sessionId === undefined)
      return new JournalError({ step: error.step, reason: error.reason, sessionId })
    if (error._tag === "AccessTokenError" && error.sessionId === undefined)
      return new AccessTokenError({
        status: error.status,
        oauthError: error.oauthError,
        reason: error.reason,
        sessionId
      })
    if (error._tag === "ArtifactWriteFailed" && error.sessionId === undefined)
      return new ArtifactWriteFailed({ ...error, sessionId })
    return error
  }

const make = Effect.gen(function* () {
  const config = yield* AmlConfig
  const http = yield* AmlHttp
  const steps = yield* DurableSteps
  const sink = yield* ArtifactSink
  const gate = yield* RateGate
  const registry = yield* AdapterRegistry
  const profile = wireProfileOf(config)

  const sessionUrlOf = (sessionPath: string, sessionId: string) =>
    `${config.apiUrl}${sessionPath}/${encodeURIComponent(sessionId)}`

  /** Everything one screening knows before its create. */
  interface Screen {
    readonly request: ScreenRequest
    readonly adapter: AnyAdapter
    readonly log: SessionLog
    readonly executionKey: string
    readonly reference: string
    readonly entityKeyHash: string
    readonly scopes: ReadonlyArray<string>
    /** The PDFs the create asks for: exactly those are awaited and downloaded. */
    readonly reports: ReadonlyArray<string>
  }

  /**
   * A create whose answer was lost (or an earlier run's, replayed): the API still sends the
   * session's webhooks, with our per-reference Authorization, to the receiver. The session they
   * name is confirmed by the API (it exists for this client, under our reference where the API
   * echoes one) and then followed like any other. Without webhooks nothing can be recovered.
   */
  const recoverCreate = (
    s: Screen,
    subscription: Subscription
  ): Effect.Effect<Option.Option<typeof CreatedStep.Type>> | undefined =>
    subscription.webhook === undefined
      ? undefined
      : Effect.gen(function* () {
          const named = yield* subscription.sessionNamed(
            Math.min(config.timeouts.sessionMs, config.timeouts.recoveryMs ?? DEFAULT_RECOVERY_MS)
          )
          if (Option.isNone(named)) return Option.none()
          const sessionId = named.value
          const sessionUrl = sessionUrlOf(s.adapter.sessionPath, sessionId)
          const info = yield* Effect.option(
            http.sessionInfo(sessionUrl, s.scopes, { subject: s.request.subject, sessionId })
          )
          if (Option.isNone(info)) return Option.none()
          const { reference: echoed, sessionId: echoedId } = info.value
          if (
            (echoed !== undefined && echoed !== s.reference) ||
            (echoedId !== undefined && echoedId !== sessionId)
          )
            return Option.none()
          s.log.sessionId = sessionId
          countRecoveredCreate()
          yield* sessionLog(LogLevel.Info, "create answer lost; session recovered from its webhook", s.log)
          return Option.some({
            sessionId,
            sessionUrl,
            createdAt: yield* Clock.currentTimeMillis,
            reports: s.reports,
            recovered: true
          })
        })

  /** The create step: POST once (or follow the session the request names), recorded. */
  const createSession = (s: Screen, input: unknown, subscription: Subscription) => {
    const { request, adapter } = s
    if (request.sessionId !== undefined) {
      const sessionId = request.sessionId
      return steps.step(
        s.executionKey,
        "create",
        { success: CreatedStep },
        Effect.map(Clock.currentTimeMillis, (createdAt) => ({
          sessionId,
          sessionUrl: sessionUrlOf(adapter.sessionPath, sessionId),
          createdAt,
          reports: s.reports
        }))
      )
    }
    const body = {
      ...adapter.requestBody(input, request.options ?? {}, profile),
      ...(profile.sendReference ? { reference: s.reference } : {}),
      ...(subscription.webhook === undefined || profile.webhookField === null
        ? {}
        : { [profile.webhookField]: subscription.webhook })
    }
    const context = { subject: request.subject, reference: s.reference, entityKeyHash: s.entityKeyHash }
    const create = (markAttempted: Effect.Effect<void, JournalError>) =>
      Effect.flatMap(
        http.createSession(adapter.sessionPath, body, s.scopes, context, markAttempted),
        (created) =>
          Effect.flatMap(Clock.currentTimeMillis, (createdAt) => {
            s.log.sessionId = created.sessionId
            return Effect.as(sessionLog(LogLevel.Info, "session created", s.log), {
              ...created,
              createdAt,
              reports: s.reports
            })
          })
      )
    return steps.attempt(s.executionKey, "create", { success: CreatedStep, error: CreateError }, create, {
      retryUnknown: request.retryUnknown ?? config.retryUnknown,
      refused: isDefiniteRefusal,
      recover: recoverCreate(s, subscription),
      onUnknown: () =>
        new CreateOutcomeUnknown({
          subject: request.subject,
          entityKeyHash: s.entityKeyHash,
          reference: s.reference,
          requestId: undefined,
          reason: "an earlier run started the create request but never recorded its answer"
        })
    })
  }

  /** Waits for the session, downloads what is READY of what was asked, and ends the screening. */
  const follow = (s: Screen, session: typeof CreatedStep.Type) =>
    Effect.gen(function* () {
      const { adapter, request, executionKey, scopes } = s
      const { sessionId, createdAt } = session
      // As recorded, unless it names another origin than the configured API (a replayed create
      // of an earlier run against another URL): then the contract's path on this API.
      const sessionUrl = http.resolve(session.sessionUrl, sessionUrlOf(adapter.sessionPath, sessionId))
      const facts = { subject: request.subject, sessionId }
      const entity: ArtifactEntity = {
        adapterId: adapter.id,
        entityKeyHash: s.entityKeyHash,
        subject: request.subject,
        sessionId
      }
      const reports = session.reports ?? s.reports
      const deadline = createdAt + config.timeouts.sessionMs

      /**
       * Transient failures are retried inside the step, at the contract's fast cadence (the
       * schedule is built only once a download has failed: most never do).
       */
      const retrying = <A>(download: Effect.Effect<A, DownloadError>) =>
        Effect.catchIf(download, isTransient, () =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.zipRight(
              Effect.sleep(Duration.millis(config.polling.fastMs)),
              Effect.retry(download, {
                schedule: Schedule.spaced(Duration.millis(config.polling.fastMs)).pipe(
                  Schedule.upTo(Duration.millis(Math.max(deadline - now, 10 * config.polling.fastMs)))
                ),
                while: isTransient
              })
            )
          )
        )

      const fetch = (
        kind: ArtifactKind,
        href: string | null,
        fallback: string,
        accept: "application/json" | "application/pdf"
      ) =>
        Effect.flatMap(
          retrying(
            http.download(http.resolve(href ?? undefined, fallback), accept, scopes, {
              ...facts,
              entity: kind === "json" ? "jsonData" : kind
            })
          ),
          (bytes) => Effect.map(sink.write(entity, kind, bytes), (artifact) => ({ artifact, bytes }))
        )

      const observeDone = (last: boolean) =>
        last
          ? Effect.map(Clock.currentTimeMillis, (now) => observeTimeToReports(now - createdAt))
          : Effect.void

      const fetchJson = (href: string | null, last: boolean) =>
        steps.step(
          executionKey,
          "json",
          { success: JsonStep, error: DownloadError },
          Effect.gen(function* () {
            const { artifact, bytes } = yield* fetch("json", href, `${sessionUrl}/json`, "application/json")
            observeTimeToJson((yield* Clock.currentTimeMillis) - createdAt)
            yield* observeDone(last)
            const parsed = parseJson(bytes)
            const decoded = Either.flatMap(parsed, (json) => decodeParsed(adapter.resultSchema, json))
            const unknown =
              Either.isRight(decoded) && Either.isRight(parsed)
                ? unknownFields(adapter.resultSchema, parsed.right, decoded.right)
                : []
            const summary = Either.isRight(decoded)
              ? Either.getOrUndefined(Either.try(() => adapter.summarize(decoded.right)))
              : undefined
            yield* sessionLog(LogLevel.Info, "json stored", s.log, { size: artifact.size })
            const value: JsonStepValue = {
              artifact,
              summary: summary ?? null,
              issue: Either.isLeft(decoded)
                ? decoded.left
                : summary === undefined
                  ? "the adapter could not summarise the result"
                  : null,
              ...(unknown.length === 0 ? {} : { unknownFields: unknown })
            }
            return value
          })
        )

      const fetchReport = (type: string, href: string | null, last: boolean) =>
        steps.step(
          executionKey,
          `report:${type}`,
          { success: ReportStep, error: DownloadError },
          Effect.gen(function* () {
            const { artifact } = yield* fetch(
              type,
              href,
              `${sessionUrl}/report/${encodeURIComponent(type)}`,
              "application/pdf"
            )
            yield* observeDone(last)
            yield* sessionLog(LogLevel.Info, "report stored", s.log, { report: type, size: artifact.size })
            return artifact
          })
        )

      const poll = Effect.catchIf(
        Effect.map(http.sessionInfo(sessionUrl, scopes, facts), Option.some<SessionInfo>),
        isTransient,
        () => Effect.succeed(Option.none<SessionInfo>())
      )
      const readiness: Readiness = yield* steps.awaitReady(
        executionKey,
        { sessionId, sessionUrl, subject: request.subject, createdAt, deadline, reports },
        poll
      )

      // What is READY is downloaded whatever the outcome: nothing paid for is left behind.
      const ready = readiness.outcome === "ready"
      const pending = reports.filter((type) => readiness.reports[type]?.status === "READY")
      const artifacts: Record<string, ArtifactRef> = {}
      /** In a failed or expired session a download is a bonus: its failure ends nothing. */
      const bonus = <A>(download: Effect.Effect<A, DownloadError | JournalError>) =>
        ready
          ? Effect.map(download, Option.some)
          : Effect.catchIf(
              Effect.map(download, Option.some),
              (error) => error._tag !== "JournalError" && error._tag !== "ArtifactWriteFailed",
              () => Effect.succeed(Option.none<A>())
            )
      const expiredWith = (error: ResultExpired) =>
        new ResultExpired({
          subject: error.subject ?? request.subject,
          sessionId: error.sessionId ?? sessionId,
          requestId: error.requestId,
          entity: error.entity,
          artifacts: { ...artifacts }
        })

      const json =
        readiness.json?.status === "READY"
          ? Option.getOrUndefined(yield* bonus(fetchJson(readiness.json.href, pending.length === 0)))
          : undefined
      if (json !== undefined) artifacts["json"] = json.artifact
      for (const [index, type] of pending.entries()) {
        const report = yield* bonus(
          fetchReport(type, readiness.reports[type]?.href ?? null, index === pending.length - 1)
        ).pipe(Effect.catchTag("ResultExpired", (error) => Effect.fail(expiredWith(error))))
        if (Option.isSome(report)) artifacts[type] = report.value
      }

      if (readiness.outcome === "failed")
        return yield* new SessionFailed({
          ...facts,
          errorCode: readiness.error?.errorCode ?? "ENTITY_FAILED",
          detail: readiness.error?.message ?? "the session was cancelled",
          artifacts
        })
      if (readiness.outcome === "expired" || json === undefined)
        return yield* new ResultExpired({ ...facts, entity: readiness.expired ?? "jsonData", artifacts })
      const { json: _json, ...downloaded } = artifacts
      if (json.summary === null || json.issue !== null)
        return yield* new ResultDecodeFailed({
          ...facts,
          json: json.artifact,
          artifacts: downloaded,
          issue: json.issue ?? "no summary"
        })
      const result = request.readResult === false ? undefined : yield* readBack(adapter, json.artifact)
      return {
        adapterId: adapter.id,
        subject: request.subject,
        entityKeyHash: s.entityKeyHash,
        sessionId,
        json: json.artifact,
        reports: downloaded,
        summary: json.summary,
        result,
        recoveredCreate: session.recovered === true,
        unknownFields: json.unknownFields ?? []
      }
    })

  /** The adapter's decoded result, read back from the sink (the result type is the adapter's). */
  const readBack = (adapter: AnyAdapter, ref: ArtifactRef) =>
    sink.read === undefined
      ? Effect.succeed(undefined)
      : sink.read(ref).pipe(
          Effect.map((bytes) => Either.getOrUndefined(decodeResult(adapter.resultSchema, bytes))),
          Effect.orElseSucceed(() => undefined)
        )

  const screenOne = (s: Screen, input: unknown) =>
    Effect.gen(function* () {
      const subscription = yield* steps.subscribe(s.executionKey, s.reference)
      const session = yield* createSession(s, input, subscription)
      s.log.sessionId = session.sessionId
      return yield* Effect.mapError(follow(s, session), withSessionId(session.sessionId))
    })

  const screen: SessionLifecycleShape["screen"] = (request) =>
    Effect.gen(function* () {
      const adapter = yield* registry.get(request.adapterId)
      const input = yield* Effect.mapError(
        Schema.decodeUnknown(adapter.inputSchema)(request.input),
        () => new InvalidInput({ adapterId: adapter.id, subject: request.subject })
      )
      const executionKey = request.executionKey ?? request.entityKey
      const requestBody = adapter.requestBody(input, request.options ?? {}, profile)
      const s: Screen = {
        request,
        adapter,
        log: { adapter: adapter.id, subject: request.subject, sessionId: undefined },
        executionKey,
        reference: hashKey(executionKey, config.keySecret),
        entityKeyHash: hashKey(request.entityKey, config.keySecret),
        scopes: config.scopes ?? adapter.scopes,
        reports: requestedReports(requestBody) ?? request.options?.reports ?? adapter.reports.defaults
      }
      return yield* gate
        .withSessionSlot(Effect.scoped(screenOne(s, input)))
        .pipe(Effect.onExit((exit) => ended(exit, s.log)))
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
  AmlConfig | AmlHttp | DurableSteps | ArtifactSink | RateGate | AdapterRegistry
> = Layer.effect(SessionLifecycle, make)
