import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either, Fiber, Logger, LogLevel, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { AdapterRegistry, AmlClient, AmlEngine, ArtifactSink, Errors } from "../src/index.js"
import { outcomeTag, screenOrg } from "./support/run.js"
import { startTestSimulator, testSettings } from "./support/simulator.js"
import { makeTestOrgAdapter, orgNumber, testOrgAdapter } from "./support/testAdapter.js"

/** Warnings only: the engine's info lines stay out of the test output. */
const quiet = { level: "warn" } as const

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})

const IMPATIENT = { requestMs: 2_000, createMs: 2_000, tokenMs: 2_000, sessionMs: 50 }

/** A session created by a client that gave up on it after 50 ms (SessionTimedOut keeps its id). */
const abandonedSession = async (n: number) => {
  const impatient = AmlClient.createAmlClient({
    settings: testSettings(sim, { timeouts: IMPATIENT }),
    logging: quiet
  })
  const input = { organizationNumber: orgNumber(n) }
  const timedOut = await impatient.screen(testOrgAdapter, input).catch((e: unknown) => e)
  await impatient.close()
  expect(timedOut).toBeInstanceOf(Errors.SessionTimedOut)
  return { input, sessionId: timedOut instanceof Errors.SessionTimedOut ? timedOut.sessionId : "" }
}

describe("createAmlClient (Promise API)", () => {
  it("screens, rejects with tagged errors, resumes, and reports metrics", async () => {
    const client = AmlClient.createAmlClient({ settings: testSettings(sim), logging: quiet })
    try {
      const done = await client.screen(testOrgAdapter, { organizationNumber: orgNumber(500) })
      expect(done.summary.name).not.toBeNull()

      const failure = await client
        .screen(testOrgAdapter, { organizationNumber: "910000101" })
        .catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(Errors.SessionFailed)
      expect(failure instanceof Errors.SessionFailed && failure.errorCode).toBe("SOURCE_UNAVAILABLE")
      expect(failure instanceof Errors.SessionFailed && failure.message).toContain("SOURCE_UNAVAILABLE")

      const metrics = await client.metrics()
      expect(metrics.sessionsByOutcome["Done"]).toBeGreaterThanOrEqual(1)
      expect(metrics.sessionsByOutcome["SessionFailed"]).toBeGreaterThanOrEqual(1)
      expect(metrics.requestsByStatus["201"]).toBeGreaterThanOrEqual(2)
      expect(metrics.timeToJson.count).toBeGreaterThanOrEqual(1)
    } finally {
      await client.close()
    }
  })

  it("hands the documents back with each screening and keeps none of them", async () => {
    sim.reset()
    const client = AmlClient.createAmlClient({ settings: testSettings(sim), logging: quiet })
    try {
      const done = await client.screen(testOrgAdapter, { organizationNumber: orgNumber(502) })
      const documents = done.documents
      expect(documents).toBeDefined()
      if (documents === undefined) return
      expect(ArtifactSink.sha256Hex(documents.json)).toBe(done.json.sha256)
      const pdf = documents.reports["aml"]
      expect(pdf === undefined ? undefined : ArtifactSink.sha256Hex(pdf)).toBe(done.reports["aml"]?.sha256)
      expect(
        Buffer.from(pdf ?? [])
          .subarray(0, 5)
          .toString("latin1")
      ).toBe("%PDF-")
      // Handed over, so no longer held by the client.
      expect(client.takeArtifact(done.json)).toBeUndefined()

      // A JSON stored but not summarised: the error points at it, and it can be taken once.
      const unsummarised = {
        ...testOrgAdapter,
        id: "test-org-unsummarised",
        summarize: (): never => Effect.runSync(Effect.die("no"))
      }
      const failure = await client
        .screen(unsummarised, { organizationNumber: orgNumber(503) })
        .catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(Errors.ResultDecodeFailed)
      if (!(failure instanceof Errors.ResultDecodeFailed)) return
      const json = client.takeArtifact(failure.json)
      expect(json === undefined ? undefined : ArtifactSink.sha256Hex(json)).toBe(failure.json.sha256)
      expect(client.takeArtifact(failure.json)).toBeUndefined()
    } finally {
      await client.close()
    }
  })

  it("a session taken over from elsewhere is polled by the guidance, not left to a webhook safety net", async () => {
    sim.reset()
    sim.config({ jsonDelayMs: 400, reportDelayMs: 0 })
    const { input, sessionId } = await abandonedSession(508)
    // Webhooks count as flowing for a minute, so the safety net alone would poll after 60 s,
    // far beyond this client's 20 s session timeout. Its webhooks went to the other client.
    const client = AmlClient.createAmlClient({
      settings: testSettings(sim, {
        timeouts: { ...IMPATIENT, sessionMs: 20_000 },
        polling: { fastMs: 50, fastForMs: 10_000, slowMs: 100, safetyNetMs: 60_000, webhookSilenceMs: 60_000 }
      }),
      logging: quiet
    })
    try {
      const resumed = await client.resume(testOrgAdapter, input, sessionId)
      expect(resumed.sessionId).toBe(sessionId)
      expect(sim.stats().sessionsCreated).toBe(1)
    } finally {
      await client.close()
      sim.config({ jsonDelayMs: 30, reportDelayMs: 30 })
    }
  })

  it("a timed-out session resumes by id without a second create", async () => {
    sim.reset()
    sim.config({ jsonDelayMs: 300 })
    const { input, sessionId } = await abandonedSession(501)
    const client = AmlClient.createAmlClient({ settings: testSettings(sim), logging: quiet })
    const resumed = await client.resume(testOrgAdapter, input, sessionId)
    await client.close()
    sim.config({ jsonDelayMs: 30 })
    expect(resumed.sessionId).toBe(sessionId)
    expect(sim.stats().sessionsCreated).toBe(1)
  })
})

describe("session timeout", () => {
  // On the TestClock the engine's time stands still until the test moves it: the wait for the
  // slot lasts exactly the session timeout, and no slowness of the machine can use up the time
  // the second session has for itself.
  it("counts a session's timeout from its start, not from the wait for a session slot", async () => {
    sim.reset()
    // The first session is not ready for an hour: it holds the only slot until its own timeout.
    sim.config({ jsonDelayMs: 60 * 60 * 1000, reportDelayMs: 0 })
    const never = 60 * 60 * 1000
    const settings = testSettings(sim, {
      timeouts: { ...IMPATIENT, sessionMs: 400 },
      rate: { requestsPerSecond: 500, burst: 10, maxSessionsInFlight: 1 },
      // Polls only when the TestClock says so; the webhook tells the second session it is ready.
      polling: { fastMs: never, fastForMs: never, slowMs: never, safetyNetMs: never, webhookSilenceMs: never }
    })
    try {
      const outcomes = await Effect.gen(function* () {
        const first = yield* Effect.fork(screenOrg(orgNumber(504)))
        const second = yield* Effect.fork(screenOrg(orgNumber(505)))
        yield* Effect.promise(() =>
          vi.waitFor(() => expect(sim.stats().sessionsCreated).toBe(1), { timeout: 30_000, interval: 10 })
        )
        // Sessions created from now on are ready at once.
        sim.config({ jsonDelayMs: 0 })
        yield* TestClock.adjust(400)
        return [yield* Fiber.join(first), yield* Fiber.join(second)]
      }).pipe(
        Effect.provide(AmlEngine.amlEngineLayer({ settings })),
        Effect.provide(TestContext.TestContext),
        Effect.orDie,
        Logger.withMinimumLogLevel(LogLevel.Warning),
        Effect.runPromise
      )
      expect(outcomes.map(outcomeTag).sort()).toEqual(["Done", "SessionTimedOut"])
      expect(sim.stats().sessionsCreated).toBe(2)
    } finally {
      sim.config({ jsonDelayMs: 30, reportDelayMs: 30 })
    }
  })
})

describe("createAmlClient environment", () => {
  it("exposes the configured environment and its identifier validation mode", async () => {
    const cases = [
      [{ settings: testSettings(sim) }, "simulator", "test"],
      [{ config: { env: { NORDSCREEN_ENV: "preprod" } } }, "preprod", "test"],
      [{ config: { env: { NORDSCREEN_ENV: "preprod" }, flags: { env: "prod" } } }, "prod", "production"],
      [{ config: { env: {} } }, "simulator", "test"]
    ] as const
    for (const [options, environment, validationMode] of cases) {
      const client = AmlClient.createAmlClient(options)
      expect({ environment: client.environment, validationMode: client.validationMode }).toEqual({
        environment,
        validationMode
      })
      await client.close()
    }
  })

  it("a malformed environment assumes the strict production mode, and calls fail with the setting", async () => {
    const client = AmlClient.createAmlClient({ config: { env: { NORDSCREEN_ENV: "staging" } } })
    expect(client.validationMode).toBe("production")
    const failure = await client
      .screen(testOrgAdapter, { organizationNumber: orgNumber(502) })
      .catch((e: unknown) => e)
    await client.close().catch(() => undefined)
    expect(failure).toBeInstanceOf(Errors.AmlConfigError)
    expect(failure instanceof Errors.AmlConfigError && failure.setting).toContain("NORDSCREEN_ENV")
  })
})

describe("AdapterRegistry", () => {
  it("registers adapters by id without touching the core", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const registry = yield* AdapterRegistry.makeAdapterRegistry([testOrgAdapter])
        const found = yield* registry.get("test-org")
        const missing = yield* Effect.either(registry.get("org-xx"))
        const duplicate = yield* Effect.either(registry.register(makeTestOrgAdapter(["aml"])))
        return { found, missing, duplicate, all: yield* registry.all }
      })
    )
    expect(result.found).toBe(testOrgAdapter)
    expect(Either.isLeft(result.missing) && result.missing.left).toBeInstanceOf(Errors.AdapterNotFound)
    expect(Either.isLeft(result.duplicate) && result.duplicate.left).toBeInstanceOf(Errors.AdapterConflict)
    expect(result.all.map((adapter) => adapter.id)).toEqual(["test-org"])
  })
})
