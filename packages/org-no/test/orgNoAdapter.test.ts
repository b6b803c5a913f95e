import { type PortfolioRow, portfolioRow, type RowParse, validateExpands } from "@nordscreen/core"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { type OrganizationInput, orgNoAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof portfolioRow>[0], mode: "test" | "production" = "test") =>
  orgNoAdapter.parseRow(portfolioRow(values), mode)

const valid = (result: RowParse<OrganizationInput>) => {
  if (result._tag !== "Valid")
    throw new Error(`expected a valid row, got ${result.issue.code}: ${result.issue.message}`)
  return result
}

describe("orgNoAdapter.parseRow", () => {
  it.each([
    [{ organizationNumber: "923609016" }, "923609016"],
    [{ organizationNumber: "923 609 016" }, "923609016"],
    [{ organizationNumber: "NO 923 609 016 MVA" }, "923609016"],
    [{ organizationNumber: 923609016 }, "923609016"],
    [{ identifier: "923609016", country: "NO" }, "923609016"],
    [{ identifier: "923.609.016", country: "Norge" }, "923609016"]
  ])("accepts %o as organisation number %s", (values, expected) => {
    const row = valid(parse(values))
    expect(row.input).toEqual({ identifier: expected })
    expect(row.entityKey).toBe(`org-no:${expected}`)
    expect(row.warnings).toEqual([])
  })

  it("sends identifierType DUNS for a DUNS column and keys it apart from an orgnr", () => {
    const row = valid(parse({ duns: "15-048-3782", name: "Eksempel AS" }))
    expect(row.input).toEqual({ identifier: "150483782", identifierType: "DUNS", name: "Eksempel AS" })
    expect(row.entityKey).toBe("org-no:duns:150483782")
    expect(row.subject).toBe("Eksempel AS (DUNS 150483782)")
    expect(orgNoAdapter.requestBody(row.input, {})).toMatchObject({ identifierType: "DUNS" })
  })

  it("restores a DUNS zero lost in a numeric cell, with a warning naming the column", () => {
    const row = valid(parse({ duns: 12345678 }))
    expect(row.input.identifier).toBe("012345678")
    expect(row.warnings.map((w) => [w.code, w.field])).toEqual([["W_ZERO_RESTORED", "duns"]])
    expect(row.warnings[0]?.message).toContain('Column "duns"')
  })

  it("applies the 9-digit rule to the generic identifier column (identifiers.md §1)", () => {
    // Fails mod 11 with country NO: could be a mistyped orgnr, so never paid for as a DUNS.
    expect(parse({ identifier: "150000001", country: "NO" })).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_AMBIGUOUS", field: "identifier" }
    })
    // Without a country even a passing orgnr is ambiguous.
    expect(parse({ identifier: "923609016" })).toMatchObject({ issue: { code: "E_AMBIGUOUS" } })
  })

  it.each([
    [{ organizationNumber: "923609017" }, "E_CHECKSUM", "organizationNumber"],
    [{ organizationNumber: "912345670" }, "E_NO_CHECK_DIGIT", "organizationNumber"],
    [{ organizationNumber: "92360901" }, "E_LENGTH", "organizationNumber"],
    [{ organizationNumber: "923609O16" }, "E_CHARSET", "organizationNumber"],
    [{ organizationNumber: "9.23609E+8" }, "E_PRECISION_LOST", "organizationNumber"],
    [{ duns: "000000000" }, "E_PREFIX", "duns"],
    [{ duns: "0223841150000" }, "E_LENGTH", "duns"],
    [{ name: "Eksempel AS" }, "E_EMPTY", "organizationNumber"],
    [{ organizationNumber: "   " }, "E_EMPTY", "organizationNumber"]
  ] as const)("rejects %o with %s on %s", (values, code, field) => {
    const result = parse(values)
    expect(result).toMatchObject({ _tag: "Rejected", issue: { code, field } })
  })

  it("follows the mode: first digit 1 is E_PREFIX in production only", () => {
    expect(parse({ organizationNumber: "123456785" }, "production")).toMatchObject({
      issue: { code: "E_PREFIX" }
    })
    expect(parse({ organizationNumber: "123456785" }, "test")._tag).toBe("Valid")
  })

  it("names the user's column and row in a rejection", () => {
    const row: PortfolioRow = {
      file: "kunder.xlsx",
      rowNumber: 7,
      cells: { organizationNumber: { text: "923609017", numeric: false } },
      columns: { organizationNumber: "Org.nr" }
    }
    const result = orgNoAdapter.parseRow(row, "test")
    expect(result._tag === "Rejected" && result.issue.message).toMatch(/^Column "Org.nr": .*923609017/)
  })

  it("never throws, whatever the cells hold", () => {
    for (const text of ["", "\u0000", "💥", "NO", "-".repeat(500), "1e400", "NaN"]) {
      for (const field of ["organizationNumber", "duns", "identifier"] as const) {
        expect(() => parse({ [field]: text })).not.toThrow()
      }
    }
  })
})

describe("orgNoAdapter.claim", () => {
  it.each([
    [{ type: "Organisasjon", country: "Norge", identifier: "923609016" }, "explicit"],
    [{ type: "company", country: "NO", identifier: "x" }, "explicit"],
    [{ type: "foretak", country: "Norway", organizationNumber: "923609016" }, "explicit"],
    [{ country: "NO", organizationNumber: "923609016" }, "explicit"],
    [{ identifier: "923609016" }, "likely"],
    [{ organizationNumber: "NO923609016MVA" }, "likely"],
    [{ duns: "150483782" }, "likely"],
    [{ type: "selskap", identifier: "923609016" }, "likely"],
    [{ type: "person", country: "NO", identifier: "923609016" }, "no"],
    [{ type: "organization", country: "Sverige", identifier: "923609016" }, "no"],
    [{ country: "DK", identifier: "923609016" }, "no"],
    [{ identifier: "556036-0793" }, "no"],
    [{ ssn: "15838549990" }, "no"],
    [{ duns: "150483782", country: "SE" }, "no"]
  ] as const)("%o → %s", (values, claim) => {
    expect(orgNoAdapter.claim(portfolioRow(values))).toBe(claim)
  })
})

describe("orgNoAdapter.requestBody", () => {
  const input = { identifier: "923609016" }

  it("sends the AML default expands and both reports", () => {
    expect(orgNoAdapter.requestBody(input, {})).toEqual({
      identifier: "923609016",
      nationality: "NO",
      expands: [
        "keyInformation",
        "roles",
        "ownership.beneficials",
        "signatureRights",
        "aml",
        "links.reports.aml",
        "links.reports.certificate_of_incorporation"
      ],
      language: "en"
    })
  })

  it("selects every expand of contract §5.2", () => {
    const body = orgNoAdapter.requestBody(input, { expands: orgNoAdapter.expands.all, language: "nb" })
    expect(body["expands"]).toEqual(orgNoAdapter.expands.all)
    expect(orgNoAdapter.expands.all).toHaveLength(17)
    expect(body["language"]).toBe("nb")
  })

  it("maps reports to their links.reports.* expands", () => {
    expect(
      orgNoAdapter.requestBody(input, { expands: ["keyInformation", "aml"], reports: ["aml"] })["expands"]
    ).toEqual(["keyInformation", "aml", "links.reports.aml"])
    expect(orgNoAdapter.requestBody(input, { reports: [] })["expands"]).not.toContain("links.reports.aml")
  })

  it("rejects unknown expands and reports, listing the valid ones", () => {
    const result = validateExpands(orgNoAdapter, {
      expands: ["keyInformation", "officialRoles"],
      reports: ["credit"]
    })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.unknownExpands).toEqual(["officialRoles"])
      expect(result.left.unknownReports).toEqual(["credit"])
      expect(result.left.message).toContain("valid expands: keyInformation, lei, addresses")
      expect(result.left.message).toContain("valid reports: aml, certificate_of_incorporation")
    }
    expect(() => orgNoAdapter.requestBody(input, { expands: ["officialRoles"] })).toThrow(/officialRoles/)
  })
})
