import { portfolioRow, type RowParse } from "@nordscreen/core"
import { describe, expect, it } from "vitest"
import { type OrganizationInput, orgFiAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof portfolioRow>[0]) =>
  orgFiAdapter.parseRow(portfolioRow(values), "test")

const valid = (result: RowParse<OrganizationInput>) => {
  if (result._tag !== "Valid")
    throw new Error(`expected a valid row, got ${result.issue.code}: ${result.issue.message}`)
  return result
}

describe("orgFiAdapter.parseRow", () => {
  it.each([
    [{ organizationNumber: "0112038-9" }, "0112038-9"],
    [{ organizationNumber: "112038-9" }, "0112038-9"],
    [{ organizationNumber: "FI20774740" }, "2077474-0"],
    [{ organizationNumber: "20774740" }, "2077474-0"],
    [{ identifier: "2077474-0", country: "Suomi" }, "2077474-0"]
  ])("accepts %o as %s", (values, expected) => {
    const row = valid(parse(values))
    expect(row.input).toEqual({ identifier: expected })
    expect(row.entityKey).toBe(`org-fi:${expected}`)
  })

  it("restores the leading zero of a Y-tunnus from a numeric cell", () => {
    const row = valid(parse({ organizationNumber: 1120389 }))
    expect(row.input.identifier).toBe("0112038-9")
    expect(row.warnings.map((w) => w.code)).toEqual(["W_ZERO_RESTORED"])
  })

  it("takes a 9-digit identifier as DUNS in Finland", () => {
    expect(valid(parse({ identifier: "150483782", country: "FI" })).input).toEqual({
      identifier: "150483782",
      identifierType: "DUNS"
    })
  })

  it.each([
    [{ organizationNumber: "2077474-1" }, "E_CHECKSUM"],
    [{ organizationNumber: "0000006-1" }, "E_NO_CHECK_DIGIT"],
    [{ organizationNumber: "2077474" }, "E_LENGTH"],
    [{ organizationNumber: "FI2077474" }, "E_LENGTH"],
    [{ organizationNumber: "2077474-A" }, "E_CHARSET"],
    [{ country: "FI" }, "E_EMPTY"]
  ] as const)("rejects %o with %s", (values, code) => {
    expect(parse(values)).toMatchObject({ _tag: "Rejected", issue: { code } })
  })
})

describe("orgFiAdapter.claim", () => {
  it.each([
    [{ type: "yritys", country: "Suomi", identifier: "2077474-0" }, "explicit"],
    [{ type: "company", country: "Finland", identifier: "2077474-0" }, "explicit"],
    [{ identifier: "2077474-0" }, "likely"],
    [{ identifier: "FI20774740" }, "likely"],
    [{ identifier: "150483782", country: "FI" }, "likely"],
    [{ identifier: "150483782" }, "no"],
    [{ identifier: "131052-308T" }, "no"],
    [{ type: "henkilö", country: "FI", identifier: "2077474-0" }, "no"]
  ] as const)("%o → %s", (values, claim) => {
    expect(orgFiAdapter.claim(portfolioRow(values))).toBe(claim)
  })
})

describe("orgFiAdapter.requestBody", () => {
  it("posts to the Finnish endpoint with nationality FI", () => {
    expect(orgFiAdapter.sessionPath).toBe("/organization/session/fi")
    expect(orgFiAdapter.requestBody({ identifier: "2077474-0" }, {})).toMatchObject({ nationality: "FI" })
  })
})
