import { randomUUID } from "node:crypto"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Context, Effect, Either, Layer, Redacted, Schema } from "effect"
import { Agent } from "undici"
import { AccessTokens } from "./AccessTokens.js"
import { AmlConfig } from "./AmlConfig.js"
import {
  type AmlApiError,
  ApiValidationError,
  ConnectionFailed,
  CreateOutcomeUnknown,
  EntityFailed,
  EntityNotReady,
  Forbidden,
  RateLimited,
  ResultExpired,
  ServiceUnavailable,
  EntityNotRequested,
  SessionNotFound,
  Unauthorized,
  UnexpectedResponse
} from "./Errors.js"
import { countAnswerNow, countRateLimited, countRetry } from "./internal/metrics.js"
import {
  backoffMs,
  bodyJson,
  bodyText,
  type Exchange,
  exchangeWith,
  quietClient,
  retryAfterMs,
  type TransportFailure
} from "./internal/transport.js"
import { makeUndiciHttpClient } from "./internal/undiciHttpClient.js"
import { RateGate } from "./RateGate.js"
import { ApiErrorBody, CreateSessionResponse, decodeSessionInfo, type SessionInfo } from "./SessionInfo.js"

/** Facts about the entity a call is for; they end up in errors and logs. */
export interface CallContext {
  /** Masked display label of the entity. */
  readonly subject?: string | undefined
  readonly sessionId?: string | undefined
}

export interface CreateContext extends CallContext {
  readonly reference: string
  readonly entityKeyHash: string
}

export interface CreatedSession {
  readonly sessionId: string
  /** Absolute URL of the session (from `Location`, else the contract's template). */
  readonly sessionUrl: string
}

export interface AmlHttpShape {
  /** POST create. Never sent twice unless the first attempt surely did not reach the API. */
  /**
   * POST create-session. `beforeSend` runs once, after the token and the rate slot are in hand and
   * immediately before the request is written (the journal's "attempted" marker).
   */
  readonly createSession: <E = never>(
    path: string,
    body: Readonly<Record<string, unknown>>,
    scopes: ReadonlyArray<string>,
    context: CreateContext,
    beforeSend?: Effect.Effect<void, E>
  ) => Effect.Effect<CreatedSession, AmlApiError | CreateOutcomeUnknown | E>
  readonly sessionInfo: (
    sessionUrl: string,
    scopes: ReadonlyArray<string>,
    context: CallContext
  ) => Effect.Effect<SessionInfo, AmlApiError>
  /** GET a JSON result or PDF; `EntityNotReady` on 204. */
  readonly download: (
    url: string,
    accept: "application/json" | "application/pdf",
    scopes: ReadonlyArray<string>,
    context: CallContext & { readonly entity: string }
  ) => Effect.Effect<Uint8Array, AmlApiError | EntityNotReady>
  /** An absolute URL for a path or `href` of the API; a foreign origin falls back to `fallback`. */
  readonly resolve: (href: string | undefined, fallback: string) => string
}

export class AmlHttp extends Context.Tag("@nordscreen/core/AmlHttp")<AmlHttp, AmlHttpShape>() {}

interface Call<A, U> {
  readonly method: "GET" | "POST"
  readonly url: string
  readonly body?: Readonly<Record<string, unknown>> | undefined
  readonly accept: string
  readonly scopes: ReadonlyArray<string>
  readonly context: CallContext
  readonly timeoutMs: number
  /**
   * Only for the create POST, which is sent again only when it surely never reached the API:
   * what any other doubt about its outcome becomes.
   */
  readonly uncertain: ((reason: string, requestId: string) => U) | undefined
  /** Runs right before each sending of the request (the create's marker: idempotent). */
  readonly beforeSend: Effect.Effect<void, U> | undefined
  /** What the final answer (no retry left or needed) becomes. */
  readonly finish: (answer: Exchange, requestId: string) => Effect.Effect<A, AmlApiError | U>
}

const RETRY_STATUSES = new Set([429, 502, 503, 504])

const decodeCreated = Schema.decodeUnknownEither(CreateSessionResponse)

/** Maps an error answer (contract §10) to a typed error; copes with empty, HTML and OAuth bodies. */
export const apiError = (
  answer: Exchange,
  facts: CallContext & { readonly requestId: string }
): AmlApiError => {
  const json = bodyJson(answer.body)
  const decoded = Schema.decodeUnknownEither(ApiErrorBody)(json)
  const body = Either.isRight(decoded) ? decoded.right : undefined
  const errorCode = body?.errorCode ?? body?.error ?? `HTTP_${answer.status}`
  const looksHtml = json === undefined && /^\s*</.test(bodyText(answer.body.subarray(0, 64)))
  const detail =
    body?.message ?? body?.error_description ?? (looksHtml ? "HTML error page" : `HTTP ${answer.status}`)
  const base = { subject: facts.subject, sessionId: facts.sessionId, requestId: facts.requestId }
  switch (answer.status) {
    case 400:
    case 415:
    case 422:
      return new ApiValidationError({
        ...base,
        status: answer.status,
        errorCode,
        detail,
        fields: (body?.details ?? []).map((item) => ({
          field: item.field ?? undefined,
          issue: item.issue ?? undefined
        }))
      })
    case 401:
      return new Unauthorized({ ...base, status: 401, errorCode, detail })
    case 403:
      return new Forbidden({ ...base, errorCode, detail })
    case 404:
      return errorCode === "ENTITY_NOT_REQUESTED"
        ? new EntityNotRequested({ ...base, errorCode, detail })
        : new SessionNotFound({ ...base, errorCode, detail })
    case 409:
      return new EntityFailed({ ...base, entity: "unknown", errorCode, detail })
    case 410:
      return new ResultExpired({ ...base, entity: "unknown" })
    case 429:
      return new RateLimited({ ...base, retryAfterMs: retryAfterMs(answer.headers, Date.now()) })
    default:
      return answer.status >= 500
        ? new ServiceUnavailable({ ...base, status: answer.status, errorCode, detail })
        : new UnexpectedResponse({ ...base, status: answer.status, reason: `${errorCode}: ${detail}` })
  }
}

const make = Effect.gen(function* () {
  const config = yield* AmlConfig
  const tokens = yield* AccessTokens
  const gate = yield* RateGate
  // Creates share the keep-alive connections: a failure before the whole request was written
  // is known as such (`unsent`), and only that lets a create go again.
  const client = quietClient(yield* HttpClient.HttpClient)
  const origin = new URL(config.apiUrl).origin

  const request = <A, U>(call: Call<A, U>, token: Redacted.Redacted<string>, requestId: string) => {
    const base = HttpClientRequest.make(call.method)(call.url).pipe(
      HttpClientRequest.setHeaders({
        authorization: `Bearer ${Redacted.value(token)}`,
        accept: call.accept,
        "x-request-id": requestId
      })
    )
    return call.body === undefined ? base : HttpClientRequest.bodyUnsafeJson(base, call.body)
  }

  /**
   * One attempt and what follows from its answer: retry, refresh, fail or finish. The common
   * case (a fresh token cached, a rate slot free) costs one clock read and no waiting.
   */
  const send = <A, U>(
    call: Call<A, U>,
    attempt: number,
    refreshed: boolean
  ): Effect.Effect<A, AmlApiError | U> =>
    Effect.clockWith((clock) => {
      const now = clock.unsafeCurrentTimeMillis()
      const token = tokens.unsafeCached(call.scopes, now)
      if (token !== undefined && gate.unsafeTryAcquire(now))
        return dispatch(call, attempt, refreshed, token, now)
      return Effect.flatMap(tokens.get(call.scopes), (token) =>
        Effect.zipRight(
          gate.acquire,
          Effect.clockWith((clock) =>
            dispatch(call, attempt, refreshed, token, clock.unsafeCurrentTimeMillis())
          )
        )
      )
    })

  const dispatch = <A, U>(
    call: Call<A, U>,
    attempt: number,
    refreshed: boolean,
    token: Redacted.Redacted<string>,
    sentAt: number
  ): Effect.Effect<A, AmlApiError | U> => {
    const requestId = randomUUID()
    const exchange = exchangeWith(
      client,
      request(call, token, requestId),
      call.timeoutMs,
      (answer) => answered(call, attempt, refreshed, answer, { token, requestId, sentAt }),
      (failure) => unanswered(call, attempt, refreshed, failure, requestId)
    )
    return call.beforeSend === undefined ? exchange : Effect.zipRight(call.beforeSend, exchange)
  }

  const retry = <A, U>(
    call: Call<A, U>,
    attempt: number,
    refreshed: boolean,
    retryAfter: number | undefined
  ) =>
    Effect.zipRight(
      Effect.zipRight(countRetry, Effect.sleep(backoffMs(attempt, config.retry, retryAfter))),
      send(call, attempt + 1, refreshed)
    )

  const unanswered = <A, U>(
    call: Call<A, U>,
    attempt: number,
    refreshed: boolean,
    failure: TransportFailure,
    requestId: string
  ): Effect.Effect<A, AmlApiError | U> => {
    countAnswerNow(failure.code)
    if (call.uncertain !== undefined && !failure.unsent)
      return Effect.fail(call.uncertain(`${failure.kind} (${failure.code}) after sending`, requestId))
    if (attempt < config.retry.maxAttempts) return retry(call, attempt, refreshed, undefined)
    return Effect.fail(
      new ConnectionFailed({ ...call.context, requestId, reason: `${failure.kind} (${failure.code})` })
    )
  }

  const answered = <A, U>(
    call: Call<A, U>,
    attempt: number,
    refreshed: boolean,
    answer: Exchange,
    sent: { readonly token: Redacted.Redacted<string>; readonly requestId: string; readonly sentAt: number }
  ): Effect.Effect<A, AmlApiError | U> => {
    countAnswerNow(answer.status)
    const more = attempt < config.retry.maxAttempts
    const requestId = sent.requestId
    if (answer.status === 429) {
      const after = retryAfterMs(answer.headers, Date.now())
      const limited = Effect.zipRight(countRateLimited, gate.rateLimited(after, sent.sentAt))
      // A 429 is a definite "not processed" (contract §10.1), so even a create may go again.
      return Effect.zipRight(
        limited,
        more
          ? retry(call, attempt, refreshed, after)
          : Effect.fail(apiError(answer, { ...call.context, requestId }))
      )
    }
    gate.unsafeSucceeded()
    if (answer.status === 401 && !refreshed)
      // Not processed either: refresh the token and try exactly once more.
      return Effect.zipRight(tokens.invalidate(call.scopes, sent.token), send(call, attempt, true))
    if (call.uncertain !== undefined && answer.status >= 500)
      return Effect.fail(call.uncertain(`HTTP ${answer.status} on create`, requestId))
    if (RETRY_STATUSES.has(answer.status) && more)
      return retry(call, attempt, refreshed, retryAfterMs(answer.headers, Date.now()))
    return call.finish(answer, requestId)
  }

  const resolve = (href: string | undefined, fallback: string): string => {
    if (href === undefined || !URL.canParse(href, `${origin}/`)) return fallback
    const url = new URL(href, `${origin}/`)
    // Never send the bearer token to a host that is not the API.
    return url.origin === origin ? url.toString() : fallback
  }

  const createSession: AmlHttpShape["createSession"] = <E>(
    path: string,
    body: Readonly<Record<string, unknown>>,
    scopes: ReadonlyArray<string>,
    context: CreateContext,
    beforeSend?: Effect.Effect<void, E>
  ) => {
    const url = `${config.apiUrl}${path}`
    const unknown = (reason: string, requestId: string | undefined) =>
      new CreateOutcomeUnknown({
        subject: context.subject,
        requestId,
        entityKeyHash: context.entityKeyHash,
        reference: context.reference,
        reason
      })
    const finish = (
      answer: Exchange,
      requestId: string
    ): Effect.Effect<CreatedSession, AmlApiError | CreateOutcomeUnknown | E> => {
      if (answer.status !== 201 && answer.status !== 200)
        return Effect.fail(apiError(answer, { ...context, requestId }))
      const decoded = decodeCreated(bodyJson(answer.body))
      if (Either.isLeft(decoded))
        return Effect.fail(unknown(`HTTP ${answer.status} without a readable sessionId`, requestId))
      const sessionId = decoded.right.sessionId
      const template = `${url}/${encodeURIComponent(sessionId)}`
      const location = answer.headers["location"]
      const sessionUrl =
        location === undefined ? template : resolve(new URL(location, url).toString(), template)
      return Effect.succeed({ sessionId, sessionUrl })
    }
    return send(
      {
        method: "POST",
        url,
        body,
        accept: "application/json",
        scopes,
        context,
        timeoutMs: config.timeouts.createMs,
        uncertain: unknown,
        beforeSend,
        finish
      },
      1,
      false
    )
  }

  const get = <A, E>(
    url: string,
    accept: string,
    scopes: ReadonlyArray<string>,
    context: CallContext,
    finish: (answer: Exchange, requestId: string) => Effect.Effect<A, E | AmlApiError>
  ) =>
    send<A, E>(
      {
        method: "GET",
        url,
        accept,
        scopes,
        context,
        timeoutMs: config.timeouts.requestMs,
        uncertain: undefined,
        beforeSend: undefined,
        finish
      },
      1,
      false
    )

  const sessionInfo: AmlHttpShape["sessionInfo"] = (sessionUrl, scopes, context) =>
    get(sessionUrl, "application/json", scopes, context, (answer, requestId) => {
      if (answer.status !== 200) return Effect.fail(apiError(answer, { ...context, requestId }))
      return Either.match(decodeSessionInfo(bodyJson(answer.body)), {
        onLeft: () =>
          Effect.fail(
            new UnexpectedResponse({
              ...context,
              requestId,
              status: 200,
              reason: "session info is not a JSON object"
            })
          ),
        onRight: (info) => Effect.succeed(info)
      })
    })

  const download: AmlHttpShape["download"] = (url, accept, scopes, context) =>
    get(
      url,
      accept,
      scopes,
      context,
      (answer, requestId): Effect.Effect<Uint8Array, AmlApiError | EntityNotReady> => {
        const facts = { subject: context.subject, sessionId: context.sessionId, requestId }
        if (answer.status === 200) return Effect.succeed(answer.body)
        if (answer.status === 204)
          return Effect.fail(
            new EntityNotReady({
              ...facts,
              entity: context.entity,
              retryAfterMs: retryAfterMs(answer.headers, Date.now())
            })
          )
        const error = apiError(answer, facts)
        if (error._tag === "EntityFailed")
          return Effect.fail(new EntityFailed({ ...error, entity: context.entity }))
        if (error._tag === "ResultExpired")
          return Effect.fail(new ResultExpired({ ...facts, entity: context.entity }))
        return Effect.fail(error)
      }
    )

  return { createSession, sessionInfo, download, resolve } satisfies AmlHttpShape
})

export const amlHttpLayer: Layer.Layer<
  AmlHttp,
  never,
  AmlConfig | AccessTokens | RateGate | HttpClient.HttpClient
> = Layer.scoped(AmlHttp, make)

/**
 * The engine's HTTP client: undici keep-alive connections (up to 256 per origin). Idle
 * connections are closed after 2 s, well before a server's usual idle timeout, so a request
 * rarely meets a connection the server is closing.
 */
export const nodeHttpClientLayer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Agent({ connections: 256, keepAliveTimeout: 2_000, keepAliveMaxTimeout: 2_000 })),
      (agent) => Effect.promise(() => agent.destroy())
    ),
    makeUndiciHttpClient
  )
)
