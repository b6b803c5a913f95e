import { Wire } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgSeAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof Wire.portfolioRow>[0]) =>
  orgSeAdapter.parseRow(Wire.portfolioRow(values), "test")

const warningCodes = (values: Parameters<typeof Wire.portfolioRow>[0]) =>
  parse(values)
    .warnings.map((warning) => warning.code)
    .sort()

// The parseRow, claim and requestBody tables shared by every adapter live in
// test/adapters/rowRules.test.ts at the repository root; here is what only Sweden has.
describe("orgSeAdapter.parseRow", () => {
  it("accepts a sole trader's personnummer with W_SOLE_TRADER and masks it for display", () => {
    expect(parse({ organizationNumber: "000101-2384", name: "Anderssons Måleri" })).toEqual({
      _tag: "Valid",
      input: { identifier: "000101-2384", name: "Anderssons Måleri" },
      entityKey: "org-se:000101-2384",
      subject: "Anderssons Måleri (000101*****)",
      warnings: [
        {
          code: "W_SOLE_TRADER",
          field: "organizationNumber",
          message: expect.not.stringContaining("2384")
        }
      ]
    })
  })

  it("warns when a sole trader's 10-digit number leaves the century to be assumed", () => {
    expect(parse({ organizationNumber: "0001012384" })._tag).toBe("Valid")
    expect(warningCodes({ organizationNumber: "0001012384" })).toEqual(["W_CENTURY_ASSUMED", "W_SOLE_TRADER"])
  })

  it("warns about group digit 4", () => {
    expect(parse({ organizationNumber: "462000-0010" })._tag).toBe("Valid")
    expect(warningCodes({ organizationNumber: "462000-0010" })).toEqual(["W_UNLISTED_GROUP"])
  })

  it("takes a 9-digit identifier as DUNS in Sweden", () => {
    const row = parse({ identifier: "150483782", country: "SE" })
    expect(row).toMatchObject({ _tag: "Valid", entityKey: "org-se:duns:150483782" })
    expect(row._tag === "Valid" && row.input).toEqual({ identifier: "150483782", identifierType: "DUNS" })
    expect(row._tag === "Valid" && orgSeAdapter.requestBody(row.input, {})).toMatchObject({
      nationality: "SE",
      identifierType: "DUNS"
    })
  })
})

describe("orgSeAdapter.describe", () => {
  const validInput = (values: Parameters<typeof Wire.portfolioRow>[0]) => {
    const row = parse(values)
    if (row._tag !== "Valid") throw new Error(`expected a valid row, got ${row.issue.code}`)
    return row.input
  }

  it("masks a sole trader's personnummer, as the row's subject does", () => {
    const described = orgSeAdapter.describe(
      validInput({ organizationNumber: "000101-2384", name: "Anderssons Måleri" })
    )
    expect(described).toEqual({
      identifier: "000101-2384",
      identifierMasked: "000101*****",
      name: "Anderssons Måleri",
      country: "SE",
      kind: "organization"
    })
  })

  it("shows an organisationsnummer unmasked", () => {
    expect(orgSeAdapter.describe(validInput({ organizationNumber: "5560360793" }))).toMatchObject({
      identifier: "556036-0793",
      identifierMasked: "556036-0793",
      name: null,
      country: "SE"
    })
  })
})

describe("orgSeAdapter.summarize: registry flags", () => {
  it.each([
    ["KONKURS", "BANKRUPT"],
    ["LIKVIDATION", "UNDER_LIQUIDATION"],
    ["TVÅNGSLIKVIDATION", "FORCED_DISSOLUTION"],
    ["AVREGISTRERAD", "DISSOLVED"],
    ["DISSOLVED", "DISSOLVED"],
    ["REKONSTRUKTION", "REKONSTRUKTION"]
  ])("%s → %s", (code, flag) => {
    const result = Schema.decodeUnknownSync(orgSeAdapter.resultSchema)({
      keyInformation: { statusCodes: [code] }
    })
    expect(orgSeAdapter.summarize(result).flags).toEqual([flag])
  })
})
