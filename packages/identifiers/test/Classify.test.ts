import { describe, expect, it } from "vitest"
import { classifyIdentifier, resolveNineDigits, validateIdentifier } from "../src/index.js"
import { outcome, PROD, TEST } from "./support.js"

describe("classifyIdentifier", () => {
  it.each([
    ["923609016", undefined, ["NO_ORGANIZATION_NUMBER", "DUNS"]],
    ["923609016", "SE", ["DUNS"]],
    ["15-048-3782", "FI", ["DUNS"]],
    ["NO 923 609 016 MVA", undefined, ["NO_ORGANIZATION_NUMBER"]],
    ["556036-0793", undefined, ["SE_ORGANISATIONSNUMMER"]],
    ["5560360793", "SE", ["SE_ORGANISATIONSNUMMER"]],
    ["000101-2384", undefined, ["FI_HETU", "SE_PERSONNUMMER"]],
    ["000101-2384", "SE", ["SE_PERSONNUMMER"]],
    ["200001012384", undefined, ["SE_PERSONNUMMER"]],
    ["165560360793", undefined, ["SE_ORGANISATIONSNUMMER"]],
    ["SE556036079301", undefined, ["SE_ORGANISATIONSNUMMER"]],
    ["131052-308T", undefined, ["FI_HETU"]],
    ["0112038-9", undefined, ["FI_BUSINESS_ID"]],
    ["FI20774740", undefined, ["FI_BUSINESS_ID"]],
    ["30108299920", undefined, ["NO_PERSON_NUMBER"]],
    ["30108299920", "FI", []],
    ["0223841150000", undefined, ["DUNS"]],
    // 8 digits: a Y-tunnus without hyphen or a CVR number; only the country (or a leading 0) tells.
    ["12345674", undefined, ["FI_BUSINESS_ID", "DK_CVR"]],
    ["12345674", "DK", ["DK_CVR"]],
    ["12345674", "FI", ["FI_BUSINESS_ID"]],
    ["01120389", undefined, ["FI_BUSINESS_ID"]],
    ["DK12345674", undefined, ["DK_CVR"]],
    ["DK 12 34 56 74", undefined, ["DK_CVR"]],
    ["CVR-nr. 12345674", undefined, ["DK_CVR"]],
    ["hello", undefined, []],
    ["", undefined, []]
  ] as const)("%s (%s) → %j", (raw, country, expected) => {
    expect(classifyIdentifier(raw, country)).toEqual(expected)
  })
})

describe("resolveNineDigits — §1", () => {
  it("SE/FI (and any other country) → DUNS", () => {
    const v = resolveNineDigits("923609016", "SE", PROD)
    expect(v.type).toBe("DUNS")
    expect(resolveNineDigits("923609016", "fi", PROD).type).toBe("DUNS")
  })
  it("NO and a valid orgnr → orgnr", () => {
    const v = resolveNineDigits("923 609 016", "NO", PROD)
    expect(v.ok && v.type).toBe("NO_ORGANIZATION_NUMBER")
  })
  it("NO and not a valid orgnr → E_AMBIGUOUS", () => {
    expect(outcome(resolveNineDigits("150483782", "NO", PROD))).toBe("E_AMBIGUOUS")
    expect(outcome(resolveNineDigits("123456785", "NO", PROD))).toBe("E_AMBIGUOUS")
  })
  it("no country → E_AMBIGUOUS", () => {
    const v = resolveNineDigits("923609016", undefined, PROD)
    expect(outcome(v)).toBe("E_AMBIGUOUS")
    expect(v.ok ? "" : v.error.message).toContain("DUNS")
  })
  it("not nine digits → the organisation-number result", () => {
    expect(outcome(resolveNineDigits("92360901", "NO", PROD))).toBe("E_LENGTH")
    expect(outcome(resolveNineDigits("NO923609016MVA", "NO", PROD))).toBe("ok")
  })
})

describe("validateIdentifier", () => {
  it("dispatches on the type", () => {
    expect(outcome(validateIdentifier("NO_ORGANIZATION_NUMBER", "923609016", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("NO_PERSON_NUMBER", "01912499975", TEST))).toBe("ok")
    expect(outcome(validateIdentifier("SE_PERSONNUMMER", "000101-2384", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("SE_ORGANISATIONSNUMMER", "556036-0793", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("FI_BUSINESS_ID", "0112038-9", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("FI_HETU", "131052-308T", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("DUNS", "150483782", PROD))).toBe("ok")
    expect(outcome(validateIdentifier("DK_CVR", "12345674", PROD))).toBe("ok")
  })
})
