import { screenPersonNo, screenPersonNoEffect } from "@nordscreen/person-no"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { personNoCase } from "./support/adapterCases.js"
import { useSimulatorEngine } from "./support/simulatorEngine.js"

// What only person-no shows; the fixtures of every adapter are screened in screening.test.ts.
const harness = useSimulatorEngine()
const { fixtures } = personNoCase

describe("screenPersonNoEffect", () => {
  it("screens by name and date of birth alone", async () => {
    const clean = fixtures.find((fixture) => fixture.outcome === "CLEAN")!
    const outcome = await harness.runEffect(
      screenPersonNoEffect({ name: clean.name!, dateOfBirth: clean.dateOfBirth! })
    )
    expect(Either.isRight(outcome) && outcome.right.summary.name).toBe(clean.name)
  })
})

describe("screenPersonNo (Promise)", () => {
  it("passes W_DOB_MISMATCH through and sends the supplied date", async () => {
    const pep = fixtures.find((fixture) => fixture.outcome === "PEP")!
    const lookup = await screenPersonNo(
      { firstName: "Ingrid", lastName: "Fjellstad", ssn: pep.identifier, dateOfBirth: "1975-03-16" },
      { client: harness.client(), mode: "test", expands: ["keyInformation", "aml"], reports: [] }
    )
    expect(lookup.warnings.map((warning) => warning.code)).toEqual(["W_DOB_MISMATCH"])
    expect(lookup.reports).toEqual({})
    expect(lookup.summary.pep).not.toBeNull()
  })

  it("defaults to production rules, which refuse synthetic numbers before sending", async () => {
    const before = harness.simulator().stats().sessionsCreated
    await expect(
      screenPersonNo({ name: "A B", ssn: fixtures[0]!.identifier }, { client: harness.client() })
    ).rejects.toMatchObject({ _tag: "InvalidLookup", issue: { code: "E_NOT_NATIONAL_ID" } })
    expect(harness.simulator().stats().sessionsCreated).toBe(before)
  })
})
