import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { adapterCases } from "./support/adapterCases.js"
import { type LookupOutcome, type SimulatorEngine, useSimulatorEngine } from "./support/simulatorEngine.js"

// Every adapter, through both public APIs, with wire profiles other than the simulator's:
// `bankid` (the preprod default) against the strict simulator answering flat session info, and
// a profile file choosing the nested person and the `reports` parameter (contract §16).
const profileFile = join(mkdtempSync(join(tmpdir(), "nordscreen-profiles-")), "profile.json")
writeFileSync(profileFile, JSON.stringify({ name: "bankid", personShape: "nested", pdfSelection: "reports" }))

const strict = useSimulatorEngine({
  simulator: { strict: true, sessionInfoForm: "flat" },
  flags: { env: "preprod", clientId: "simulator-client", clientSecret: "simulator-secret" }
})
const variant = useSimulatorEngine({ flags: { wireProfileFile: profileFile } })

const settings: ReadonlyArray<readonly [string, SimulatorEngine]> = [
  ["bankid against the strict simulator", strict],
  ["nested person and reports parameter", variant]
]

describe.each(settings)("%s", (_label, harness) => {
  describe.each(adapterCases)("$id", ({ adapter, fixtures, ofFixture }) => {
    const clean = fixtures.find((fixture) => fixture.outcome === "CLEAN") ?? fixtures[0]!
    const apis: ReadonlyArray<readonly [string, () => Promise<LookupOutcome>]> = [
      ["Effect", () => harness.runEffect(ofFixture(clean).effect())],
      [
        "Promise",
        () => harness.runPromise(ofFixture(clean).promise({ client: harness.client(), mode: "test" }))
      ]
    ]
    it.each(apis)("screens a fixture through the %s API with every default report", async (_api, screen) => {
      const before = harness.simulator().stats().requests["create"]?.["400"] ?? 0
      const outcome = await screen()
      expect(Either.isRight(outcome) ? outcome.right.summary.name : outcome.left).toBe(clean.name)
      if (Either.isRight(outcome))
        expect(Object.keys(outcome.right.reports).sort()).toEqual([...adapter.reports.defaults].sort())
      expect(harness.simulator().stats().requests["create"]?.["400"] ?? 0).toBe(before)
    })
  })
})
