import { type AmlClient, amlEngineLayer, createAmlClient, type EngineOptions } from "@nordscreen/core"
import { FIXTURES, type Simulator, startSimulator } from "@nordscreen/simulator"
import { Effect, Either, Layer, Logger, LogLevel, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { screenOrganizationSe, screenOrganizationSeEffect } from "../src/index.js"

let sim: Simulator
let engine: EngineOptions

beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 20, reportDelayMs: 20, webhookRetryScale: 0.001 })
  const flags = {
    env: "simulator",
    apiUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    issuer: sim.issuer,
    pollFastMs: 50
  }
  engine = { config: { env: {}, flags } }
})
afterAll(() => sim.stop())

const fixtures = FIXTURES.filter((fixture) => fixture.resource === "organization" && fixture.country === "SE")

describe("screenOrganizationSeEffect", () => {
  it.each(fixtures)("screens $identifier ($outcome) over HTTP", async (fixture) => {
    const runtime = ManagedRuntime.make(
      Layer.merge(amlEngineLayer(engine), Logger.minimumLogLevel(LogLevel.Error))
    )
    const result = await runtime.runPromise(Effect.either(screenOrganizationSeEffect(fixture.identifier)))
    await runtime.dispose()
    if (fixture.outcome === "ORGANIZATION_NOT_FOUND") {
      expect(Either.isLeft(result) && result.left).toMatchObject({
        _tag: "SessionFailed",
        errorCode: fixture.outcome
      })
      return
    }
    if (Either.isLeft(result)) expect.fail(result.left.message)
    const { summary, result: decoded } = result.right
    expect(summary.name).toBe(fixture.name)
    expect(decoded?.keyInformation?.country).toBe("SE")
    expect(decoded?.keyInformation?.nationalFields).toBeTypeOf("object")
    if (fixture.outcome === "SANCTION") expect(summary.sanctions?.hits.length).toBeGreaterThan(0)
    else expect(summary.sanctions).toEqual({ hits: [], strongest: null })
  })
})

describe("screenOrganizationSe (Promise)", () => {
  let client: AmlClient
  beforeAll(() => {
    client = createAmlClient(engine)
  })
  afterAll(() => client.close())

  it("screens a company and rejects an invalid number before sending", async () => {
    const [clean] = fixtures.filter((fixture) => fixture.outcome === "CLEAN")
    const lookup = await screenOrganizationSe(clean!.identifier, { client, reports: ["aml"] })
    expect(Object.keys(lookup.reports)).toEqual(["aml"])
    const before = sim.stats().sessionsCreated
    await expect(screenOrganizationSe("556036-0794", { client })).rejects.toMatchObject({
      _tag: "InvalidLookup"
    })
    expect(sim.stats().sessionsCreated).toBe(before)
  })
})
