import { portfolioRow, type RowParse } from "@nordscreen/core"
import { describe, expect, it } from "vitest"
import { type OrganizationInput, orgSeAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof portfolioRow>[0], mode: "test" | "production" = "test") =>
  orgSeAdapter.parseRow(portfolioRow(values), mode)

const valid = (result: RowParse<OrganizationInput>) => {
  if (result._tag !== "Valid")
    throw new Error(`expected a valid row, got ${result.issue.code}: ${result.issue.message}`)
  return result
}

describe("orgSeAdapter.parseRow", () => {
  it.each([
    [{ organizationNumber: "556036-0793" }, "556036-0793"],
    [{ organizationNumber: "5560360793" }, "556036-0793"],
    [{ organizationNumber: 5560360793 }, "556036-0793"],
    [{ organizationNumber: "165560360793" }, "556036-0793"],
    [{ organizationNumber: "SE556036079301" }, "556036-0793"],
    [{ identifier: "556036-0793", country: "Sverige" }, "556036-0793"]
  ])("accepts %o as %s", (values, expected) => {
    const row = valid(parse(values))
    expect(row.input).toEqual({ identifier: expected })
    expect(row.entityKey).toBe(`org-se:${expected}`)
    expect(row.subject).toBe(expected)
  })

  it("accepts a sole trader's personnummer with W_SOLE_TRADER and masks it for display", () => {
    const row = valid(parse({ organizationNumber: "000101-2384", name: "Anderssons Måleri" }))
    expect(row.input).toEqual({ identifier: "000101-2384", name: "Anderssons Måleri" })
    expect(row.warnings.map((w) => [w.code, w.field])).toEqual([["W_SOLE_TRADER", "organizationNumber"]])
    expect(row.subject).toBe("Anderssons Måleri (000101*****)")
    expect(row.warnings[0]?.message).not.toContain("2384")
  })

  it("warns when a sole trader's 10-digit number leaves the century to be assumed", () => {
    const row = valid(parse({ organizationNumber: "0001012384" }))
    expect(row.warnings.map((w) => w.code).sort()).toEqual(["W_CENTURY_ASSUMED", "W_SOLE_TRADER"])
  })

  it("warns about group digit 4", () => {
    expect(valid(parse({ organizationNumber: "462000-0010" })).warnings.map((w) => w.code)).toEqual([
      "W_UNLISTED_GROUP"
    ])
  })

  it("takes a 9-digit identifier as DUNS in Sweden", () => {
    const row = valid(parse({ identifier: "150483782", country: "SE" }))
    expect(row.input).toEqual({ identifier: "150483782", identifierType: "DUNS" })
    expect(orgSeAdapter.requestBody(row.input, {})).toMatchObject({
      nationality: "SE",
      identifierType: "DUNS"
    })
  })

  it.each([
    [{ organizationNumber: "556036-0794" }, "E_CHECKSUM"],
    [{ organizationNumber: "551234-5678" }, "E_PREFIX"],
    [{ organizationNumber: "0520000142" }, "E_PREFIX"],
    [{ organizationNumber: "175560360793" }, "E_PREFIX"],
    [{ organizationNumber: "55603607" }, "E_LENGTH"],
    [{ organizationNumber: "SE556036079302" }, "E_PREFIX"],
    [{ organizationNumber: "1.65560E+11" }, "E_PRECISION_LOST"],
    [{ organizationNumber: "556O36-0793" }, "E_CHARSET"],
    [{ duns: "15-048-378X" }, "E_CHARSET"],
    [{ name: "Saab" }, "E_EMPTY"]
  ] as const)("rejects %o with %s", (values, code) => {
    expect(parse(values)).toMatchObject({ _tag: "Rejected", issue: { code } })
  })
})

describe("orgSeAdapter.claim", () => {
  it.each([
    [{ type: "företag", country: "Sverige", identifier: "556036-0793" }, "explicit"],
    [{ type: "organisation", country: "SE", organizationNumber: "x" }, "explicit"],
    [{ country: "Sweden", duns: "150483782" }, "explicit"],
    [{ identifier: "556036-0793" }, "likely"],
    [{ identifier: "SE556036079301" }, "likely"],
    [{ identifier: "150483782", country: "SE" }, "likely"],
    [{ identifier: "150483782" }, "no"],
    [{ identifier: "923609016" }, "no"],
    [{ type: "person", country: "SE", identifier: "000101-2384" }, "no"],
    [{ country: "NO", identifier: "556036-0793" }, "no"]
  ] as const)("%o → %s", (values, claim) => {
    expect(orgSeAdapter.claim(portfolioRow(values))).toBe(claim)
  })
})

describe("orgSeAdapter.requestBody", () => {
  it("posts to the Swedish endpoint with nationality SE", () => {
    expect(orgSeAdapter.sessionPath).toBe("/organization/session/se")
    expect(orgSeAdapter.requestBody({ identifier: "556036-0793" }, { language: "en" })).toMatchObject({
      identifier: "556036-0793",
      nationality: "SE",
      expands: orgSeAdapter.expands.defaults
    })
  })
})
