import { type Adapter, Wire, WireProfile } from "@nordscreen/core"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgNoAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof Wire.portfolioRow>[0], mode: "test" | "production" = "test") =>
  orgNoAdapter.parseRow(Wire.portfolioRow(values), mode)

// The parseRow, claim and requestBody tables shared by every adapter live in
// test/adapters/rowRules.test.ts at the repository root; here is what only Norway has.
describe("orgNoAdapter.parseRow", () => {
  it("sends identifierType DUNS for a DUNS column and keys it apart from an orgnr", () => {
    const row = parse({ duns: "15-048-3782", name: "Eksempel AS" })
    expect(row).toEqual({
      _tag: "Valid",
      input: { identifier: "150483782", identifierType: "DUNS", name: "Eksempel AS" },
      entityKey: "org-no:duns:150483782",
      subject: "Eksempel AS (DUNS 150483782)",
      warnings: []
    })
    expect(row._tag === "Valid" && orgNoAdapter.requestBody(row.input, {})).toMatchObject({
      identifierType: "DUNS"
    })
  })

  it("restores a DUNS zero lost in a numeric cell, with a warning naming the column", () => {
    expect(parse({ duns: 12345678 })).toMatchObject({
      _tag: "Valid",
      input: { identifier: "012345678" },
      warnings: [
        { code: "W_ZERO_RESTORED", field: "duns", message: expect.stringContaining('Column "duns"') }
      ]
    })
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

  it("follows the mode: first digit 1 is E_PREFIX in production only", () => {
    expect(parse({ organizationNumber: "123456785" }, "production")).toMatchObject({
      issue: { code: "E_PREFIX" }
    })
    expect(parse({ organizationNumber: "123456785" }, "test")._tag).toBe("Valid")
  })

  it("names the user's column and row in a rejection", () => {
    const row: Adapter.PortfolioRow = {
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

  it("passes unknown expands and reports through, each listed with a near-miss suggestion", () => {
    const choice = Wire.chooseExpands(orgNoAdapter, {
      expands: ["keyInformation", "officialRoles", "role"],
      reports: ["credit"]
    })
    expect(choice.unknown).toEqual([
      { kind: "expand", value: "officialRoles", suggestion: undefined },
      { kind: "expand", value: "role", suggestion: "roles" },
      { kind: "report", value: "credit", suggestion: undefined }
    ])
    expect(choice.expands).toEqual(["keyInformation", "officialRoles", "role", "links.reports.credit"])
    expect(Wire.describeUnknownExpand("org-no", choice.unknown[1]!)).toBe(
      'org-no: unknown expand "role" sent as is; the API decides (did you mean "roles"?)'
    )
    expect(orgNoAdapter.requestBody(input, { expands: ["officialRoles"] })["expands"]).toEqual([
      "officialRoles"
    ])
  })

  it("builds the body the wire profile describes", () => {
    const bankid = WireProfile.BUILT_IN_PROFILES.bankid
    const options = { expands: ["keyInformation", "keyInformation.lei", "aml"], reports: ["aml"] }
    expect(
      orgNoAdapter.requestBody({ identifier: "123456785", identifierType: "DUNS" }, options, bankid)
    ).toEqual({
      identifier: "123456785",
      expands: ["keyInformation", "keyInformation.lei", "aml", "links.reports.aml"],
      language: "en"
    })
    expect(
      orgNoAdapter.requestBody(input, options, { ...bankid, pdfSelection: "reports", sendNationality: true })
    ).toEqual({
      identifier: input.identifier,
      nationality: "NO",
      expands: ["keyInformation", "keyInformation.lei", "aml"],
      reports: ["aml"],
      language: "en"
    })
    expect(orgNoAdapter.requestBody(input, options)["expands"]).toEqual([
      "keyInformation",
      "lei",
      "aml",
      "links.reports.aml"
    ])
  })
})

const validInput = (values: Parameters<typeof Wire.portfolioRow>[0]) => {
  const row = parse(values)
  if (row._tag !== "Valid") throw new Error(`expected a valid row, got ${row.issue.code}`)
  return row.input
}

describe("orgNoAdapter.describe", () => {
  it("shows the organisation number as sent, the name the portfolio gave, country and kind", () => {
    expect(
      orgNoAdapter.describe(validInput({ organizationNumber: "923 609 016", name: "Equinor ASA" }))
    ).toEqual({
      identifier: "923609016",
      identifierMasked: "923609016",
      name: "Equinor ASA",
      country: "NO",
      kind: "organization"
    })
  })

  it("shows a DUNS number as it is, and no name when the portfolio gave none", () => {
    expect(orgNoAdapter.describe(validInput({ duns: "15-048-3782" }))).toEqual({
      identifier: "150483782",
      identifierMasked: "150483782",
      name: null,
      country: "NO",
      kind: "organization"
    })
  })

  it("decodes an input stored as JSON back to what parseRow produced (inputSchema)", () => {
    const input = validInput({ duns: "15-048-3782", name: "Eksempel AS" })
    const decode = Schema.decodeUnknownEither(Schema.parseJson(orgNoAdapter.inputSchema))
    expect(decode(JSON.stringify(input))).toEqual(Either.right(input))
    expect(Either.isLeft(decode(JSON.stringify({ name: "Eksempel AS" })))).toBe(true)
  })
})
