import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Data, Duration, Effect } from "effect"
import { directExchange, isUndiciHttpClient, TransportCause } from "./undiciHttpClient.js"

/** One HTTP answer with its body read completely. */
export interface Exchange {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/**
 * Why no answer came. `connect`: the connection was never established, so the server cannot
 * have seen the request (the only case in which a create POST may be sent again). `timeout`
 * and `broken`: the request may have been processed.
 */
export class TransportFailure extends Data.TaggedError("TransportFailure")<{
  readonly kind: "connect" | "timeout" | "broken"
  readonly code: string
  /** The API surely did not receive the whole request (so even a create may go again). */
  readonly unsent: boolean
}> {}

/** Error codes Node raises before a single byte of the request left the machine. */
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "ERR_INVALID_URL"
])

const codeOf = (error: unknown, depth = 0): string | undefined => {
  if (typeof error !== "object" || error === null || depth > 4) return undefined
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined
  return code ?? ("cause" in error ? codeOf(error.cause, depth + 1) : undefined)
}

const fromCause = (cause: TransportCause): TransportFailure => {
  const connect = CONNECT_CODES.has(cause.code) || cause.code === "UND_ERR_CONNECT_TIMEOUT"
  const kind = connect ? "connect" : cause.code === "TIMEOUT" ? "timeout" : "broken"
  return new TransportFailure({ kind, code: cause.code, unsent: connect || !cause.sent })
}

const classify = (error: unknown): TransportFailure => {
  const cause = typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined
  if (cause instanceof TransportCause) return fromCause(cause)
  const code = codeOf(error) ?? "UNKNOWN"
  const invalidUrl =
    typeof error === "object" && error !== null && "reason" in error && error.reason === "InvalidUrl"
  const connect = CONNECT_CODES.has(code) || invalidUrl
  return new TransportFailure({ kind: connect ? "connect" : "broken", code, unsent: connect })
}

/** Without client spans or trace headers; our own client has neither to begin with. */
export const quietClient = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  isUndiciHttpClient(client)
    ? client
    : client.pipe(
        HttpClient.withTracerPropagation(false),
        HttpClient.withTracerDisabledWhen(() => true)
      )

const settleExchange = {
  answer: (answer: Exchange) => Effect.succeed(answer),
  failure: (cause: TransportCause) => Effect.fail(fromCause(cause))
}

/** A request that could not even be built: surely never sent. */
const invalid = (reason: "InvalidUrl" | "Encode") =>
  new TransportFailure({ kind: reason === "InvalidUrl" ? "connect" : "broken", code: reason, unsent: true })

const invalidRequest = (reason: "InvalidUrl" | "Encode") => Effect.fail(invalid(reason))

/**
 * `exchange`, continued by `onAnswer` / `onFailure`. On our own client the continuation is
 * what the request's one asynchronous step resumes with: no further step in between.
 */
export const exchangeWith = <A, E>(
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  timeoutMs: number,
  onAnswer: (answer: Exchange) => Effect.Effect<A, E>,
  onFailure: (failure: TransportFailure) => Effect.Effect<A, E>
): Effect.Effect<A, E> => {
  const direct = directExchange(client)
  if (direct === undefined)
    return Effect.matchEffect(exchange(client, request, timeoutMs), { onSuccess: onAnswer, onFailure })
  return direct(
    request,
    timeoutMs,
    { answer: onAnswer, failure: (cause) => onFailure(fromCause(cause)) },
    (reason) => onFailure(invalid(reason))
  )
}

/** Sends one request and reads the whole body within `timeoutMs`. */
export const exchange = (
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  timeoutMs: number
): Effect.Effect<Exchange, TransportFailure> => {
  // Our own client reads the body and applies the timeout itself: one step, no racing fiber.
  const direct = directExchange(client)
  if (direct !== undefined) return direct(request, timeoutMs, settleExchange, invalidRequest)
  return Effect.flatMap(client.execute(request), readAll).pipe(
    Effect.mapError(classify),
    Effect.timeoutFail({
      duration: Duration.millis(timeoutMs),
      onTimeout: () => new TransportFailure({ kind: "timeout", code: "TIMEOUT", unsent: false })
    })
  )
}

const readAll = (response: {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly arrayBuffer: Effect.Effect<ArrayBuffer, unknown>
}) =>
  Effect.map(response.arrayBuffer, (buffer) => ({
    status: response.status,
    headers: response.headers,
    body: new Uint8Array(buffer)
  })).pipe(Effect.mapError(classify))

const decoder = new TextDecoder()

export const bodyText = (body: Uint8Array): string => decoder.decode(body)

/** Parses a JSON body; undefined for an empty or non-JSON body (HTML error pages etc.). */
export const bodyJson = (body: Uint8Array): unknown => {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(bodyText(body))
  } catch {
    return undefined
  }
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
export const retryAfterMs = (headers: Readonly<Record<string, string>>, now: number): number | undefined => {
  const value = headers["retry-after"]
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * Exponential backoff with jitter: attempt 1 waits about `base`, then 2×, 4×, … capped at `max`;
 * the delay is drawn from [½d, d] so fibers that failed together do not return together.
 * A `Retry-After` is a floor.
 */
export const backoffMs = (
  attempt: number,
  settings: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  retryAfter: number | undefined
): number => {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2)
  return Math.max(jittered, retryAfter ?? 0)
}
