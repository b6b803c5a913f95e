import { Writable } from "node:stream"
import { Cause, Effect, FiberId, HashMap, List, Logger, LogLevel } from "effect"
import { describe, expect, it } from "vitest"
import { Logging, SessionEvents } from "../src/index.js"

const capture = () => {
  const lines: Array<string> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split("\n")
          .filter((line) => line !== "")
      )
      done()
    }
  })
  return { stream, lines }
}

/** One call of the logger as Effect would make it, at the given time. */
const logAt = (logger: Logger.Logger<unknown, void>, message: string, at: number) =>
  logger.log({
    fiberId: FiberId.none,
    logLevel: LogLevel.Warning,
    message,
    cause: Cause.empty,
    context: undefined as never,
    spans: List.empty(),
    annotations: HashMap.empty(),
    date: new Date(at)
  })

const webhook = { enabled: true, host: "127.0.0.1", port: 0, path: "/hooks/aml", publicUrl: undefined }
const polling = { fastMs: 100, fastForMs: 1_000, slowMs: 500, safetyNetMs: 5_000, webhookSilenceMs: 60_000 }

const post = (url: string, body: string, authorization?: string) =>
  fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization === undefined ? {} : { authorization })
    },
    body
  }).then((response) => response.status)

describe("logs an attacker cannot fill", () => {
  it("a message repeated past the limit is counted, not written", () => {
    const out = capture()
    const logger = Logging.makePinoLogger(Logging.makePino({ destination: out.stream }), {
      windowMs: 1_000,
      perWindow: 3
    })
    for (let i = 0; i < 1_000; i++) logAt(logger, "upstream failed", 10_000 + (i % 500))
    logAt(logger, "upstream failed", 11_000)
    expect(out.lines.length).toBe(4)
    expect(JSON.parse(out.lines[3] ?? "{}")).toMatchObject({ repeatsNotLogged: 997 })
  })

  it("a logged string is bounded and cannot forge a line", () => {
    const out = capture()
    const logger = Logging.makePinoLogger(Logging.makePino({ destination: out.stream }))
    logAt(logger, `x${"A".repeat(100_000)}\r\n{"level":60,"msg":"forged"}`, 0)
    expect(out.lines.length).toBe(1)
    const line = out.lines[0] ?? ""
    expect(line.length).toBeLessThan(Logging.MAX_LOGGED_CHARS + 400)
    expect(JSON.parse(line).message ?? JSON.parse(line).msg).toMatch(/chars\]/)
  })

  it("the webhook receiver logs no unauthenticated webhook, and bounds what it logs of ours", async () => {
    const out = capture()
    const pinoLogger = Logger.replace(
      Logger.defaultLogger,
      Logging.makePinoLogger(Logging.makePino({ level: "trace", destination: out.stream }))
    )
    const flood = "Z".repeat(10_000)
    const result = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const events = yield* SessionEvents.makeSessionEvents(webhook, polling)
          const own = yield* events.watch("ref-log")
          const url = events.webhookUrl ?? ""
          const forged = JSON.stringify({
            sessionId: flood,
            status: flood,
            entity: flood,
            reference: "ref-log"
          })
          const statuses = yield* Effect.promise(() =>
            Promise.all(
              Array.from({ length: 200 }, (_, i) =>
                post(url, forged, i % 2 === 0 ? undefined : `Bearer ${flood}`)
              )
            )
          )
          const ours = yield* Effect.promise(() =>
            post(
              url,
              JSON.stringify({
                sessionId: "s-log",
                status: `JsonDataReady\u0000${flood}`,
                entity: "jsonData"
              }),
              own.webhook?.authorization
            )
          )
          const hint = yield* own.nextHint(5_000)
          return { statuses, ours, hint, stats: yield* events.stats }
        })
      ).pipe(Effect.provide(pinoLogger), Logger.withMinimumLogLevel(LogLevel.Trace))
    )
    expect(new Set(result.statuses)).toEqual(new Set([401]))
    expect(result.ours).toBe(204)
    expect(result.stats.unauthorized).toBe(200)
    const text = out.lines.join("\n")
    expect(text).not.toContain("Z".repeat(100))
    // One summary line of the refused ones, one debug line of ours.
    expect(out.lines.filter((line) => line.includes("webhooks refused")).length).toBe(1)
    const logged = out.lines.filter((line) => line.includes('"webhook"') || line.includes("s-log"))
    expect(logged.length).toBe(1)
    expect(logged[0]?.length ?? 0).toBeLessThan(1_000)
  })
})
