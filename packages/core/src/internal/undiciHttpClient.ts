// Module by module: the package index also loads the HTTP API docs bundles (≈ 10 MB of source
// text kept on the heap, ≈ 0.6 s of start-up CPU).
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import { Effect, Inspectable, Option, Stream } from "effect"
import type { Dispatcher } from "undici"

/**
 * An `HttpClient` straight on an undici dispatcher, for the engine's small JSON and PDF
 * exchanges. Compared with platform's clients it reads the whole body before it answers (our
 * callers always do), keeps no AbortController, span or finalisation registry per request,
 * applies the per-request timeout itself (`requestTimeoutMs`, no racing fiber), and records
 * whether the request was completely handed to the connection: a failure before that means
 * the server cannot have received the whole request, which lets a create POST go again.
 */

/**
 * Total time for one exchange (connect, send, whole answer), by request. A side table rather
 * than a FiberRef: `Effect.locally` per request costs more than the request's own dispatch.
 */
const timeouts = new WeakMap<HttpClientRequest.HttpClientRequest, number>()

/** The request, with a total timeout that this client applies (other clients ignore it). */
export const withTimeout = (
  request: HttpClientRequest.HttpClientRequest,
  ms: number
): HttpClientRequest.HttpClientRequest => {
  timeouts.set(request, ms)
  return request
}

/** The cause of a `RequestError` from this client. */
export class TransportCause {
  readonly _tag = "TransportCause"
  constructor(
    readonly code: string,
    /** Whether the whole request had been written to the connection when it failed. */
    readonly sent: boolean,
    readonly error: unknown
  ) {}
}

/** A response whose body has been read completely. */
class BufferedResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly status: number,
    readonly headers: Headers.Headers,
    readonly body: Uint8Array
  ) {
    super()
  }
  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }
  get cookies(): Cookies.Cookies {
    const header = this.headers["set-cookie"]
    return header === undefined ? Cookies.empty : Cookies.fromSetCookie([header])
  }
  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.sync(() =>
      Buffer.from(this.body.buffer, this.body.byteOffset, this.body.byteLength).toString()
    )
  }
  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => (text === "" ? null : JSON.parse(text)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.sync(() => {
      const copy = new Uint8Array(this.body.byteLength)
      copy.set(this.body)
      return copy.buffer
    })
  }
  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }
  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.fail(this.decodeError("form data bodies are not supported"))
  }
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.succeed(this.body)
  }
  toJSON(): unknown {
    return { _id: "HttpClientResponse", status: this.status, headers: this.headers }
  }
  private decodeError(cause: unknown) {
    return new HttpClientError.ResponseError({
      request: this.request,
      response: this,
      reason: "Decode",
      cause
    })
  }
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: TransportCause) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause, description: cause.code })

const codeOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : "UNKNOWN"

/** The whole answer, as the handler collected it. */
export interface RawAnswer {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Buffer
}

/** Turns the outcome of one exchange into the effect its caller resumes with. */
interface Settle<A, E> {
  readonly answer: (answer: RawAnswer) => Effect.Effect<A, E>
  readonly failure: (cause: TransportCause) => Effect.Effect<A, E>
}

/** Collects one answer; the Effect resumes once, on completion, error or timeout. */
class Exchange<A, E> implements Dispatcher.DispatchHandler {
  private chunks: Array<Buffer> = []
  private status = 0
  private headers: Record<string, string> = {}
  private sent = false
  private abort: ((error: Error) => void) | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private done = false
  private cancelled: Error | undefined

  constructor(
    private readonly settle: Settle<A, E>,
    private readonly resume: (effect: Effect.Effect<A, E>) => void,
    timeoutMs: number
  ) {
    if (timeoutMs > 0) this.timer = setTimeout(() => this.cancel("TIMEOUT"), timeoutMs)
  }

  cancel(code: string): void {
    if (this.done) return
    const error = Object.assign(new Error(code), { code })
    this.cancelled = error
    this.fail(error)
    this.abort?.(error)
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abort = abort
    // Timed out or interrupted while waiting for a connection: it must never be written now,
    // since the caller was told it was not sent (a create may go again).
    if (this.cancelled !== undefined) abort(this.cancelled)
  }
  onRequestSent(): void {
    this.sent = true
  }
  onHeaders(status: number, raw: Array<Buffer>): boolean {
    if (status < 200) return true
    this.status = status
    const headers: Record<string, string> = {}
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = String(raw[i]).toLowerCase()
      const value = String(raw[i + 1])
      const previous = headers[key]
      headers[key] = previous === undefined ? value : `${previous}, ${value}`
    }
    this.headers = headers
    return true
  }
  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk)
    return true
  }
  onComplete(): void {
    if (this.done) return
    this.finish()
    const body = this.chunks.length === 1 ? (this.chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(this.chunks)
    this.resume(this.settle.answer({ status: this.status, headers: this.headers, body }))
  }
  onError(error: Error): void {
    if (!this.done) this.fail(error)
  }

  private fail(error: unknown): void {
    this.finish()
    this.resume(this.settle.failure(new TransportCause(codeOf(error), this.sent, error)))
  }
  private finish(): void {
    this.done = true
    if (this.timer !== undefined) clearTimeout(this.timer)
  }
}

/** Splits an absolute URL into origin and path without building a URL object. */
const ORIGIN = /^(https?:\/\/[^/?#]+)([^#]*)/i

const target = (
  request: HttpClientRequest.HttpClientRequest
): { origin: string; path: string } | undefined => {
  let url = request.url
  if (request.urlParams.length > 0 || Option.isSome(request.hash)) {
    const built = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
    if (built._tag === "Left") return undefined
    url = built.right.toString()
  }
  const match = ORIGIN.exec(url)
  if (match === null) return undefined
  const path = match[2] ?? ""
  return { origin: match[1] ?? "", path: path === "" ? "/" : path.startsWith("/") ? path : `/${path}` }
}

type Body = { readonly body: string | Uint8Array | null; readonly contentType: string | undefined }

const bodyOf = (request: HttpClientRequest.HttpClientRequest): Body | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return { body: null, contentType: undefined }
    case "Uint8Array":
      return { body: body.body, contentType: body.contentType }
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array
        ? { body: body.body, contentType: body.contentType }
        : undefined
    default:
      return undefined
  }
}

/** Dispatches one request; `settle` decides what the caller resumes with. */
const dispatch = <A, E>(
  dispatcher: Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  timeoutMs: number,
  settle: Settle<A, E>,
  invalid: (reason: "InvalidUrl" | "Encode") => Effect.Effect<A, E>
): Effect.Effect<A, E> => {
  const where = target(request)
  if (where === undefined) return invalid("InvalidUrl")
  const body = bodyOf(request)
  if (body === undefined) return invalid("Encode")
  const headers: Record<string, string> = { ...request.headers }
  if (body.contentType !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = body.contentType
  return Effect.async<A, E>((resume) => {
    const exchange = new Exchange(settle, resume, timeoutMs)
    dispatcher.dispatch(
      { origin: where.origin, path: where.path, method: request.method, headers, body: body.body },
      exchange
    )
    return Effect.sync(() => exchange.cancel("ABORTED"))
  })
}

/** The platform's view: a `HttpClientResponse`, or a `RequestError` carrying the cause. */
const send = (dispatcher: Dispatcher, request: HttpClientRequest.HttpClientRequest) =>
  Effect.suspend(() =>
    dispatch<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>(
      dispatcher,
      request,
      timeouts.get(request) ?? 0,
      {
        answer: (answer) =>
          Effect.succeed(
            new BufferedResponse(
              request,
              answer.status,
              Headers.unsafeFromRecord(answer.headers),
              answer.body
            )
          ),
        failure: (cause) => Effect.fail(transportError(request, cause))
      },
      (reason) =>
        Effect.fail(
          reason === "InvalidUrl"
            ? new HttpClientError.RequestError({ request, reason })
            : new HttpClientError.RequestError({ request, reason, description: "unsupported body" })
        )
    )
  )

/**
 * The engine's own path on one of our clients: the answer (or the transport's cause) without
 * building a response object, in one asynchronous step.
 */
export type DirectExchange = <A, E>(
  request: HttpClientRequest.HttpClientRequest,
  timeoutMs: number,
  settle: Settle<A, E>,
  invalid: (reason: "InvalidUrl" | "Encode") => Effect.Effect<A, E>
) => Effect.Effect<A, E>

const direct = new WeakMap<HttpClient.HttpClient, DirectExchange>()

/** The direct path of a client made by `makeUndiciHttpClient`, else undefined. */
export const directExchange = (client: HttpClient.HttpClient): DirectExchange | undefined =>
  direct.get(client)

/** Is this one of ours (so the caller may leave the timeout to it)? */
export const isUndiciHttpClient = (client: HttpClient.HttpClient): boolean => direct.has(client)

export const makeUndiciHttpClient = (dispatcher: Dispatcher): HttpClient.HttpClient => {
  const client = HttpClient.makeWith(
    (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) =>
      Effect.flatMap(request, (request) => send(dispatcher, request)),
    Effect.succeed
  )
  direct.set(client, (request, timeoutMs, settle, invalid) =>
    dispatch(dispatcher, request, timeoutMs, settle, invalid)
  )
  return client
}
