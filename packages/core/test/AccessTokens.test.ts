import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either, Logger, LogLevel, Redacted, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AccessTokens, AmlEngine } from "../src/index.js"
import { startTestSimulator, testSettings } from "./support/simulator.js"
import { outcomeTag, runWith, screenOrg } from "./support/run.js"
import { orgNumber } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator({
    clients: [{ clientId: "person-only", clientSecret: "person-secret", scopes: ["aml_person/basic"] }]
  })
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => {
  sim.reset()
  sim.config({ tokenTtlSeconds: 300, tokenType: "Bearer" })
})

const SCOPES = ["aml_organization/basic"]

describe("AccessTokens", () => {
  it("caches the token across sessions", async () => {
    await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.all([screenOrg(orgNumber(10)), screenOrg(orgNumber(11)), screenOrg(orgNumber(12))])
    )
    expect(sim.stats().tokensIssued).toBe(1)
  })

  it("makes one token request however many fibers ask at once", async () => {
    const tokens = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.flatMap(AccessTokens.AccessTokens, (service) =>
        Effect.all(
          Array.from({ length: 50 }, () => service.get(SCOPES)),
          { concurrency: "unbounded" }
        )
      )
    )
    expect(new Set(tokens.map(Redacted.value)).size).toBe(1)
    expect(sim.stats().tokensIssued).toBe(1)
  })

  it("refreshes after 80 % of the lifetime", async () => {
    sim.config({ tokenTtlSeconds: 10 })
    // On the TestClock the token's age is exactly what the test says, however slow the machine.
    const { first, almost, due } = await Effect.gen(function* () {
      const service = yield* AccessTokens.AccessTokens
      const first = yield* service.get(SCOPES)
      yield* TestClock.adjust(7_999)
      const almost = yield* service.get(SCOPES)
      yield* TestClock.adjust(1)
      return { first, almost, due: yield* service.get(SCOPES) }
    }).pipe(
      Effect.provide(AmlEngine.amlEngineLayer({ settings: testSettings(sim) })),
      Effect.provide(TestContext.TestContext),
      Effect.orDie,
      Logger.withMinimumLogLevel(LogLevel.Warning),
      Effect.runPromise
    )
    // Compared as booleans: a failing test prints no token.
    expect(Redacted.value(almost) === Redacted.value(first)).toBe(true)
    expect(Redacted.value(due) === Redacted.value(first)).toBe(false)
    expect(sim.stats().tokensIssued).toBe(2)
  })

  it("peeks at the cached token only while it is fresh, never fetching", async () => {
    sim.config({ tokenTtlSeconds: 1 })
    const [before, cached, stale] = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.flatMap(AccessTokens.AccessTokens, (service) =>
        Effect.gen(function* () {
          const before = service.unsafeCached(SCOPES, Date.now())
          const token = yield* service.get(SCOPES)
          const cached = service.unsafeCached(SCOPES, Date.now())
          // Refreshed at 80 % of the one-second lifetime.
          const stale = service.unsafeCached(SCOPES, Date.now() + 900)
          return [
            before,
            cached === undefined ? undefined : Redacted.value(cached) === Redacted.value(token),
            stale
          ]
        })
      )
    )
    expect(before).toBeUndefined()
    expect(cached).toBe(true)
    expect(stale).toBeUndefined()
    expect(sim.stats().tokensIssued).toBe(1)
  })

  it("keeps screening while tokens expire mid-run", async () => {
    sim.config({ tokenTtlSeconds: 1 })
    const outcomes = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.forEach(
        Array.from({ length: 6 }, (_, i) => orgNumber(20 + i)),
        (n) => Effect.zipLeft(screenOrg(n), Effect.sleep(250))
      )
    )
    expect(outcomes.map(outcomeTag)).toEqual(Array(6).fill("Done"))
    expect(sim.stats().tokensIssued).toBeGreaterThan(1)
  })

  it("recovers from a 401 with exactly one refresh", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.gen(function* () {
        const tokens = yield* AccessTokens.AccessTokens
        yield* tokens.get(SCOPES)
        // The cached token is still fresh on our clock but expired on the API's.
        sim.clock.advance(10 * 60 * 1000)
        return yield* screenOrg(orgNumber(30))
      })
    )
    expect(outcomeTag(outcome)).toBe("Done")
    expect(sim.stats().requests["create"]?.["401"]).toBe(1)
    expect(sim.stats().tokensIssued).toBe(2)
  })

  it("supports client_secret_post", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim, { authMethod: "client_secret_post" }) }),
      screenOrg(orgNumber(31))
    )
    expect(outcomeTag(outcome)).toBe("Done")
  })

  it("reports bad client credentials as Unauthorized without creating a session", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim, { clientSecret: Redacted.make("wrong") }) }),
      screenOrg(orgNumber(32))
    )
    expect(Either.isLeft(outcome) && outcome.left._tag).toBe("Unauthorized")
    expect(sim.stats().sessionsCreated).toBe(0)
  })

  it("reports a wrong secret (400 invalid_client, §16.8) as Unauthorized naming neither token nor secret", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({
        settings: testSettings(sim, { clientSecret: Redacted.make("not-this-secret-577") })
      }),
      Effect.either(Effect.flatMap(AccessTokens.AccessTokens, (service) => service.get(SCOPES)))
    )
    const error = Either.isLeft(outcome) ? outcome.left : undefined
    expect(error).toMatchObject({ _tag: "Unauthorized", status: 400, errorCode: "invalid_client" })
    expect(error?.message).not.toContain("not-this-secret-577")
  })

  it.each(["bearer", "Bearer", "BEARER"])(
    "takes token_type %s (case-insensitive, §16.8)",
    async (tokenType) => {
      sim.config({ tokenType })
      const outcome = await runWith(
        AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
        screenOrg(orgNumber(34))
      )
      expect(outcomeTag(outcome)).toBe("Done")
    }
  )

  it("refuses any other token_type with a clear error, before any AML call", async () => {
    sim.config({ tokenType: "mac" })
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim) }),
      Effect.either(Effect.flatMap(AccessTokens.AccessTokens, (service) => service.get(SCOPES)))
    )
    const error = Either.isLeft(outcome) ? outcome.left : undefined
    expect(error?._tag).toBe("AccessTokenError")
    expect(error?.message).toBe(
      'Access token request failed: HTTP 200 token_type "mac" is not supported: the AML API takes bearer tokens only'
    )
    expect(sim.stats().sessionsCreated).toBe(0)
  })

  it("reports a missing scope as Forbidden", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({
        settings: testSettings(sim, { clientId: "person-only", clientSecret: Redacted.make("person-secret") })
      }),
      screenOrg(orgNumber(33))
    )
    expect(Either.isLeft(outcome) && outcome.left._tag).toBe("Forbidden")
    expect(Either.isLeft(outcome) && "errorCode" in outcome.left && outcome.left.errorCode).toBe(
      "INSUFFICIENT_SCOPE"
    )
  })
})
