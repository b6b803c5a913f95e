import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type * as HttpServer from "@effect/platform/HttpServer"
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
  Redacted,
  Runtime,
  Schema,
  type Scope
} from "effect"
import { AmlConfig, type PollingSettings, type WebhookSettings } from "./AmlConfig.js"
import { AmlConfigError } from "./Errors.js"
import { guidanceInterval } from "./internal/polling.js"
import { WebhookPayload } from "./SessionInfo.js"

/** A webhook event, reduced to what the lifecycle acts on. Only a hint: the API confirms. */
export interface Hint {
  /** `JsonDataReady`, `ReportReady`, `AllDone`, `Failed` (open string). */
  readonly event: string
  readonly entity: string | undefined
  /** The session the (authenticated) webhook names. */
  readonly sessionId: string
}

export interface WebhookRequest {
  readonly url: string
  readonly events: ReadonlyArray<string>
  /**
   * Echoed back as the Authorization header (contract §7.2): the reference and a keyed MAC of
   * it, so any process holding the key secret can tell which execution a webhook belongs to,
   * also one started after a crash (a create whose answer was lost is recovered from it).
   */
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
  /**
   * The session an authenticated webhook for this reference named (also one that arrived before
   * this watch was opened), waiting up to `ms`; none without webhooks. How a create whose answer
   * was lost learns its session id.
   */
  readonly awaitSession: (ms: number) => Effect.Effect<Option.Option<string>>
  /** Ends the subscription (later webhooks for it are acknowledged and ignored). */
  readonly close: Effect.Effect<void>
}

export interface WebhookStats {
  readonly accepted: number
  readonly duplicates: number
  /** Authenticated, for a reference no session of this process watches (kept for recovery). */
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
  readonly reference: string
  readonly offer: (hint: Hint) => void
  readonly seen: Set<string>
  /** The first session an authenticated webhook named for this reference. */
  sessionId: string | undefined
  /** The session this watch follows, once known. */
  attached: string | undefined
}

type Verdict = "accepted" | "duplicates" | "unknownSession" | "unauthorized"

/** Sessions named by authenticated webhooks nobody watched; bounded, oldest dropped first. */
const MAX_ORPHANS = 100_000

/** The routing table of live watches, with the health of webhook delivery. */
const makeRouter = (silenceMs: number) => {
  const byReference = new Map<string, Set<Entry>>()
  const bySession = new Map<string, Set<Entry>>()
  const orphans = new Map<string, string>()
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

  const open = (entry: Entry, now: number) => {
    entry.sessionId = orphans.get(entry.reference)
    orphans.delete(entry.reference)
    add(byReference, entry.reference, entry)
    if (active++ === 0) expectingSince = now
  }
  const close = (entry: Entry) => {
    remove(byReference, entry.reference, entry)
    if (entry.attached !== undefined) remove(bySession, entry.attached, entry)
    active--
  }

  const adopt = (reference: string, sessionId: string) => {
    if (orphans.has(reference)) return
    if (orphans.size >= MAX_ORPHANS) {
      const oldest = orphans.keys().next()
      if (oldest.done !== true) orphans.delete(oldest.value)
    }
    orphans.set(reference, sessionId)
  }

  const pick = (set: Set<Entry> | undefined, reference: string): Entry | undefined => {
    if (set === undefined) return undefined
    for (const entry of set) if (entry.reference === reference) return entry
    return undefined
  }

  /** `reference` is the one the (verified) Authorization header names, never the payload's. */
  const deliver = (payload: WebhookPayload, reference: string, now: number): Verdict => {
    const attached = bySession.get(payload.sessionId)
    let entry: Entry | undefined
    if (attached !== undefined) {
      entry = pick(attached, reference)
      // Signed for another execution than the one this session belongs to.
      if (entry === undefined) return "unauthorized"
    } else {
      entry = pick(byReference.get(reference), reference)
      // A watch following another session of this reference is not told about this one.
      if (entry?.attached !== undefined) entry = undefined
    }
    if (entry === undefined) {
      adopt(reference, payload.sessionId)
      return "unknownSession"
    }
    lastWebhookAt = now
    entry.sessionId ??= payload.sessionId
    const key = `${payload.sessionId}/${payload.status}/${payload.entity ?? ""}`
    if (entry.seen.has(key)) return "duplicates"
    entry.seen.add(key)
    entry.offer({ event: payload.status, entity: payload.entity ?? undefined, sessionId: payload.sessionId })
    return "accepted"
  }

  const healthy = (now: number): boolean => now - Math.max(lastWebhookAt, expectingSince) < silenceMs

  return {
    open,
    close,
    attach: (sessionId: string, entry: Entry) => {
      entry.attached = sessionId
      add(bySession, sessionId, entry)
    },
    deliver,
    healthy,
    stats
  }
}

type Router = ReturnType<typeof makeRouter>

/** The Authorization value the API echoes for `reference`: the reference and its keyed MAC. */
const authorizationFor = (secret: Redacted.Redacted<string>, reference: string): string =>
  `Bearer ${Buffer.from(reference, "utf8").toString("base64url")}.${macOf(secret, reference).toString("base64url")}`

const macOf = (secret: Redacted.Redacted<string>, reference: string): Buffer =>
  createHmac("sha256", Redacted.value(secret)).update(`nordscreen/webhook\0${reference}`, "utf8").digest()

/** The reference an Authorization header vouches for, or undefined (constant-time MAC check). */
const verifiedReference = (
  secret: Redacted.Redacted<string>,
  authorization: string | undefined
): string | undefined => {
  if (authorization === undefined || authorization.length > 512 || !authorization.startsWith("Bearer "))
    return undefined
  const token = authorization.slice(7)
  const dot = token.lastIndexOf(".")
  if (dot <= 0) return undefined
  const reference = Buffer.from(token.slice(0, dot), "base64url").toString("utf8")
  const given = Buffer.from(token.slice(dot + 1), "base64url")
  const expected = macOf(secret, reference)
  return given.length === expected.length && timingSafeEqual(given, expected) ? reference : undefined
}

const decodePayload = Schema.decodeUnknownEither(WebhookPayload)

/** Webhook bodies are small JSON objects; anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024

const answer = (response: ServerResponse, status: number) => {
  response.statusCode = status
  response.end()
}

/**
 * The receiver is a plain `node:http` handler: a webhook is authenticated, parsed and routed
 * synchronously, without a fiber, a span or a request object per event. Nothing an
 * unauthenticated sender wrote is parsed or logged.
 */
const webhookHandler =
  (router: Router, path: string, secret: Redacted.Redacted<string>, log: WebhookLog) =>
  (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? ""
    const query = url.indexOf("?")
    if (request.method !== "POST" || (query < 0 ? url : url.slice(0, query)) !== path) {
      request.resume()
      return answer(response, 404)
    }
    const reference = verifiedReference(secret, request.headers.authorization)
    if (reference === undefined) {
      request.resume()
      router.stats.unauthorized++
      log.refused(router.stats)
      return answer(response, 401)
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
        log.refused(router.stats)
        return answer(response, size > MAX_BODY_BYTES ? 413 : 400)
      }
      const verdict = router.deliver(payload, reference, Date.now())
      router.stats[verdict]++
      if (verdict === "unauthorized") log.refused(router.stats)
      else log.event(payload, verdict)
      // Unknown sessions are acknowledged so the sender stops retrying; they are kept for recovery.
      answer(response, verdict === "unauthorized" ? 401 : 204)
    })
  }

interface WebhookLog {
  /** An authenticated event, at debug level, its strings bounded and sanitised. */
  readonly event: (payload: WebhookPayload, verdict: Verdict) => void
  /** A refused webhook: at most one summary line a minute, with counts, nothing of its content. */
  readonly refused: (stats: WebhookStats) => void
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

/** A value from the wire as it may appear in a log line: printable ASCII, at most 64 characters. */
const loggable = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null
  const clean = value.slice(0, 64).replace(/[^\x20-\x7e]/g, "?")
  return value.length > 64 ? `${clean}…(${value.length})` : clean
}

const REFUSED_LOG_EVERY_MS = 60_000

/** The receiver's log lines through the engine's logger. */
const makeWebhookLog = (runtime: Runtime.Runtime<never>): WebhookLog => {
  const minimum = FiberRefs.getOrDefault(runtime.fiberRefs, FiberRef.currentMinimumLogLevel)
  const run = Runtime.runFork(runtime)
  const debug = !LogLevel.greaterThan(minimum, LogLevel.Debug)
  let lastRefusedAt = Number.NEGATIVE_INFINITY
  let reported = { unauthorized: 0, malformed: 0 }
  return {
    event: (payload, verdict) => {
      if (!debug) return
      const entry = {
        sessionId: loggable(payload.sessionId),
        event: loggable(payload.status),
        entity: loggable(payload.entity),
        verdict
      }
      run(Effect.annotateLogs(Effect.logDebug("webhook"), entry))
    },
    refused: (stats) => {
      const now = Date.now()
      if (now - lastRefusedAt < REFUSED_LOG_EVERY_MS) return
      lastRefusedAt = now
      const since = {
        unauthorized: stats.unauthorized - reported.unauthorized,
        malformed: stats.malformed - reported.malformed
      }
      reported = { unauthorized: stats.unauthorized, malformed: stats.malformed }
      run(Effect.annotateLogs(Effect.logWarning("webhooks refused (counts since the last such line)"), since))
    }
  }
}

const pollingWatch: Watch = {
  webhook: undefined,
  attach: () => Effect.void,
  nextHint: (ms) => Effect.as(Effect.sleep(ms), Option.none()),
  awaitSession: () => Effect.succeed(Option.none()),
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

const listenFailure = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
    ? cause.code
    : cause instanceof Error
      ? cause.message
      : "listen failed"

/** Starts the webhook receiver (when enabled) for the lifetime of the layer. */
export const makeSessionEvents = (
  webhook: WebhookSettings,
  polling: PollingSettings,
  /** Keys the webhook Authorization values; a process that shares it can recover their sessions. */
  keySecret: Redacted.Redacted<string> = Redacted.make(randomBytes(32).toString("base64url"))
): Effect.Effect<SessionEventsShape, AmlConfigError, Scope.Scope> =>
  Effect.gen(function* () {
    if (!webhook.enabled) return pollingOnly(polling)
    const router = makeRouter(polling.webhookSilenceMs)
    const log = makeWebhookLog(yield* Effect.runtime<never>())
    // The platform's Node server listens and closes it; requests go to the plain handler
    // above (never `serve`), so a webhook costs no fiber and no request or response object.
    const listen = (port: number) => {
      const server = createServer(webhookHandler(router, webhook.path, keySecret, log))
      server.keepAliveTimeout = 30_000
      return NodeHttpServer.make(() => server, { port, host: webhook.host }).pipe(
        Effect.map((http) => ({ server, http })),
        Effect.mapError(
          (error) =>
            new AmlConfigError({
              setting: "webhookPort (env NORDSCREEN_WEBHOOK_PORT)",
              reason: `the webhook receiver cannot listen on ${webhook.host}:${port} (${listenFailure(error.cause)}); choose another port, or 0 for any free one`
            })
        )
      )
    }
    const preferred = webhook.port === 0 ? webhook.preferredPort : undefined
    const { server, http } = yield* preferred === undefined
      ? listen(webhook.port)
      : Effect.orElse(listen(preferred), () => listen(0))
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
        const mailbox = makeMailbox()
        const entry: Entry = {
          reference,
          offer: mailbox.offer,
          seen: new Set(),
          sessionId: undefined,
          attached: undefined
        }
        router.open(entry, clock.unsafeCurrentTimeMillis())
        return Effect.succeed<Watch>({
          webhook: { url, events: EVENTS, authorization: authorizationFor(keySecret, reference) },
          attach: (id: string) => Effect.sync(() => router.attach(id, entry)),
          nextHint: mailbox.take,
          awaitSession: (ms) =>
            entry.sessionId !== undefined
              ? Effect.succeed(Option.some(entry.sessionId))
              : Effect.map(mailbox.take(ms), () => Option.fromNullable(entry.sessionId)),
          close: Effect.sync(() => {
            router.close(entry)
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

export const sessionEventsLayer: Layer.Layer<SessionEvents, AmlConfigError, AmlConfig> = Layer.scoped(
  SessionEvents,
  Effect.flatMap(AmlConfig, (config) => makeSessionEvents(config.webhook, config.polling, config.keySecret))
)
