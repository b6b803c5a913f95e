import {
  Deferred,
  Effect,
  Either,
  Exit,
  Fiber,
  Layer,
  Option,
  Redacted,
  Schedule,
  Schema,
  TestClock,
  TestContext
} from "effect"
import { describe, expect, it } from "vitest"
import { type AmlConfig, type AmlConfigShape, amlConfigFrom } from "../AmlConfig.js"
import { DurableSteps, type DurableStepsShape } from "../DurableSteps.js"
import { SessionTimedOut } from "../Errors.js"
import { type SessionEvents, sessionEventsLayer } from "../SessionEvents.js"
import type { SessionInfo } from "../SessionInfo.js"

/**
 * One storage under test. `process` builds an interpreter over it as one process would; every
 * build is a new process (nothing shared but the storage), so building it again is a restart.
 */
export interface ConformanceStorage {
  readonly process: Layer.Layer<DurableSteps, unknown, AmlConfig | SessionEvents>
  readonly close: () => Promise<void>
}

export interface ConformanceTarget {
  /** Shown in the test names. */
  readonly name: string
  /** A new, empty storage for one test. */
  readonly storage: () => Promise<ConformanceStorage>
}

const settings = (webhooks: boolean, fastMs: number): AmlConfigShape => ({
  environment: "simulator",
  apiUrl: "http://127.0.0.1:9",
  tokenUrl: "http://127.0.0.1:9/token",
  issuer: "http://127.0.0.1:9",
  clientId: "conformance",
  clientSecret: Redacted.make("conformance"),
  scopes: undefined,
  authMethod: "client_secret_basic",
  timeouts: { requestMs: 1_000, createMs: 1_000, tokenMs: 1_000, sessionMs: 60_000, recoveryMs: 1_000 },
  retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
  rate: { requestsPerSecond: 100, burst: 10, maxSessionsInFlight: 4 },
  webhook: { enabled: webhooks, host: "127.0.0.1", port: 0, path: "/hooks/aml", publicUrl: undefined },
  polling: { fastMs, fastForMs: 60_000, slowMs: fastMs, safetyNetMs: fastMs, webhookSilenceMs: 60_000 },
  keySecret: Redacted.make("conformance-key-secret"),
  retryUnknown: false,
  provided: new Set()
})

interface Options {
  /** Webhook receiver on (a free local port); off: polling only. */
  readonly webhooks?: boolean
  /** The polling cadence (every interval of the guidance). */
  readonly fastMs?: number
  /** Run on the TestClock. */
  readonly testClock?: boolean
}

/** One process: the interpreter over `storage`, with its own config and event receiver. */
const inProcess = <A, E>(
  storage: ConformanceStorage,
  use: (steps: DurableStepsShape) => Effect.Effect<A, E>,
  options: Options = {}
): Promise<A> => {
  const config = amlConfigFrom(settings(options.webhooks ?? false, options.fastMs ?? 10))
  const process = storage.process.pipe(Layer.provideMerge(sessionEventsLayer), Layer.provide(config))
  const effect = Effect.flatMap(DurableSteps, use).pipe(Effect.provide(process), Effect.orDie)
  return Effect.runPromise(
    options.testClock === true ? Effect.provide(effect, TestContext.TestContext) : effect
  )
}

const info = (
  status: string,
  json: string,
  reports: Readonly<Record<string, string>> = {},
  sessionId = "s-1"
): SessionInfo => ({
  sessionId,
  status,
  reference: undefined,
  jsonData: { status: json, href: undefined, readyAt: undefined, expiresAt: undefined },
  reports: Object.fromEntries(
    Object.entries(reports).map(([type, state]) => [
      type,
      { status: state, href: undefined, readyAt: undefined, expiresAt: undefined }
    ])
  ),
  error: status === "FAILED" ? { errorCode: "SOURCE_UNAVAILABLE", message: "cancelled" } : undefined
})

const inProgress = info("IN_PROGRESS", "IN_PROGRESS", { aml: "IN_PROGRESS" })
const allReady = info("DONE", "READY", { aml: "READY" })

const session = (executionKey: string, createdAt: number, deadline: number) => ({
  sessionId: "s-1",
  sessionUrl: `http://127.0.0.1:9/session/${executionKey}`,
  subject: "subject",
  createdAt,
  deadline,
  reports: ["aml"]
})

/** A poll that answers from `answers` (the last one repeats), counting its calls. */
const scripted = (answers: ReadonlyArray<SessionInfo>) => {
  let calls = 0
  const poll = Effect.sync(() => {
    const answer = answers[Math.min(calls, answers.length - 1)]
    calls++
    return Option.fromNullable(answer)
  })
  return { poll, calls: () => calls }
}

const never = Effect.dieMessage("a recorded step ran again")

/**
 * The behaviour every durable-steps interpreter must show (architecture "Durable steps"), run
 * against one target as `@effect/sql` runs one suite against every driver.
 */
export const durableStepsConformance = (target: ConformanceTarget): void => {
  const withStorage =
    (test: (storage: ConformanceStorage) => Promise<void>): (() => Promise<void>) =>
    async () => {
      const storage = await target.storage()
      try {
        await test(storage)
      } finally {
        await storage.close()
      }
    }

  describe(`durable steps conformance: ${target.name}`, () => {
    it(
      "a step runs once; its recorded value replays, encoded by its schema, also after a restart",
      withStorage(async (storage) => {
        let runs = 0
        const count = (steps: DurableStepsShape) =>
          steps.step(
            "exec-replay",
            "count",
            { success: Schema.NumberFromString },
            Effect.sync(() => ++runs)
          )
        expect(
          await inProcess(storage, (steps) => Effect.all([count(steps), count(steps), count(steps)]))
        ).toEqual([1, 1, 1])
        expect(await inProcess(storage, count)).toBe(1)
        expect(runs).toBe(1)
        // Another execution is another record.
        expect(
          await inProcess(storage, (steps) =>
            steps.step("exec-other", "count", { success: Schema.NumberFromString }, Effect.succeed(7))
          )
        ).toBe(7)
      })
    )

    it(
      "an attempt that lost its answer after the marker is unknown after a restart; retryUnknown runs it again",
      withStorage(async (storage) => {
        const create = (
          steps: DurableStepsShape,
          run: Effect.Effect<string, string>,
          retryUnknown = false,
          recover?: Effect.Effect<Option.Option<string>>
        ) =>
          Effect.either(
            steps.attempt(
              "exec-unknown",
              "create",
              { success: Schema.String },
              (mark) => Effect.zipRight(mark, run),
              {
                retryUnknown,
                onUnknown: () => "unknown" as const,
                recover
              }
            )
          )
        expect(await inProcess(storage, (steps) => create(steps, Effect.fail("answer lost")))).toEqual(
          Either.left("answer lost")
        )
        let sent = 0
        const send = Effect.sync(() => `session-${++sent}`)
        expect(await inProcess(storage, (steps) => create(steps, send))).toEqual(Either.left("unknown"))
        expect(sent).toBe(0)
        // Found by `recover` (a webhook naming the session): recorded as the result, nothing sent.
        expect(
          await inProcess(storage, (steps) =>
            create(steps, send, false, Effect.succeed(Option.some("found")))
          )
        ).toEqual(Either.right("found"))
        expect(await inProcess(storage, (steps) => create(steps, never))).toEqual(Either.right("found"))
        expect(sent).toBe(0)

        const other = (steps: DurableStepsShape, run: Effect.Effect<string, string>, retryUnknown: boolean) =>
          Effect.either(
            steps.attempt(
              "exec-retry",
              "create",
              { success: Schema.String },
              (mark) => Effect.zipRight(mark, run),
              {
                retryUnknown,
                onUnknown: () => "unknown" as const
              }
            )
          )
        await inProcess(storage, (steps) => other(steps, Effect.fail("answer lost"), false))
        expect(await inProcess(storage, (steps) => other(steps, send, true))).toEqual(
          Either.right("session-1")
        )
        expect(await inProcess(storage, (steps) => other(steps, never, false))).toEqual(
          Either.right("session-1")
        )
        expect(sent).toBe(1)
      })
    )

    it(
      "a failure before the marker records nothing; a refused attempt runs again without being unknown",
      withStorage(async (storage) => {
        const create = (
          steps: DurableStepsShape,
          run: (mark: Effect.Effect<void, unknown>) => Effect.Effect<string, unknown>
        ) =>
          Effect.either(
            steps.attempt("exec-refused", "create", { success: Schema.String }, run, {
              retryUnknown: false,
              onUnknown: () => "unknown",
              refused: (error) => error === "refused"
            })
          )
        expect(await inProcess(storage, (steps) => create(steps, () => Effect.fail("no token")))).toEqual(
          Either.left("no token")
        )
        expect(
          await inProcess(storage, (steps) =>
            create(steps, (mark) => Effect.zipRight(mark, Effect.fail("refused")))
          )
        ).toEqual(Either.left("refused"))
        expect(
          await inProcess(storage, (steps) => create(steps, (mark) => Effect.as(mark, "session-1")))
        ).toEqual(Either.right("session-1"))
      })
    )

    it(
      "an interruption lands between steps: the step in flight is recorded, the next never starts",
      withStorage(async (storage) => {
        let second = 0
        await inProcess(storage, (steps) =>
          Effect.gen(function* () {
            const started = yield* Deferred.make<void>()
            const release = yield* Deferred.make<void>()
            const first = Deferred.succeed(started, undefined).pipe(
              Effect.zipRight(Deferred.await(release)),
              Effect.as("one")
            )
            const fiber = yield* Effect.fork(
              Effect.zipRight(
                steps.step("exec-interrupt", "first", { success: Schema.String }, first),
                steps.step(
                  "exec-interrupt",
                  "second",
                  { success: Schema.Number },
                  Effect.sync(() => ++second)
                )
              )
            )
            yield* Deferred.await(started)
            yield* Fiber.interruptFork(fiber)
            yield* Deferred.succeed(release, undefined)
            expect(Exit.isInterrupted(yield* Fiber.await(fiber))).toBe(true)
          })
        )
        expect(second).toBe(0)
        const replayed = await inProcess(storage, (steps) =>
          Effect.all([
            steps.step("exec-interrupt", "first", { success: Schema.String }, never),
            steps.step(
              "exec-interrupt",
              "second",
              { success: Schema.Number },
              Effect.sync(() => ++second)
            )
          ])
        )
        expect(replayed).toEqual(["one", 1])
      })
    )

    it(
      "awaitReady by poll: ready when the JSON and every requested report are; recorded, so a replay makes no call",
      withStorage(async (storage) => {
        const polls = scripted([
          inProgress,
          info("IN_PROGRESS", "READY", { aml: "IN_PROGRESS", other: "EXPIRED" }),
          info("DONE", "READY", { aml: "READY", other: "EXPIRED" })
        ])
        const readiness = await inProcess(storage, (steps) =>
          Effect.flatMap(
            Effect.clockWith((clock) => clock.currentTimeMillis),
            (now) => steps.awaitReady("exec-poll", session("exec-poll", now, now + 30_000), polls.poll)
          )
        )
        expect(readiness.outcome).toBe("ready")
        expect(Object.keys(readiness.reports)).toEqual(["aml"])
        expect(polls.calls()).toBe(3)
        const again = await inProcess(storage, (steps) =>
          steps.awaitReady("exec-poll", session("exec-poll", 0, 1), never)
        )
        expect(again).toEqual(readiness)

        const failed = await inProcess(storage, (steps) =>
          Effect.flatMap(
            Effect.clockWith((clock) => clock.currentTimeMillis),
            (now) =>
              steps.awaitReady(
                "exec-failed",
                session("exec-failed", now, now + 30_000),
                scripted([info("FAILED", "READY", { aml: "FAILED" })]).poll
              )
          )
        )
        expect(failed).toMatchObject({ outcome: "failed", error: { errorCode: "SOURCE_UNAVAILABLE" } })
        expect(failed.json?.status).toBe("READY")
      })
    )

    it(
      "awaitReady by webhook: webhooks saying all that was asked for is ready make it poll at once",
      withStorage(async (storage) => {
        let answer: SessionInfo = inProgress
        const polled = Effect.runSync(Deferred.make<void>())
        const poll = Effect.sync(() => {
          const now = answer
          answer = allReady
          Effect.runSync(Deferred.succeed(polled, undefined))
          return Option.some(now)
        })
        // Polls a minute apart: only the webhook can end this wait within the test's time.
        const readiness = await inProcess(
          storage,
          (steps) =>
            Effect.scoped(
              Effect.gen(function* () {
                const subscription = yield* steps.subscribe("exec-webhook", "reference-webhook")
                const webhook = subscription.webhook
                if (webhook === undefined) return yield* Effect.dieMessage("no webhook with webhooks on")
                const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
                const fiber = yield* Effect.fork(
                  steps.awaitReady("exec-webhook", session("exec-webhook", now, now + 600_000), poll)
                )
                yield* Deferred.await(polled)
                // The JSON and then the one report asked for: together they say it is done.
                const send = (status: string, entity: string) =>
                  Effect.promise(() =>
                    fetch(webhook.url, {
                      method: "POST",
                      headers: { "content-type": "application/json", authorization: webhook.authorization },
                      body: JSON.stringify({ sessionId: "s-1", status, entity })
                    }).then((response) => response.status)
                  )
                expect(yield* send("JsonDataReady", "jsonData")).toBe(204)
                expect(yield* send("ReportReady", "aml")).toBe(204)
                return yield* Fiber.join(fiber)
              })
            ),
          { webhooks: true, fastMs: 60_000 }
        )
        expect(readiness.outcome).toBe("ready")
      }),
      20_000
    )

    it(
      "awaitReady survives a restart: the next process waits on and records the outcome",
      withStorage(async (storage) => {
        const first = scripted([inProgress])
        await inProcess(storage, (steps) =>
          Effect.gen(function* () {
            const fiber = yield* Effect.fork(
              steps.awaitReady(
                "exec-restart",
                session("exec-restart", 0, Number.MAX_SAFE_INTEGER),
                first.poll
              )
            )
            yield* Effect.repeat(Effect.sync(first.calls), {
              until: (calls) => calls >= 2,
              schedule: Schedule.spaced("1 millis")
            })
            yield* Fiber.interrupt(fiber)
          })
        )
        const second = scripted([inProgress, allReady])
        const readiness = await inProcess(storage, (steps) =>
          steps.awaitReady("exec-restart", session("exec-restart", 0, Number.MAX_SAFE_INTEGER), second.poll)
        )
        expect(readiness.outcome).toBe("ready")
        expect(second.calls()).toBe(2)
        // A deadline passed long ago still gets one look.
        const late = scripted([allReady])
        const looked = await inProcess(storage, (steps) =>
          steps.awaitReady("exec-late", session("exec-late", 0, 1), late.poll)
        )
        expect(looked.outcome).toBe("ready")
      })
    )

    it(
      "the deadline comes from recorded values: a restart does not extend it",
      withStorage(async (storage) => {
        const created = (steps: DurableStepsShape) =>
          steps.step(
            "exec-deadline",
            "create",
            { success: Schema.Number },
            Effect.clockWith((clock) => clock.currentTimeMillis)
          )
        const polls = scripted([inProgress])
        const wait = (steps: DurableStepsShape) =>
          Effect.flatMap(created(steps), (createdAt) =>
            steps.awaitReady(
              "exec-deadline",
              session("exec-deadline", createdAt, createdAt + 1_000),
              polls.poll
            )
          )
        await inProcess(
          storage,
          (steps) =>
            Effect.gen(function* () {
              yield* TestClock.setTime(5_000)
              const fiber = yield* Effect.fork(wait(steps))
              yield* TestClock.adjust(600)
              yield* Fiber.interrupt(fiber)
            }),
          { testClock: true, fastMs: 100 }
        )
        const pollsBefore = polls.calls()
        expect(pollsBefore).toBeGreaterThan(0)
        const outcome = await inProcess(
          storage,
          (steps) =>
            Effect.gen(function* () {
              // The next process starts later; the session's deadline stays at 6 000.
              yield* TestClock.setTime(5_700)
              const fiber = yield* Effect.fork(Effect.either(wait(steps)))
              yield* TestClock.adjust(400)
              return yield* Fiber.join(fiber)
            }),
          { testClock: true, fastMs: 100 }
        )
        expect(Either.isLeft(outcome) && outcome.left instanceof SessionTimedOut).toBe(true)
        if (Either.isLeft(outcome) && outcome.left instanceof SessionTimedOut)
          expect(outcome.left.waitedMs).toBeGreaterThanOrEqual(1_000)
        expect(polls.calls()).toBeGreaterThan(pollsBefore)
      })
    )
  })
}
