import { AdapterRegistry, Logging } from "@nordscreen/core"
import { orgFiAdapter } from "@nordscreen/org-fi"
import { orgNoAdapter } from "@nordscreen/org-no"
import { orgSeAdapter } from "@nordscreen/org-se"
import { personNoAdapter } from "@nordscreen/person-no"
import { describe, expect, it } from "vitest"

// Core redacts the identity numbers its registered adapters name (CountryFacts.identityNumbers).
// Synthetic numbers (Tenor month + 80, test ranges); none belongs to a person.
const cases = [
  [orgNoAdapter, ["01817012345", "018170 12345"]],
  [personNoAdapter, ["01817012345"]],
  [orgSeAdapter, ["19811218-9876", "8112189876"]],
  [orgFiAdapter, ["131052-308T"]]
] as const

describe("each adapter's identity numbers are redacted from log text", () => {
  it.each(cases.map(([adapter, numbers]) => [adapter.id, adapter, numbers] as const))(
    "%s",
    (_id, adapter, numbers) => {
      for (const number of numbers) {
        const text = Logging.scrubText(
          `looked up ${number} for org 913579240`,
          AdapterRegistry.redactionOf([adapter])
        )
        expect(text).not.toContain(number)
        expect(text).toContain("[REDACTED-ID]")
      }
    }
  )

  it("an organisation number is not an identity number", () => {
    const text = Logging.scrubText(
      "org 913579240 / 556036-0793 / 0112038-9",
      AdapterRegistry.redactionOf(cases.map(([adapter]) => adapter))
    )
    expect(text).toContain("913579240")
    expect(text).toContain("0112038-9")
  })
})
