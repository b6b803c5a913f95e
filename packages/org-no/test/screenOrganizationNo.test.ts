import {
  amlEngineLayer,
  type AmlClient,
  createAmlClient,
  type EngineOptions,
  type Lookup,
  type LookupError
} from "@nordscreen/core"
import { FIXTURES, type Simulator, startSimulator } from "@nordscreen/simulator"
import { Effect, Either, Layer, Logger, LogLevel, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type OrganizationResultNO, screenOrganizationNo, screenOrganizationNoEffect } from "../src/index.js"

let sim: Simulator
let engine: EngineOptions

beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 20, reportDelayMs: 20, webhookRetryScale: 0.001 })
  engine = {
    config: {
      env: {},
      flags: {
        env: "simulator",
        apiUrl: sim.url,
        tokenUrl: sim.tokenUrl,
        issuer: sim.issuer,
        pollFastMs: 50,
        retryBaseMs: 10
      }
    }
  }
})
afterAll(() => sim.stop())

// The engine's progress lines are not what these tests look at.
const quietEngine = () =>
  ManagedRuntime.make(Layer.merge(amlEngineLayer(engine), Logger.minimumLogLevel(LogLevel.Error)))

const fixtures = FIXTURES.filter((fixture) => fixture.resource === "organization" && fixture.country === "NO")

const queryOf = (fixture: (typeof fixtures)[number]) =>
  fixture.identifierType === "DUNS"
    ? { duns: fixture.identifier }
    : { organizationNumber: fixture.identifier }

const expectOutcome = (outcome: string, result: Either.Either<Lookup<OrganizationResultNO>, LookupError>) => {
  if (Either.isLeft(result)) {
    expect(result.left).toMatchObject({ _tag: "SessionFailed", errorCode: outcome })
    return
  }
  const { summary, reports } = result.right
  expect(Object.keys(reports).sort()).toEqual(["aml", "certificate_of_incorporation"])
  expect(summary.name).not.toBeNull()
  expect(summary.listsSearched.length).toBeGreaterThan(0)
  const expectations: Record<string, () => void> = {
    CLEAN: () => expect(summary).toMatchObject({ flags: [], sanctions: { hits: [] } }),
    SANCTION: () => expect(summary.sanctions?.hits.length).toBeGreaterThan(0),
    NO_BENEFICIALS: () => expect(summary.beneficialOwners).toEqual([]),
    BANKRUPT: () => expect(summary.flags).toContain("BANKRUPT"),
    BANKRUPT_ESTATE: () => expect(summary.flags).toContain("BANKRUPT"),
    DISSOLVED: () => expect(summary.flags).toContain("DISSOLVED"),
    UNDER_LIQUIDATION: () => expect(summary.flags).toContain("UNDER_LIQUIDATION")
  }
  const check = expectations[outcome]
  if (check === undefined) expect.fail(`fixture outcome ${outcome} was expected to fail the session`)
  else check()
}

describe("screenOrganizationNoEffect", () => {
  it("has Norwegian organization fixtures to screen", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10)
  })

  it.each(fixtures)("screens $identifier ($outcome) over HTTP", async (fixture) => {
    const runtime = quietEngine()
    try {
      const result = await runtime.runPromise(Effect.either(screenOrganizationNoEffect(queryOf(fixture))))
      expectOutcome(fixture.outcome, result)
    } finally {
      await runtime.dispose()
    }
  })

  it("rejects an invalid number and an unknown expand before any session is created", async () => {
    const runtime = quietEngine()
    const before = sim.stats().sessionsCreated
    const invalid = await runtime.runPromise(Effect.either(screenOrganizationNoEffect("923609017")))
    const unknown = await runtime.runPromise(
      Effect.either(screenOrganizationNoEffect("923609016", { expands: ["officialRoles"] }))
    )
    await runtime.dispose()
    expect(Either.isLeft(invalid) && invalid.left).toMatchObject({
      _tag: "InvalidLookup",
      issue: { code: "E_CHECKSUM" }
    })
    expect(Either.isLeft(unknown) && unknown.left).toMatchObject({ _tag: "UnknownExpandError" })
    expect(sim.stats().sessionsCreated).toBe(before)
  })
})

describe("screenOrganizationNo (Promise)", () => {
  let client: AmlClient
  beforeAll(() => {
    client = createAmlClient(engine)
  })
  afterAll(() => client.close())

  it("screens with chosen expands and reports", async () => {
    const lookup = await screenOrganizationNo("910000012", {
      client,
      expands: ["keyInformation", "ownership.beneficials", "ownership.shareholders"],
      reports: ["aml"],
      language: "nb"
    })
    expect(Object.keys(lookup.reports)).toEqual(["aml"])
    expect(lookup.result?.ownership?.shareholders?.length).toBeGreaterThan(0)
    expect(lookup.result?.roles).toBeUndefined()
    expect(lookup.summary.roles).toBeNull()
  })

  it("rejects with the tagged error itself", async () => {
    await expect(
      screenOrganizationNo({ identifier: "150000001", country: "NO" }, { client })
    ).rejects.toMatchObject({
      _tag: "InvalidLookup",
      issue: { code: "E_AMBIGUOUS" }
    })
  })
})
