import { type AmlClient, amlEngineLayer, createAmlClient, type EngineOptions } from "@nordscreen/core"
import { FIXTURES, type Simulator, startSimulator } from "@nordscreen/simulator"
import { Effect, Either, Layer, Logger, LogLevel, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { screenPersonNo, screenPersonNoEffect } from "../src/index.js"

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

const fixtures = FIXTURES.filter((fixture) => fixture.resource === "person")
const failures = new Set(["PERSON_NOT_FOUND", "SOURCE_UNAVAILABLE", "TIMEOUT", "INTERNAL_ERROR"])

const screen = async (query: Parameters<typeof screenPersonNoEffect>[0]) => {
  const runtime = ManagedRuntime.make(
    Layer.merge(amlEngineLayer(engine), Logger.minimumLogLevel(LogLevel.Error))
  )
  try {
    return await runtime.runPromise(Effect.either(screenPersonNoEffect(query)))
  } finally {
    await runtime.dispose()
  }
}

describe("screenPersonNoEffect", () => {
  it.each(fixtures)("screens $identifier ($outcome) over HTTP", async (fixture) => {
    // The date of birth is left out on purpose: the adapter derives it from the number.
    const result = await screen({ name: fixture.name ?? "Ukjent Person", ssn: fixture.identifier })
    if (failures.has(fixture.outcome)) {
      expect(Either.isLeft(result) && result.left).toMatchObject({
        _tag: "SessionFailed",
        errorCode: fixture.outcome
      })
      return
    }
    if (Either.isLeft(result)) expect.fail(result.left.message)
    const { summary, reports, subject, result: decoded } = result.right
    expect(subject).not.toContain(fixture.identifier)
    expect(Object.keys(reports)).toEqual(["aml"])
    expect(decoded?.keyInformation?.dateOfBirth).toBe(fixture.dateOfBirth)
    const expectations: Record<string, () => void> = {
      CLEAN: () => expect(summary).toMatchObject({ flags: [], pep: { hits: [] }, sanctions: { hits: [] } }),
      PEP: () => expect(summary.pep?.strongest).toBe(500),
      SANCTION: () => expect(summary.sanctions?.hits.length).toBeGreaterThan(0),
      PEP_AND_SANCTION: () => {
        expect(summary.pep?.hits.length).toBeGreaterThan(0)
        expect(summary.sanctions?.hits.length).toBeGreaterThan(0)
      },
      DECEASED: () => expect(summary.flags).toEqual(["DECEASED"]),
      EMIGRATED: () => expect(summary.flags).toEqual(["EMIGRATED"])
    }
    const check = expectations[fixture.outcome]
    if (check === undefined) expect.fail(`no expectation for ${fixture.outcome}`)
    else check()
  })

  it("screens by name and date of birth alone", async () => {
    const clean = fixtures.find((fixture) => fixture.outcome === "CLEAN")!
    const result = await screen({ name: clean.name!, dateOfBirth: clean.dateOfBirth! })
    if (Either.isLeft(result)) expect.fail(result.left.message)
    expect(result.right.summary.name).toBe(clean.name)
  })
})

describe("screenPersonNo (Promise)", () => {
  let client: AmlClient
  beforeAll(() => {
    client = createAmlClient(engine)
  })
  afterAll(() => client.close())

  it("passes W_DOB_MISMATCH through and sends the supplied date", async () => {
    const pep = fixtures.find((fixture) => fixture.outcome === "PEP")!
    const lookup = await screenPersonNo(
      { firstName: "Ingrid", lastName: "Fjellstad", ssn: pep.identifier, dateOfBirth: "1975-03-16" },
      { client, mode: "test", expands: ["keyInformation", "aml"], reports: [] }
    )
    expect(lookup.warnings.map((warning) => warning.code)).toEqual(["W_DOB_MISMATCH"])
    expect(lookup.reports).toEqual({})
    expect(lookup.summary.pep).not.toBeNull()
  })

  it("defaults to production rules, which refuse synthetic numbers before sending", async () => {
    const before = sim.stats().sessionsCreated
    await expect(
      screenPersonNo({ name: "A B", ssn: fixtures[0]!.identifier }, { client })
    ).rejects.toMatchObject({
      _tag: "InvalidLookup",
      issue: { code: "E_NOT_NATIONAL_ID" }
    })
    expect(sim.stats().sessionsCreated).toBe(before)
  })
})
