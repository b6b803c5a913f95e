import { screenOrganizationNo } from "@nordscreen/org-no"
import { expect, it } from "vitest"
import { useSimulatorEngine } from "./support/simulatorEngine.js"

// What only org-no shows; the fixtures of every adapter are screened in screening.test.ts.
const harness = useSimulatorEngine()

it("screens with chosen expands, reports and language", async () => {
  const lookup = await screenOrganizationNo("910000012", {
    client: harness.client(),
    expands: ["keyInformation", "ownership.beneficials", "ownership.shareholders"],
    reports: ["aml"],
    language: "nb"
  })
  expect(Object.keys(lookup.reports)).toEqual(["aml"])
  expect(lookup.result?.ownership?.shareholders?.length).toBeGreaterThan(0)
  expect(lookup.result?.roles).toBeUndefined()
  expect(lookup.summary.roles).toBeNull()
})
