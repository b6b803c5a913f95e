import { impliedKind, portfolioRow, rowCountry, rowKind } from "../../src/index.js"
import { describe, expect, it } from "vitest"

describe("rowKind", () => {
  it.each([
    ["organization", "organization"],
    ["Organisasjon", "organization"],
    ["FORETAK", "organization"],
    ["selskap", "organization"],
    ["Company", "organization"],
    ["org", "organization"],
    ["yritys", "organization"],
    ["Företag", "organization"],
    ["person", "person"],
    ["Privatperson", "person"],
    ["individual", "person"],
    ["Henkilö", "person"],
    ["privat person", "person"],
    ["trust", "other"],
    ["", undefined]
  ])("%s → %s", (text, kind) => {
    expect(rowKind(portfolioRow({ type: text }))).toBe(kind)
  })
})

describe("rowCountry", () => {
  it.each([
    ["NO", "NO"],
    ["Norge", "NO"],
    ["norway", "NO"],
    ["Norge (NO)", "NO"],
    ["SE", "SE"],
    ["Sverige", "SE"],
    ["Sweden", "SE"],
    ["FI", "FI"],
    ["Suomi", "FI"],
    ["Finland", "FI"],
    ["Danmark", "DK"],
    ["Atlantis", "other"],
    ["  ", undefined]
  ])("%s → %s", (text, country) => {
    expect(rowCountry(portfolioRow({ country: text }))).toBe(country)
  })
})

describe("impliedKind", () => {
  it("reads the kind from the identifier columns a row fills", () => {
    expect(impliedKind(portfolioRow({ organizationNumber: "923609016" }))).toBe("organization")
    expect(impliedKind(portfolioRow({ ssn: "15838549990", name: "A" }))).toBe("person")
    expect(impliedKind(portfolioRow({ identifier: "923609016" }))).toBeUndefined()
    expect(impliedKind(portfolioRow({ organizationNumber: "1", ssn: "2" }))).toBeUndefined()
  })
})
