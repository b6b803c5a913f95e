import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either, Fiber } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { type AmlConfig, AmlEngine } from "../src/index.js"
import { createdTwice, startTestSimulator, testSettings } from "./support/simulator.js"
import { type Outcome, outcomeTag, runWith, screenOrg } from "./support/run.js"
import { orgNumber } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => {
  sim.reset()
  sim.config({
    faultRate: 0,
    slowRate: 0,
    burst429Rate: 0,
    sessionFailRate: 0,
    webhookLoss: 0,
    webhookDuplicate: 0,
    webhookReorder: 0,
    rateLimit: null
  })
})

/** Typed outcomes every screening may end in; anything else (a defect) fails the test. */
const DEFINITE = new Set([
  "Done",
  "CreateOutcomeUnknown",
  "SessionFailed",
  "ResultExpired",
  "SessionTimedOut",
  "ServiceUnavailable",
  "ConnectionFailed",
  "RateLimited"
])

let next = 100
const batch = (size: number) => Array.from({ length: size }, () => orgNumber(next++))

const screenAll = (numbers: ReadonlyArray<string>, patch: Partial<AmlConfig.AmlConfigShape> = {}) =>
  runWith(
    AmlEngine.amlEngineLayer({ settings: testSettings(sim, patch) }),
    Effect.forEach(numbers, (n) => screenOrg(n), { concurrency: "unbounded" })
  )

const tags = (outcomes: ReadonlyArray<Outcome>) => outcomes.map(outcomeTag)

const expectDefinite = (outcomes: ReadonlyArray<Outcome>) => {
  for (const tag of tags(outcomes)) expect(DEFINITE).toContain(tag)
  expect(createdTwice(sim)).toEqual([])
}

describe("fault matrix", () => {
  it("5xx answers, connection resets and slow answers: definite outcomes, nothing paid twice", async () => {
    sim.config({ faultRate: 0.2, slowRate: 0.05, slowMs: 4_000 })
    // Timeouts well above a loaded CI machine's normal answers, well below the slow ones.
    // A create whose answer was lost waits up to `recoveryMs` for a webhook naming its session.
    const timeouts = {
      requestMs: 2_000,
      createMs: 2_000,
      tokenMs: 2_000,
      sessionMs: 30_000,
      recoveryMs: 3_000
    }
    const outcomes = await screenAll(batch(24), { timeouts })
    expectDefinite(outcomes)
    // How many get through depends on where the random faults fall; the engine must still
    // finish some, and every one in a definite outcome.
    expect(tags(outcomes).filter((tag) => tag === "Done").length).toBeGreaterThan(0)
    expect(sim.stats().faults.total).toBeGreaterThan(0)
    for (const outcome of outcomes)
      if (Either.isLeft(outcome) && outcome.left._tag === "CreateOutcomeUnknown") {
        expect(outcome.left.reference).toMatch(/^[0-9a-f]{20}$/)
        expect(outcome.left.subject).toBeDefined()
      }
  })

  it("429 bursts are waited out, creates included", async () => {
    sim.config({ burst429Rate: 0.1, burst429Ms: 200 })
    const outcomes = await screenAll(batch(6))
    expect(tags(outcomes)).toEqual(Array(6).fill("Done"))
    expect(sim.stats().rateLimited).toBeGreaterThan(0)
    expect(createdTwice(sim)).toEqual([])
  })

  it("an API rate limit is respected by the adaptive gate", async () => {
    sim.config({ rateLimit: { rps: 40, burst: 5 } })
    const adaptive = { requestsPerSecond: undefined, burst: 1, maxSessionsInFlight: 32 }
    const outcomes = await screenAll(batch(16), { rate: adaptive })
    expect(tags(outcomes)).toEqual(Array(16).fill("Done"))
    expect(createdTwice(sim)).toEqual([])
  })

  it("failed sessions end as SessionFailed with the API's error code", async () => {
    sim.config({ sessionFailRate: 0.4 })
    const outcomes = await screenAll(batch(12))
    expectDefinite(outcomes)
    expect(new Set(tags(outcomes))).toEqual(new Set(["Done", "SessionFailed"]))
  })

  it("a fixture that is not found fails with ORGANIZATION_NOT_FOUND", async () => {
    const [notFound] = await screenAll(["910000098"])
    expect(
      notFound && Either.isLeft(notFound) && notFound.left._tag === "SessionFailed" && notFound.left.errorCode
    ).toBe("ORGANIZATION_NOT_FOUND")
  })

  it("lost, duplicated and reordered webhooks: polling covers, duplicates are ignored", async () => {
    sim.config({ webhookLoss: 0.5, webhookDuplicate: 0.5, webhookReorder: 0.5 })
    const outcomes = await screenAll(batch(16))
    expect(tags(outcomes)).toEqual(Array(16).fill("Done"))
    expect(createdTwice(sim)).toEqual([])
    expect(sim.stats().webhooks.lost).toBeGreaterThan(0)
  })

  it("polling only (no webhook receiver)", async () => {
    const patch = { webhook: { enabled: false, host: "127.0.0.1", port: 0, path: "/", publicUrl: undefined } }
    const outcomes = await screenAll(batch(8), patch)
    expect(tags(outcomes)).toEqual(Array(8).fill("Done"))
    expect(sim.stats().webhooks.attempts).toBe(0)
  })

  it("results that expire before download end as ResultExpired", async () => {
    const hour = 60 * 60 * 1000
    // Ready an hour after it is created, so nothing is downloaded before the clock moves on.
    sim.config({ jsonDelayMs: hour })
    const patch = {
      webhook: { enabled: false, host: "127.0.0.1", port: 0, path: "/", publicUrl: undefined },
      polling: { fastMs: 50, fastForMs: 10_000, slowMs: 50, safetyNetMs: 50, webhookSilenceMs: 50 }
    }
    try {
      const outcome = await runWith(
        AmlEngine.amlEngineLayer({ settings: testSettings(sim, patch) }),
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(screenOrg(orgNumber(900)))
          yield* Effect.promise(() =>
            vi.waitFor(() => expect(sim.stats().sessionsCreated).toBe(1), { timeout: 30_000, interval: 10 })
          )
          // Past readiness (1 h) and the result lifetime (2 h) after it.
          sim.clock.advance(4 * hour)
          return yield* Fiber.join(fiber)
        })
      )
      expect(outcomeTag(outcome)).toBe("ResultExpired")
    } finally {
      sim.config({ jsonDelayMs: 30 })
    }
  })

  it("a refused connection is retried, and never becomes an unknown create", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim, { apiUrl: "http://127.0.0.1:9" }) }),
      screenOrg(orgNumber(901))
    )
    expect(outcomeTag(outcome)).toBe("ConnectionFailed")
  })

  it("a timed-out session keeps its id and resumes without a second create", async () => {
    sim.config({ jsonDelayMs: 400 })
    const number = orgNumber(902)
    const timeouts = { requestMs: 2_000, createMs: 2_000, tokenMs: 2_000, sessionMs: 100 }
    const first = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim, { timeouts }) }),
      screenOrg(number)
    )
    expect(outcomeTag(first)).toBe("SessionTimedOut")
    const sessionId =
      Either.isLeft(first) && first.left._tag === "SessionTimedOut" ? first.left.sessionId : ""
    const second = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      screenOrg(number, { sessionId })
    )
    expect(outcomeTag(second)).toBe("Done")
    expect(Either.isRight(second) && second.right.sessionId).toBe(sessionId)
    expect(sim.stats().sessionsCreated).toBe(1)
    sim.config({ jsonDelayMs: 30 })
  })
})
