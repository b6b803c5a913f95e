import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { createServer } from "node:http"
import { type HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import type { ServeError } from "@effect/platform/HttpServerError"
import { NodeHttpServer } from "@effect/platform-node"
import { Clock, Context, Effect, Either, Layer, Option, Queue, Schema, type Scope } from "effect"
import { AmlConfig, type PollingSettings, type WebhookSettings } from "./AmlConfig.js"
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
}

export interface WebhookStats {
  readonly accepted: number
  readonly duplicates: number
  readonly unknownSession: number
  readonly unauthorized: number
  readonly malformed: number
}

export interface SessionEventsShape {
  readonly watch: (reference: string) => Effect.Effect<Watch, never, Scope.Scope>
  /**
   * How long a session that has waited `waitedMs` should go between polls: the contract's
   * guidance (1 s, then 5 s) when webhooks do not arrive, a slow safety net while they do.
   */
  readonly pollInterval: (waitedMs: number) => Effect.Effect<number>
  /** Where the API should send webhooks; undefined when polling only. */
  readonly webhookUrl: string | undefined
  readonly stats: Effect.Effect<WebhookStats>
}

export class SessionEvents extends Context.Tag("@nordscreen/core/SessionEvents")<
  SessionEvents,
  SessionEventsShape
>() {}

const EVENTS = ["JsonDataReady", "ReportReady", "AllDone", "Failed"] as const

interface Entry {
  readonly digest: Buffer
  readonly queue: Queue.Queue<Hint>
  readonly seen: Set<string>
}

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest()

/** Constant-time: both sides are hashed to equal length first. */
const matches = (entry: Entry, authorization: string | undefined): boolean =>
  authorization !== undefined && timingSafeEqual(entry.digest, digest(authorization))

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
    const entry = [...candidates].find((candidate) => matches(candidate, authorization))
    if (entry === undefined) return "unauthorized"
    lastWebhookAt = now
    const key = `${payload.status}/${payload.entity ?? ""}`
    if (entry.seen.has(key)) return "duplicates"
    entry.seen.add(key)
    Queue.unsafeOffer(entry.queue, { event: payload.status, entity: payload.entity ?? undefined })
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

const webhookApp = (router: Router, path: string) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (request.method !== "POST" || request.url.split("?")[0] !== path)
      return HttpServerResponse.empty({ status: 404 })
    const body = yield* Effect.either(request.json)
    const payload = Either.flatMap(body, Schema.decodeUnknownEither(WebhookPayload))
    if (Either.isLeft(payload)) {
      router.stats.malformed++
      return HttpServerResponse.empty({ status: 400 })
    }
    const now = yield* Clock.currentTimeMillis
    const verdict = router.deliver(payload.right, request.headers["authorization"], now)
    router.stats[verdict]++
    yield* Effect.logDebug("webhook").pipe(
      Effect.annotateLogs({ sessionId: payload.right.sessionId, event: payload.right.status, verdict })
    )
    // Unknown sessions are acknowledged so the sender stops retrying; they are simply ignored.
    return HttpServerResponse.empty({ status: verdict === "unauthorized" ? 401 : 204 })
  })

const pollingOnly = (polling: PollingSettings): SessionEventsShape => ({
  watch: () =>
    Effect.succeed({
      webhook: undefined,
      attach: () => Effect.void,
      nextHint: (ms) => Effect.as(Effect.sleep(ms), Option.none())
    }),
  pollInterval: (waitedMs) => Effect.succeed(waitedMs < polling.fastForMs ? polling.fastMs : polling.slowMs),
  webhookUrl: undefined,
  stats: Effect.succeed({ accepted: 0, duplicates: 0, unknownSession: 0, unauthorized: 0, malformed: 0 })
})

const localUrl = (webhook: WebhookSettings, address: HttpServer.Address): string => {
  if (address._tag === "UnixAddress") return `http://localhost${webhook.path}`
  const host = address.hostname === "0.0.0.0" || address.hostname === "::" ? "127.0.0.1" : address.hostname
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}${webhook.path}`
}

/** Starts the webhook receiver (when enabled) for the lifetime of the layer. */
export const makeSessionEvents = (
  webhook: WebhookSettings,
  polling: PollingSettings
): Effect.Effect<SessionEventsShape, ServeError, Scope.Scope> =>
  Effect.gen(function* () {
    if (!webhook.enabled) return pollingOnly(polling)
    const router = makeRouter(polling.webhookSilenceMs)
    const nodeServer = createServer()
    const server = yield* NodeHttpServer.make(() => nodeServer, { host: webhook.host, port: webhook.port })
    yield* server.serve(webhookApp(router, webhook.path))
    // Runs first at shutdown: stop accepting and drop open connections at once. Otherwise the
    // close waits for a webhook that arrived after the handler was removed until its sender
    // gives up.
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        nodeServer.close()
        nodeServer.closeAllConnections()
      })
    )
    const url = webhook.publicUrl ?? localUrl(webhook, server.address)

    const watch = (reference: string) =>
      Effect.gen(function* () {
        const secret = randomBytes(32).toString("base64url")
        const authorization = `Bearer ${secret}`
        const queue = yield* Queue.unbounded<Hint>()
        const entry: Entry = { digest: digest(authorization), queue, seen: new Set() }
        let sessionId: string | undefined
        yield* Effect.acquireRelease(
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.sync(() => router.open(reference, entry, now))
          ),
          () =>
            Effect.zipRight(
              Effect.sync(() => router.close(reference, sessionId, entry)),
              Queue.shutdown(queue)
            )
        )
        return {
          webhook: { url, events: EVENTS, authorization },
          attach: (id: string) =>
            Effect.sync(() => {
              sessionId = id
              router.attach(id, entry)
            }),
          nextHint: (ms: number) => Queue.take(queue).pipe(Effect.timeoutOption(ms))
        } satisfies Watch
      })

    return {
      watch,
      pollInterval: (waitedMs) =>
        Effect.map(Clock.currentTimeMillis, (now) =>
          router.healthy(now)
            ? polling.safetyNetMs
            : waitedMs < polling.fastForMs
              ? polling.fastMs
              : polling.slowMs
        ),
      webhookUrl: url,
      stats: Effect.sync(() => ({ ...router.stats }))
    } satisfies SessionEventsShape
  })

export const sessionEventsLayer: Layer.Layer<SessionEvents, ServeError, AmlConfig> = Layer.scoped(
  SessionEvents,
  Effect.flatMap(AmlConfig, (config) => makeSessionEvents(config.webhook, config.polling))
)
