import { randomBytes, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type * as HttpServer from "@effect/platform/HttpServer"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import {
  Context,
  Effect,
  Either,
  FiberRef,
  FiberRefs,
  Layer,
  LogLevel,
  Option,
  Runtime,
  Schema,
  type Scope
} from "effect"
import { AmlConfig, type PollingSettings, type WebhookSettings } from "./AmlConfig.js"
import { guidanceInterval } from "./internal/polling.js"
import { WebhookPayload } from "./SessionInfo.js"

/** A webhook event, reduced to what the lifecycle acts on. Only a hint: the API confirms. */
export interface Hint {
  /** `JsonDataReady`, `ReportReady`, `AllDone`, `Failed` (open string). */
  readonly event: string
  readonly entity: string | undefined
}

export interface WebhookRequest {
  readonly url: string
  readonly events: ReadonlyArray<string>
  /** Per-session random secret, echoed back as the Authorization header (contract §7.2). */
  readonly authorization: string
}

/** One session's subscription to its events; released with its scope. */
export interface Watch {
  /** The `webhook` of the create request; undefined when polling only. */
  readonly webhook: WebhookRequest | undefined
  /** Routes later webhooks by session id (they are routed by `reference` until then). */
  readonly attach: (sessionId: string) => Effect.Effect<void>
  /** The next hint within `ms`, or none. */
  readonly nextHint: (ms: number) => Effect.Effect<Option.Option<Hint>>
  /** Ends the subscription (later webhooks for it are acknowledged and ignored). */
  readonly close: Effect.Effect<void>
}

export interface WebhookStats {
  readonly accepted: number
  readonly duplicates: number
  readonly unknownSession: number
  readonly unauthorized: number
  readonly malformed: number
}

export interface SessionEventsShape {
  /** Subscribes to one session's events until `close`. */
  readonly open: (reference: string) => Effect.Effect<Watch>
  /** `open`, closed with the scope. */
  readonly watch: (reference: string) => Effect.Effect<Watch, never, Scope.Scope>
  /**
   * How long a session that has waited `waitedMs` should go between polls: the contract's
   * guidance (1 s, then 5 s) when webhooks do not arrive, a slow safety net while they do.
   */
  readonly pollInterval: (waitedMs: number, now: number) => number
  /** Where the API should send webhooks; undefined when polling only. */
  readonly webhookUrl: string | undefined
  readonly stats: Effect.Effect<WebhookStats>
}

export class SessionEvents extends Context.Tag("@nordscreen/core/SessionEvents")<
  SessionEvents,
  SessionEventsShape
>() {}

/**
 * The events the lifecycle acts on. `AllDone` adds nothing to the last `ReportReady` (and a
 * lost one is covered by the poller), so it is not asked for: one HTTP request less per session.
 */
const EVENTS = ["JsonDataReady", "ReportReady", "Failed"] as const

interface Entry {
  /** The `Authorization` value the API must echo, as bytes. */
  readonly expected: Buffer
  readonly offer: (hint: Hint) => void
  readonly seen: Set<string>
}

/** Constant-time compare. Every expected value has the same length, so the length tells nothing. */
const matches = (entry: Entry, authorization: string | undefined): boolean => {
  if (authorization === undefined || authorization.length !== entry.expected.length) return false
  const given = Buffer.from(authorization, "latin1")
  return given.length === entry.expected.length && timingSafeEqual(entry.expected, given)
}

type Verdict = "accepted" | "duplicates" | "unknownSession" | "unauthorized"

/** The routing table of live watches, with the health of webhook delivery. */
const makeRouter = (silenceMs: number) => {
  const byReference = new Map<string, Set<Entry>>()
  const bySession = new Map<string, Set<Entry>>()
  let active = 0
  let expectingSince = 0
  let lastWebhookAt = 0
  const stats = { accepted: 0, duplicates: 0, unknownSession: 0, unauthorized: 0, malformed: 0 }

  const add = (map: Map<string, Set<Entry>>, key: string, entry: Entry) =>
    map.set(key, (map.get(key) ?? new Set()).add(entry))
  const remove = (map: Map<string, Set<Entry>>, key: string, entry: Entry) => {
    const set = map.get(key)
    set?.delete(entry)
    if (set?.size === 0) map.delete(key)
  }

  const open = (reference: string, entry: Entry, now: number) => {
    add(byReference, reference, entry)
    if (active++ === 0) expectingSince = now
  }
  const close = (reference: string, sessionId: string | undefined, entry: Entry) => {
    remove(byReference, reference, entry)
    if (sessionId !== undefined) remove(bySession, sessionId, entry)
    active--
  }

  const deliver = (payload: WebhookPayload, authorization: string | undefined, now: number): Verdict => {
    const candidates = bySession.get(payload.sessionId) ?? byReference.get(payload.reference ?? "")
    if (candidates === undefined) return "unknownSession"
    let entry: Entry | undefined
    for (const candidate of candidates)
      if (matches(candidate, authorization)) {
        entry = candidate
        break
      }
    if (entry === undefined) return "unauthorized"
    lastWebhookAt = now
    const key = `${payload.status}/${payload.entity ?? ""}`
    if (entry.seen.has(key)) return "duplicates"
    entry.seen.add(key)
    entry.offer({ event: payload.status, entity: payload.entity ?? undefined })
    return "accepted"
  }

  const healthy = (now: number): boolean => now - Math.max(lastWebhookAt, expectingSince) < silenceMs

  return {
    open,
    close,
    attach: (sessionId: string, entry: Entry) => add(bySession, sessionId, entry),
    deliver,
    healthy,
    stats
  }
}

type Router = ReturnType<typeof makeRouter>

const decodePayload = Schema.decodeUnknownEither(WebhookPayload)

/** Webhook bodies are small JSON objects; anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024

const answer = (response: ServerResponse, status: number) => {
  response.statusCode = status
  response.end()
}

/**
 * The receiver is a plain `node:http` handler: a webhook is parsed, checked and routed
 * synchronously, without a fiber, a span or a request object per event.
 */
const webhookHandler =
  (router: Router, path: string, log: (entry: WebhookLog) => void) =>
  (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? ""
    const query = url.indexOf("?")
    if (request.method !== "POST" || (query < 0 ? url : url.slice(0, query)) !== path) {
      request.resume()
      return answer(response, 404)
    }
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on("error", () => response.destroy())
    request.on("end", () => {
      const payload = size > MAX_BODY_BYTES ? undefined : parsePayload(chunks)
      if (payload === undefined) {
        router.stats.malformed++
        return answer(response, size > MAX_BODY_BYTES ? 413 : 400)
      }
      const verdict = router.deliver(payload, request.headers.authorization, Date.now())
      router.stats[verdict]++
      log({ sessionId: payload.sessionId, event: payload.status, verdict })
      // Unknown sessions are acknowledged so the sender stops retrying; they are simply ignored.
      answer(response, verdict === "unauthorized" ? 401 : 204)
    })
  }

interface WebhookLog {
  readonly sessionId: string
  readonly event: string
  readonly verdict: Verdict
}

const parsePayload = (chunks: ReadonlyArray<Buffer>): WebhookPayload | undefined => {
  let json: unknown
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"))
  } catch {
    return undefined
  }
  return Either.getOrUndefined(decodePayload(json))
}

/** Logs each webhook at debug level through the engine's logger, only when debug is on. */
const makeWebhookLog = (runtime: Runtime.Runtime<never>): ((entry: WebhookLog) => void) => {
  const minimum = FiberRefs.getOrDefault(runtime.fiberRefs, FiberRef.currentMinimumLogLevel)
  if (LogLevel.greaterThan(minimum, LogLevel.Debug)) return () => {}
  const run = Runtime.runFork(runtime)
  return (entry) => {
    run(Effect.annotateLogs(Effect.logDebug("webhook"), { ...entry }))
  }
}

const pollingWatch: Watch = {
  webhook: undefined,
  attach: () => Effect.void,
  nextHint: (ms) => Effect.as(Effect.sleep(ms), Option.none()),
  close: Effect.void
}

const pollingOnly = (polling: PollingSettings): SessionEventsShape => ({
  open: () => Effect.succeed(pollingWatch),
  watch: () => Effect.succeed(pollingWatch),
  pollInterval: (waitedMs) => guidanceInterval(polling, waitedMs),
  webhookUrl: undefined,
  stats: Effect.succeed({ accepted: 0, duplicates: 0, unknownSession: 0, unauthorized: 0, malformed: 0 })
})

const localUrl = (webhook: WebhookSettings, address: HttpServer.Address): string => {
  if (address._tag === "UnixAddress") return `http://localhost${webhook.path}`
  const host = address.hostname === "0.0.0.0" || address.hostname === "::" ? "127.0.0.1" : address.hostname
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}${webhook.path}`
}

/** A session's hints: at most one waiter (the session's own loop), no fiber per wait. */
const makeMailbox = () => {
  const pending: Array<Hint> = []
  let waiter: ((effect: Effect.Effect<Option.Option<Hint>>) => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const wake = (value: Option.Option<Hint>) => {
    const resume = waiter
    waiter = undefined
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    resume?.(Effect.succeed(value))
  }

  const offer = (hint: Hint) => {
    if (closed) return
    if (waiter !== undefined) wake(Option.some(hint))
    else pending.push(hint)
  }

  const take = (ms: number): Effect.Effect<Option.Option<Hint>> =>
    Effect.suspend(() => {
      const next = pending.shift()
      if (next !== undefined) return Effect.succeed(Option.some(next))
      if (closed || ms <= 0) return Effect.succeed(Option.none())
      return Effect.async<Option.Option<Hint>>((resume) => {
        waiter = resume
        timer = setTimeout(() => wake(Option.none()), ms)
        return Effect.sync(() => {
          if (waiter !== resume) return
          waiter = undefined
          clearTimeout(timer)
          timer = undefined
        })
      })
    })

  const close = () => {
    closed = true
    pending.length = 0
    if (waiter !== undefined) wake(Option.none())
  }

  return { offer, take, close }
}

/** Starts the webhook receiver (when enabled) for the lifetime of the layer. */
export const makeSessionEvents = (
  webhook: WebhookSettings,
  polling: PollingSettings
): Effect.Effect<SessionEventsShape, ServeError, Scope.Scope> =>
  Effect.gen(function* () {
    if (!webhook.enabled) return pollingOnly(polling)
    const router = makeRouter(polling.webhookSilenceMs)
    const log = makeWebhookLog(yield* Effect.runtime<never>())
    // The platform's Node server listens and closes it; requests go to the plain handler
    // above (never `serve`), so a webhook costs no fiber and no request or response object.
    const server = createServer(webhookHandler(router, webhook.path, log))
    server.keepAliveTimeout = 30_000
    const http = yield* NodeHttpServer.make(() => server, { port: webhook.port, host: webhook.host })
    // Runs before the platform's close (finalizers run in reverse): stop accepting and drop open
    // connections at once, or the close would wait for the sender's idle keep-alive connections.
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        server.close()
        server.closeAllConnections()
      })
    )
    const url = webhook.publicUrl ?? localUrl(webhook, http.address)

    const open = (reference: string) =>
      Effect.clockWith((clock) => {
        const secret = randomBytes(32).toString("base64url")
        const authorization = `Bearer ${secret}`
        const mailbox = makeMailbox()
        const entry: Entry = {
          expected: Buffer.from(authorization, "latin1"),
          offer: mailbox.offer,
          seen: new Set()
        }
        let sessionId: string | undefined
        router.open(reference, entry, clock.unsafeCurrentTimeMillis())
        return Effect.succeed<Watch>({
          webhook: { url, events: EVENTS, authorization },
          attach: (id: string) =>
            Effect.sync(() => {
              sessionId = id
              router.attach(id, entry)
            }),
          nextHint: mailbox.take,
          close: Effect.sync(() => {
            router.close(reference, sessionId, entry)
            mailbox.close()
          })
        })
      })

    return {
      open,
      watch: (reference: string) => Effect.acquireRelease(open(reference), (watch) => watch.close),
      pollInterval: (waitedMs, now) =>
        router.healthy(now) ? polling.safetyNetMs : guidanceInterval(polling, waitedMs),
      webhookUrl: url,
      stats: Effect.sync(() => ({ ...router.stats }))
    } satisfies SessionEventsShape
  })

export const sessionEventsLayer: Layer.Layer<SessionEvents, ServeError, AmlConfig> = Layer.scoped(
  SessionEvents,
  Effect.flatMap(AmlConfig, (config) => makeSessionEvents(config.webhook, config.polling))
)
