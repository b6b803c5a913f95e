import { describe, expect, it } from "vitest"
import { organizationFlags, registryFlag } from "../src/index.js"

// Made-up registry words, so the mechanism is shown apart from any country.
const words = { BANKRUPT: ["STECAJ"], DISSOLVED: ["IZBRISAN"], FORCED_DISSOLUTION: ["PRISILN"] }

describe("registryFlag", () => {
  it.each([
    ["BANKRUPT", "BANKRUPT"],
    ["under_liquidation", "UNDER_LIQUIDATION"],
    ["FORCED_DISSOLUTION", "FORCED_DISSOLUTION"],
    ["DISSOLVED_AFTER_BANKRUPTCY", "DISSOLVED"],
    ["BANKRUPT_AND_DISSOLVED", "BANKRUPT"],
    ["STECAJ", "BANKRUPT"],
    ["IZBRISAN NAKON STECAJA", "DISSOLVED"],
    ["PRISILNO IZBRISAN", "FORCED_DISSOLUTION"],
    ["reorganizacija", "REORGANIZACIJA"]
  ])("%s → %s (the stem found first wins)", (code, flag) => {
    expect(registryFlag(code, words)).toBe(flag)
  })

  it("knows a country's words only when given them", () => {
    expect(registryFlag("STECAJ")).toBe("STECAJ")
  })
})

describe("organizationFlags", () => {
  it("adds the legal forms that are a flag, without duplicates", () => {
    const vocabulary = { statusWords: words, legalFormFlags: { STECAJNA_MASA: "BANKRUPT" } }
    expect(organizationFlags(["STECAJ", "BANKRUPT"], "STECAJNA_MASA", vocabulary)).toEqual(["BANKRUPT"])
    expect(organizationFlags(null, undefined, vocabulary)).toEqual([])
  })
})
