import { type Adapter, Wire, WireProfile } from "@nordscreen/core"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { type PersonInput, personNoAdapter } from "../src/index.js"

const parse = (values: Parameters<typeof Wire.portfolioRow>[0], mode: "test" | "production" = "test") =>
  personNoAdapter.parseRow(Wire.portfolioRow(values), mode)

const valid = (result: Adapter.RowParse<PersonInput>) => {
  if (result._tag !== "Valid")
    throw new Error(`expected a valid row, got ${result.issue.code}: ${result.issue.message}`)
  return result
}

// Synthetic (Tenor, month + 80) numbers only: valid in test mode, never a real person.
const SSN = "15838549990" // born 1985-03-15

describe("personNoAdapter.parseRow", () => {
  it("derives the date of birth from the number when the row has none", () => {
    const row = valid(parse({ firstName: "Kari", lastName: "Nordmann", ssn: SSN }))
    expect(row.input).toEqual({
      firstName: "Kari",
      lastName: "Nordmann",
      ssn: SSN,
      dateOfBirth: "1985-03-15"
    })
    expect(row.entityKey).toBe(`person-no:${SSN}`)
    expect(row.subject).toBe("Kari Nordmann (158385*****)")
    expect(row.subject).not.toContain(SSN)
    expect(row.warnings).toEqual([])
  })

  it("keeps a supplied date that disagrees with the number and flags W_DOB_MISMATCH", () => {
    const row = valid(parse({ name: "Kari Nordmann", ssn: SSN, dateOfBirth: "16.03.1985" }))
    expect(row.input.dateOfBirth).toBe("1985-03-16")
    expect(row.warnings.map((w) => [w.code, w.field])).toEqual([["W_DOB_MISMATCH", "dateOfBirth"]])
  })

  it("accepts a matching supplied date without a warning", () => {
    const row = valid(parse({ name: "Kari Nordmann", ssn: SSN, dateOfBirth: "1985-03-15" }))
    expect(row.warnings).toEqual([])
  })

  it("screens by name and date of birth when there is no number, keyed by both", () => {
    const row = valid(parse({ name: "Kåre  Ødegård", dateOfBirth: "1970-01-01" }))
    expect(row.input).toEqual({ name: "Kåre Ødegård", dateOfBirth: "1970-01-01" })
    expect(row.entityKey).toMatch(/^person-no:kare odegard:1970-01-01$/)
    expect(row.subject).toBe("Kåre Ødegård (born 1970-01-01)")
  })

  it("reads a date of birth from an Excel serial in a numeric cell", () => {
    expect(valid(parse({ name: "A B", dateOfBirth: 32874 })).input.dateOfBirth).toBe("1990-01-01")
  })

  it("restores the leading zero of a number from a numeric cell", () => {
    const row = valid(parse({ name: "A B", ssn: 1912499975 }))
    expect(row.input).toMatchObject({ ssn: "01912499975", dateOfBirth: "2024-11-01" })
    expect(row.warnings.map((w) => w.code)).toEqual(["W_ZERO_RESTORED"])
  })

  it("passes the identifier warnings through (W_2032_RULE)", () => {
    // Skatteetaten's published 2032-rule example (identifiers.md §10.2).
    const row = valid(parse({ name: "A B", ssn: "30108299939" }))
    expect(row.input.dateOfBirth).toBe("1982-10-30")
    expect(row.warnings.map((w) => [w.code, w.field])).toEqual([["W_2032_RULE", "ssn"]])
  })

  it("takes the number from the generic identifier column too", () => {
    expect(valid(parse({ name: "A B", identifier: SSN })).input.ssn).toBe(SSN)
  })

  it("uses a single name part as the full name", () => {
    expect(valid(parse({ lastName: "Nordmann", ssn: SSN })).input).toMatchObject({ name: "Nordmann" })
  })

  it.each([
    [{ ssn: SSN }, "E_EMPTY", "name"],
    [{ firstName: " ", lastName: "", ssn: SSN }, "E_EMPTY", "name"],
    [{ name: "Kari Nordmann" }, "E_EMPTY", "ssn"],
    [{ name: "BjÃ¸rn Ã…sen", ssn: SSN }, "E_CHARSET", "name"],
    [{ firstName: "BjÃ¸rn", lastName: "Hansen", ssn: SSN }, "E_CHARSET", "firstName"],
    [{ name: "A B", ssn: "30108299921" }, "E_CHECKSUM", "ssn"],
    [{ name: "A B", ssn: "1912499975" }, "E_LENGTH", "ssn"],
    [{ name: "A B", ssn: "1583854999O" }, "E_CHARSET", "ssn"],
    [{ name: "A B", ssn: "31848549986" }, "E_DATE", "ssn"],
    [{ name: "A B", ssn: "02013299997" }, "E_FUTURE_DATE", "ssn"],
    [{ name: "A B", ssn: "15837080182" }, "E_CENTURY", "ssn"],
    [{ name: "A B", ssn: "1.58385E+10" }, "E_PRECISION_LOST", "ssn"],
    [{ name: "A B", dateOfBirth: "31.02.1990" }, "E_DATE", "dateOfBirth"],
    [{ name: "A B", dateOfBirth: "05/06/1990" }, "E_AMBIGUOUS", "dateOfBirth"],
    [{ name: "A B", dateOfBirth: "15.03.85" }, "E_DATE", "dateOfBirth"],
    [{ name: "A B", ssn: SSN, dateOfBirth: "2999-01-01" }, "E_FUTURE_DATE", "dateOfBirth"],
    // FH-numbers carry no date: one must be supplied.
    [{ name: "A B", ssn: "81234567802" }, "E_EMPTY", "dateOfBirth"]
  ] as const)("rejects %o with %s on %s", (values, code, field) => {
    expect(parse(values)).toMatchObject({ _tag: "Rejected", issue: { code, field } })
  })

  it("rejects synthetic numbers in production mode", () => {
    expect(parse({ name: "A B", ssn: SSN }, "production")).toMatchObject({
      issue: { code: "E_NOT_NATIONAL_ID" }
    })
  })

  it("masks the number in every rejection message", () => {
    const result = parse({ name: "A B", ssn: "15838549991" })
    expect(result._tag === "Rejected" && result.issue.message).toContain("158385*****")
    expect(JSON.stringify(result)).not.toContain("15838549991")
  })

  it("accepts an FH-number when a date of birth is supplied", () => {
    expect(
      valid(parse({ name: "A B", ssn: "81234567802", dateOfBirth: "1970-01-01" })).input.dateOfBirth
    ).toBe("1970-01-01")
  })
})

// Claims are tested against every adapter at once in test/adapters/rowRules.test.ts at the
// repository root.
describe("personNoAdapter.requestBody", () => {
  it("always sends the date of birth, and country NO with a number", () => {
    expect(
      personNoAdapter.requestBody({ name: "Kari Nordmann", ssn: SSN, dateOfBirth: "1985-03-15" }, {})
    ).toEqual({
      name: "Kari Nordmann",
      ssn: SSN,
      dateOfBirth: "1985-03-15",
      country: "NO",
      expands: ["keyInformation", "address.national", "aml", "roles", "links.reports.aml"],
      language: "en"
    })
    expect(
      personNoAdapter.requestBody({ firstName: "Kari", lastName: "Nordmann", dateOfBirth: "1985-03-15" }, {})
    ).not.toHaveProperty("country")
  })

  it("selects every expand of contract §5.4 and maps the aml report", () => {
    const input = { name: "A", dateOfBirth: "1970-01-01" }
    expect(
      personNoAdapter.requestBody(input, { expands: personNoAdapter.expands.all })["expands"]
    ).toHaveLength(11)
    expect(personNoAdapter.requestBody(input, { expands: ["aml"], reports: ["aml"] })["expands"]).toEqual([
      "aml",
      "links.reports.aml"
    ])
    // A report the adapter does not know is the API's to refuse (issue 12 part 2).
    expect(
      personNoAdapter.requestBody(input, { expands: ["aml"], reports: ["certificate_of_incorporation"] })[
        "expands"
      ]
    ).toEqual(["aml", "links.reports.certificate_of_incorporation"])
  })

  const bankid = WireProfile.BUILT_IN_PROFILES.bankid

  it("with the bankid profile splits a single name and sends only what the guides name", () => {
    expect(
      personNoAdapter.requestBody(
        { name: "Kari Anne Nordmann", ssn: SSN, dateOfBirth: "1985-03-15" },
        {},
        bankid
      )
    ).toEqual({
      firstName: "Kari Anne",
      lastName: "Nordmann",
      ssn: SSN,
      dateOfBirth: "1985-03-15",
      expands: ["keyInformation", "address.national", "aml", "roles", "links.reports.aml"],
      language: "en"
    })
  })

  it("nests the person under identifier and selects PDFs by the reports parameter when the profile says so", () => {
    const profile = { ...bankid, personShape: "nested" as const, pdfSelection: "both" as const }
    expect(
      personNoAdapter.requestBody(
        { name: "Nordmann, Kari", dateOfBirth: "1985-03-15" },
        { expands: ["aml"], reports: ["aml"] },
        profile
      )
    ).toEqual({
      identifier: { firstName: "Kari", lastName: "Nordmann", dateOfBirth: "1985-03-15" },
      expands: ["aml", "links.reports.aml"],
      reports: ["aml"],
      language: "en"
    })
    expect(
      personNoAdapter.requestBody(
        { name: "Kari", dateOfBirth: "1985-03-15" },
        { reports: [] },
        {
          ...profile,
          pdfSelection: "reports"
        }
      )
    ).toEqual({
      identifier: { lastName: "Kari", dateOfBirth: "1985-03-15" },
      expands: ["keyInformation", "address.national", "aml", "roles"],
      reports: [],
      language: "en"
    })
  })
})

describe("personNoAdapter.describe", () => {
  it("shows the national identity number, masked in identifierMasked, and the name", () => {
    const row = valid(parse({ firstName: "Kari", lastName: "Nordmann", ssn: SSN }))
    const described = personNoAdapter.describe(row.input)
    expect(described).toEqual({
      identifier: SSN,
      identifierMasked: "158385*****",
      name: "Kari Nordmann",
      country: "NO",
      kind: "person"
    })
    expect(described.identifierMasked).not.toContain(SSN.slice(6))
  })

  it("shows name and date of birth for a person looked up without a number", () => {
    const row = valid(parse({ name: "Kåre Ødegård", dateOfBirth: "1970-01-01" }))
    expect(personNoAdapter.describe(row.input)).toEqual({
      identifier: "Kåre Ødegård 1970-01-01",
      identifierMasked: "Kåre Ødegård 1970-01-01",
      name: "Kåre Ødegård",
      country: "NO",
      kind: "person"
    })
  })

  it("decodes an input stored as JSON back to what parseRow produced (inputSchema)", () => {
    const input = valid(parse({ firstName: "Kari", lastName: "Nordmann", ssn: SSN })).input
    const decode = Schema.decodeUnknownEither(Schema.parseJson(personNoAdapter.inputSchema))
    expect(decode(JSON.stringify(input))).toEqual(Either.right(input))
    expect(Either.isLeft(decode(JSON.stringify({ firstName: "Kari" })))).toBe(true)
  })
})
