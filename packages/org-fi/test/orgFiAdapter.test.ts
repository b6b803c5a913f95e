import { Wire } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgFiAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof Wire.portfolioRow>[0]) =>
  orgFiAdapter.parseRow(Wire.portfolioRow(values), "test")

// The parseRow, claim and requestBody tables shared by every adapter live in
// test/adapters/rowRules.test.ts at the repository root; here is what only Finland has.
describe("orgFiAdapter.parseRow", () => {
  it("restores the leading zero of a Y-tunnus from a numeric cell", () => {
    expect(parse({ organizationNumber: 1120389 })).toMatchObject({
      _tag: "Valid",
      input: { identifier: "0112038-9" },
      warnings: [{ code: "W_ZERO_RESTORED" }]
    })
  })

  it("takes a 9-digit identifier as DUNS in Finland", () => {
    const row = parse({ identifier: "150483782", country: "FI" })
    expect(row).toMatchObject({ _tag: "Valid", entityKey: "org-fi:duns:150483782" })
    expect(row._tag === "Valid" && row.input).toEqual({ identifier: "150483782", identifierType: "DUNS" })
  })
})

describe("orgFiAdapter.describe", () => {
  it("shows the Y-tunnus as sent, country FI", () => {
    const row = parse({ organizationNumber: 1120389, name: "Oy Esimerkki Ab" })
    if (row._tag !== "Valid") throw new Error(`expected a valid row, got ${row.issue.code}`)
    expect(orgFiAdapter.describe(row.input)).toEqual({
      identifier: "0112038-9",
      identifierMasked: "0112038-9",
      name: "Oy Esimerkki Ab",
      country: "FI",
      kind: "organization"
    })
  })
})

describe("orgFiAdapter.summarize: registry flags", () => {
  it.each([
    ["KONKURSSI", "BANKRUPT"],
    ["SELVITYSTILA", "UNDER_LIQUIDATION"],
    ["LAKANNUT", "DISSOLVED"],
    ["LAKKAUTETTU", "DISSOLVED"],
    ["BANKRUPT", "BANKRUPT"],
    ["TOIMINTA_KESKEYTETTY", "TOIMINTA_KESKEYTETTY"]
  ])("%s → %s", (code, flag) => {
    const result = Schema.decodeUnknownSync(orgFiAdapter.resultSchema)({
      keyInformation: { statusCodes: [code] }
    })
    expect(orgFiAdapter.summarize(result).flags).toEqual([flag])
  })
})
