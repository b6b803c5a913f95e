import type { Lookup } from "@nordscreen/core"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { adapterCases, type Lookups } from "./support/adapterCases.js"
import { expectOutcome } from "./support/outcomes.js"
import { type LookupOutcome, useSimulatorEngine } from "./support/simulatorEngine.js"

// Every simulator fixture of every adapter, through both public APIs, over real HTTP.
const harness = useSimulatorEngine()

type Screen = (lookups: Lookups, options?: Lookup.LookupOptions) => Promise<LookupOutcome>

const apis: ReadonlyArray<readonly [string, Screen]> = [
  ["Effect", (lookups, options) => harness.runEffect(lookups.effect(options))],
  // The Promise API validates in production mode unless told otherwise; the fixtures are synthetic.
  [
    "Promise",
    (lookups, options) =>
      harness.runPromise(lookups.promise({ ...options, client: harness.client(), mode: "test" }))
  ]
]

describe.each(adapterCases)("$id", (adapterCase) => {
  const { adapter, fixtures } = adapterCase

  it("has simulator fixtures to screen", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(adapterCase.minFixtures)
  })

  describe.each(apis)("%s API", (_api, screen) => {
    it.each(fixtures)("screens $identifier ($outcome) over HTTP", async (fixture) => {
      const outcome = await screen(adapterCase.ofFixture(fixture))
      if (Either.isLeft(outcome)) {
        expect(outcome.left).toMatchObject({ _tag: "SessionFailed", errorCode: fixture.outcome })
        return
      }
      const { summary, reports, result, subject } = outcome.right
      expect(Object.keys(reports).sort()).toEqual([...adapter.reports.defaults].sort())
      expect(summary.name).toBe(fixture.name)
      expect(summary.listsSearched.length).toBeGreaterThan(0)
      expect(result).toMatchObject({ keyInformation: adapterCase.keyInformation(fixture) })
      if (adapterCase.secretIdentifier) expect(subject).not.toContain(fixture.identifier)
      expectOutcome(fixture.outcome, summary, adapter.kind)
    })

    it.each([[["aml"]], [[]]])("returns exactly the reports asked for (%j)", async (wanted) => {
      const clean = fixtures.find((fixture) => fixture.outcome === "CLEAN")!
      const outcome = await screen(adapterCase.ofFixture(clean), { reports: wanted })
      expect(Either.isRight(outcome) && Object.keys(outcome.right.reports)).toEqual(wanted)
    })

    it.each(adapterCase.invalid)(
      "refuses $label with $code before any session is created",
      async (invalid) => {
        const before = harness.simulator().stats().sessionsCreated
        const outcome = await screen(invalid.lookups)
        expect(Either.isLeft(outcome) && outcome.left).toMatchObject({
          _tag: "InvalidLookup",
          issue: { code: invalid.code }
        })
        expect(harness.simulator().stats().sessionsCreated).toBe(before)
      }
    )

    it("sends an unknown expand: the API refuses it, and no session is created", async () => {
      const before = harness.simulator().stats().sessionsCreated
      const outcome = await screen(adapterCase.ofFixture(fixtures[0]!), { expands: ["officialRoles"] })
      expect(Either.isLeft(outcome) && outcome.left).toMatchObject({
        _tag: "ApiValidationError",
        errorCode: "UNSUPPORTED_EXPAND",
        detail: expect.stringContaining("officialRoles")
      })
      expect(harness.simulator().stats().sessionsCreated).toBe(before)
    })
  })
})
