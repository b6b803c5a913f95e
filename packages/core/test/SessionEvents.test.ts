import { Clock, Effect, Option, type Scope } from "effect"
import { describe, expect, it } from "vitest"
import { SessionEvents } from "../src/index.js"

const webhook = { enabled: true, host: "127.0.0.1", port: 0, path: "/hooks/aml", publicUrl: undefined }
const polling = { fastMs: 100, fastForMs: 1_000, slowMs: 500, safetyNetMs: 5_000, webhookSilenceMs: 60_000 }

const post = (url: string, body: unknown, authorization?: string) =>
  Effect.promise(() =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(authorization === undefined ? {} : { authorization })
      },
      body: typeof body === "string" ? body : JSON.stringify(body)
    }).then((response) => response.status)
  )

const withEvents = <A>(
  body: (events: SessionEvents.SessionEventsShape) => Effect.Effect<A, never, Scope.Scope>
) =>
  Effect.runPromise(
    Effect.scoped(Effect.flatMap(SessionEvents.makeSessionEvents(webhook, polling), body)).pipe(Effect.orDie)
  )

describe("SessionEvents", () => {
  it("accepts a webhook only with the session's own secret, once", async () => {
    const result = await withEvents((events) =>
      Effect.gen(function* () {
        const watch = yield* events.watch("ref-1")
        const other = yield* events.watch("ref-2")
        yield* watch.attach("session-1")
        const url = events.webhookUrl ?? ""
        const payload = {
          sessionId: "session-1",
          status: "JsonDataReady",
          entity: "jsonData",
          reference: "ref-1"
        }
        const statuses = [
          yield* post(url, payload),
          yield* post(url, payload, "Bearer wrong"),
          yield* post(url, payload, other.webhook?.authorization),
          yield* post(url, payload, watch.webhook?.authorization),
          yield* post(url, payload, watch.webhook?.authorization),
          yield* post(
            url,
            { ...payload, sessionId: "unknown", reference: "nope" },
            watch.webhook?.authorization
          ),
          yield* post(url, "not json", watch.webhook?.authorization)
        ]
        const first = yield* watch.nextHint(100)
        const second = yield* watch.nextHint(50)
        return { statuses, first, second, stats: yield* events.stats }
      })
    )
    expect(result.statuses).toEqual([401, 401, 401, 204, 204, 204, 400])
    expect(result.first).toEqual(
      Option.some({ event: "JsonDataReady", entity: "jsonData", sessionId: "session-1" })
    )
    expect(Option.isNone(result.second)).toBe(true)
    expect(result.stats).toEqual({
      accepted: 1,
      duplicates: 1,
      unknownSession: 1,
      unauthorized: 3,
      malformed: 1
    })
  })

  it("routes by reference before the session id is known", async () => {
    const hint = await withEvents((events) =>
      Effect.gen(function* () {
        const watch = yield* events.watch("ref-early")
        yield* post(
          events.webhookUrl ?? "",
          { sessionId: "s-early", status: "AllDone", entity: null, reference: "ref-early" },
          watch.webhook?.authorization
        )
        return yield* watch.nextHint(100)
      })
    )
    expect(hint).toEqual(Option.some({ event: "AllDone", entity: undefined, sessionId: "s-early" }))
  })

  it("polls by the contract's guidance when no webhook arrives", async () => {
    const intervals = await withEvents((events) =>
      Effect.gen(function* () {
        yield* events.watch("waiting")
        const now = yield* Clock.currentTimeMillis
        return [events.pollInterval(0, now), events.pollInterval(5_000, now)]
      })
    )
    // Webhooks are trusted for `webhookSilenceMs` (60 s here) before polling takes over.
    expect(intervals).toEqual([5_000, 5_000])
    const silent = await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(
          SessionEvents.makeSessionEvents(webhook, { ...polling, webhookSilenceMs: 1 }),
          (events) =>
            Effect.gen(function* () {
              yield* events.watch("waiting")
              yield* Effect.sleep(5)
              const now = yield* Clock.currentTimeMillis
              return [events.pollInterval(0, now), events.pollInterval(5_000, now)]
            })
        )
      ).pipe(Effect.orDie)
    )
    expect(silent).toEqual([100, 500])
  })

  it("listens on the preferred port when it is free, on any free port when it is not", async () => {
    const { createServer } = await import("node:net")
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const busy = (blocker.address() as import("node:net").AddressInfo).port
    const urlWith = (preferredPort: number) =>
      Effect.runPromise(
        Effect.scoped(
          Effect.map(
            SessionEvents.makeSessionEvents({ ...webhook, preferredPort }, polling),
            (events) => events.webhookUrl ?? ""
          )
        )
      )
    try {
      const elsewhere = await urlWith(busy)
      expect(elsewhere).not.toContain(`:${busy}/`)
      blocker.close()
      await new Promise<void>((resolve) => blocker.once("close", () => resolve()))
      expect(await urlWith(busy)).toContain(`:${busy}/`)
    } finally {
      blocker.close()
    }
  })

  it("a fixed port that is taken is a configuration error naming the address and the reason", async () => {
    const { createServer } = await import("node:net")
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const busy = (blocker.address() as import("node:net").AddressInfo).port
    try {
      const error = await Effect.runPromise(
        Effect.scoped(Effect.flip(SessionEvents.makeSessionEvents({ ...webhook, port: busy }, polling)))
      )
      expect(error._tag).toBe("AmlConfigError")
      expect(error.message).toContain(`127.0.0.1:${busy} (EADDRINUSE)`)
    } finally {
      blocker.close()
    }
  })
})
