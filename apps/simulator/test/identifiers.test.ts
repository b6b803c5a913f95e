import { describe, expect, it } from "vitest"
import {
  isDuns,
  isFinnishBusinessId,
  isNorwegianNationalId,
  isNorwegianOrganizationNumber,
  isSwedishNationalId,
  isSwedishOrganizationNumber,
  isValidDateOfBirth
} from "../src/internal/identifiers.js"

const NOW = Date.UTC(2026, 0, 1)

describe("NO organisasjonsnummer (test environment)", () => {
  it.each(["923609016", "984851006", "974760673", "988077917", "123456785"])("accepts %s", (v) =>
    expect(isNorwegianOrganizationNumber(v)).toBe(true)
  )
  it.each(["988077918", "923609017", "912345670", "92360901", "9236090160", "923609O16"])("rejects %s", (v) =>
    expect(isNorwegianOrganizationNumber(v)).toBe(false)
  )
  it.each(["123456789", "234567891", "345678912", "456789123", "567891234"])(
    "accepts BankID's test organisation %s although it fails mod-11 (§16.7), not its neighbours",
    (v) => {
      expect(isNorwegianOrganizationNumber(v)).toBe(true)
      expect(isNorwegianOrganizationNumber(`${v.slice(0, 8)}${(Number(v[8]) + 2) % 10}`)).toBe(false)
    }
  )
})

describe("SE organisationsnummer", () => {
  it.each(["5560360793", "2120000142", "5567037485", "8020051952"])("accepts %s", (v) =>
    expect(isSwedishOrganizationNumber(v)).toBe(true)
  )
  it.each(["5560360794", "1234567891", "5512345678", "55603607"])("rejects %s", (v) =>
    expect(isSwedishOrganizationNumber(v)).toBe(false)
  )
})

describe("FI Y-tunnus and DUNS", () => {
  it.each(["01120389", "20774740", "13669598", "00000019"])("accepts Y-tunnus %s", (v) =>
    expect(isFinnishBusinessId(v)).toBe(true)
  )
  it.each(["20774741", "07375461", "00000061", "2077474"])("rejects Y-tunnus %s", (v) =>
    expect(isFinnishBusinessId(v)).toBe(false)
  )
  it("DUNS is nine digits", () => {
    expect(isDuns("006273905")).toBe(true)
    expect(isDuns("1234567890")).toBe(false)
    expect(isDuns("15048378X")).toBe(false)
  })
})

describe("NO fødselsnummer family, with the test ranges", () => {
  it.each([
    "30108299920",
    "30108299939",
    "01912499975",
    "15838549990",
    "29822499951",
    "41814061033",
    "41810021827",
    "15438549908",
    "10915596784",
    "68467038838",
    "50846202355"
  ])("accepts %s", (v) => expect(isNorwegianNationalId(v, NOW)).toBe(true))
  it.each([
    "30108299921",
    "15108695077",
    "02013299997",
    "1912499975",
    "31848549986",
    "29822399930",
    "15837080182",
    "72848549909",
    "1583854999O"
  ])("rejects %s", (v) => expect(isNorwegianNationalId(v, NOW)).toBe(false))
})

describe("SE personnummer", () => {
  it.each(["000101-2384", "0001012384", "20000101-2384", "200001012384", "701063-2391"])("accepts %s", (v) =>
    expect(isSwedishNationalId(v)).toBe(true)
  )
  it.each(["000101+2384", "200001012385", "200002302388", "200001010008", "170001012384", "000192-2384"])(
    "rejects %s",
    (v) => expect(isSwedishNationalId(v)).toBe(false)
  )
})

describe("dateOfBirth", () => {
  it("needs a real past YYYY-MM-DD date", () => {
    expect(isValidDateOfBirth("2000-02-29", NOW)).toBe(true)
    expect(isValidDateOfBirth("1900-02-29", NOW)).toBe(false)
    expect(isValidDateOfBirth("2026-01-02", NOW)).toBe(false)
    expect(isValidDateOfBirth("1970-1-1", NOW)).toBe(false)
  })
})
