import { type Adapter, Wire } from "@nordscreen/core"
import { describe, expect, it } from "vitest"
import { adapterCases } from "./support/adapterCases.js"

// The row rules every adapter shares through core/wire, with each adapter's own identifiers.
// What only one adapter does (sole traders, the 9-digit rule, derived birth dates, ...) is tested
// in its package.
const adapters = new Map(adapterCases.map(({ adapter }) => [adapter.id, adapter]))
const adapter = (id: string) => adapters.get(id)!

type Values = Parameters<typeof Wire.portfolioRow>[0]

// A Tenor-style synthetic fødselsnummer (month + 80): never a real person.
const SSN = "15838549990"

const accepted: ReadonlyArray<readonly [string, Values, string]> = [
  ["org-no", { organizationNumber: "923609016" }, "923609016"],
  ["org-no", { organizationNumber: "923 609 016" }, "923609016"],
  ["org-no", { organizationNumber: "NO 923 609 016 MVA" }, "923609016"],
  ["org-no", { organizationNumber: 923609016 }, "923609016"],
  ["org-no", { identifier: "923609016", country: "NO" }, "923609016"],
  ["org-no", { identifier: "923.609.016", country: "Norge" }, "923609016"],
  ["org-se", { organizationNumber: "556036-0793" }, "556036-0793"],
  ["org-se", { organizationNumber: "5560360793" }, "556036-0793"],
  ["org-se", { organizationNumber: 5560360793 }, "556036-0793"],
  ["org-se", { organizationNumber: "165560360793" }, "556036-0793"],
  ["org-se", { organizationNumber: "SE556036079301" }, "556036-0793"],
  ["org-se", { identifier: "556036-0793", country: "Sverige" }, "556036-0793"],
  ["org-fi", { organizationNumber: "0112038-9" }, "0112038-9"],
  ["org-fi", { organizationNumber: "112038-9" }, "0112038-9"],
  ["org-fi", { organizationNumber: "FI20774740" }, "2077474-0"],
  ["org-fi", { organizationNumber: "20774740" }, "2077474-0"],
  ["org-fi", { identifier: "2077474-0", country: "Suomi" }, "2077474-0"],
  ["org-dk", { organizationNumber: "31000017" }, "31000017"],
  ["org-dk", { organizationNumber: "31 00 00 17" }, "31000017"],
  ["org-dk", { organizationNumber: "31.000.017" }, "31000017"],
  ["org-dk", { organizationNumber: "DK31000017" }, "31000017"],
  ["org-dk", { organizationNumber: 31000017 }, "31000017"],
  ["org-dk", { identifier: "31000017", country: "Danmark" }, "31000017"]
]

const rejected: ReadonlyArray<readonly [string, Values, string, string]> = [
  ["org-no", { organizationNumber: "923609017" }, "E_CHECKSUM", "organizationNumber"],
  ["org-no", { organizationNumber: "912345670" }, "E_NO_CHECK_DIGIT", "organizationNumber"],
  ["org-no", { organizationNumber: "92360901" }, "E_LENGTH", "organizationNumber"],
  ["org-no", { organizationNumber: "923609O16" }, "E_CHARSET", "organizationNumber"],
  ["org-no", { organizationNumber: "9.23609E+8" }, "E_PRECISION_LOST", "organizationNumber"],
  ["org-no", { duns: "000000000" }, "E_PREFIX", "duns"],
  ["org-no", { duns: "0223841150000" }, "E_LENGTH", "duns"],
  ["org-no", { name: "Eksempel AS" }, "E_EMPTY", "organizationNumber"],
  ["org-no", { organizationNumber: "   " }, "E_EMPTY", "organizationNumber"],
  ["org-se", { organizationNumber: "556036-0794" }, "E_CHECKSUM", "organizationNumber"],
  ["org-se", { organizationNumber: "551234-5678" }, "E_PREFIX", "organizationNumber"],
  ["org-se", { organizationNumber: "0520000142" }, "E_PREFIX", "organizationNumber"],
  ["org-se", { organizationNumber: "175560360793" }, "E_PREFIX", "organizationNumber"],
  ["org-se", { organizationNumber: "55603607" }, "E_LENGTH", "organizationNumber"],
  ["org-se", { organizationNumber: "SE556036079302" }, "E_PREFIX", "organizationNumber"],
  ["org-se", { organizationNumber: "1.65560E+11" }, "E_PRECISION_LOST", "organizationNumber"],
  ["org-se", { organizationNumber: "556O36-0793" }, "E_CHARSET", "organizationNumber"],
  ["org-se", { duns: "15-048-378X" }, "E_CHARSET", "duns"],
  ["org-se", { name: "Saab" }, "E_EMPTY", "organizationNumber"],
  ["org-fi", { organizationNumber: "2077474-1" }, "E_CHECKSUM", "organizationNumber"],
  ["org-fi", { organizationNumber: "0000006-1" }, "E_NO_CHECK_DIGIT", "organizationNumber"],
  ["org-fi", { organizationNumber: "2077474" }, "E_LENGTH", "organizationNumber"],
  ["org-fi", { organizationNumber: "FI2077474" }, "E_LENGTH", "organizationNumber"],
  ["org-fi", { organizationNumber: "2077474-A" }, "E_CHARSET", "organizationNumber"],
  ["org-fi", { country: "FI" }, "E_EMPTY", "organizationNumber"],
  ["org-dk", { organizationNumber: "31000018" }, "E_CHECKSUM", "organizationNumber"],
  ["org-dk", { organizationNumber: "27182810" }, "E_NO_CHECK_DIGIT", "organizationNumber"],
  ["org-dk", { organizationNumber: "01000017" }, "E_PREFIX", "organizationNumber"],
  ["org-dk", { organizationNumber: "3100001" }, "E_LENGTH", "organizationNumber"],
  ["org-dk", { organizationNumber: "3100001O" }, "E_CHARSET", "organizationNumber"],
  ["org-dk", { organizationNumber: "3.1E+7" }, "E_PRECISION_LOST", "organizationNumber"],
  ["org-dk", { country: "DK" }, "E_EMPTY", "organizationNumber"]
]

// The same row put to every adapter: the runner takes the single explicit claim, else the single
// likely one.
const claims: ReadonlyArray<
  readonly [Values, Adapter.Claim, Adapter.Claim, Adapter.Claim, Adapter.Claim, Adapter.Claim]
> = [
  [{ type: "Organisasjon", country: "Norge", identifier: "923609016" }, "explicit", "no", "no", "no", "no"],
  [{ type: "company", country: "NO", identifier: "x" }, "explicit", "no", "no", "no", "no"],
  [
    { type: "foretak", country: "Norway", organizationNumber: "923609016" },
    "explicit",
    "no",
    "no",
    "no",
    "no"
  ],
  [{ country: "NO", organizationNumber: "923609016" }, "explicit", "no", "no", "no", "no"],
  [{ identifier: "923609016" }, "likely", "no", "no", "no", "no"],
  [{ organizationNumber: "NO923609016MVA" }, "likely", "no", "no", "no", "no"],
  [{ duns: "150483782" }, "likely", "no", "no", "no", "no"],
  [{ type: "selskap", identifier: "923609016" }, "likely", "no", "no", "no", "no"],
  [{ type: "person", country: "NO", identifier: "923609016" }, "no", "no", "no", "no", "explicit"],
  [{ type: "organization", country: "Sverige", identifier: "923609016" }, "no", "explicit", "no", "no", "no"],
  // In Denmark 9 digits is a DUNS number.
  [{ country: "DK", identifier: "923609016" }, "no", "no", "no", "likely", "no"],
  [
    { type: "Selskab", country: "Danmark", organizationNumber: "31000017" },
    "no",
    "no",
    "no",
    "explicit",
    "no"
  ],
  [{ type: "foretak", country: "Danmark", identifier: "31000017" }, "no", "no", "no", "explicit", "no"],
  [{ type: "company", country: "Denmark", identifier: "DK31000017" }, "no", "no", "no", "explicit", "no"],
  [{ country: "DK", duns: "150483782" }, "no", "no", "no", "explicit", "no"],
  [{ identifier: "DK 31 00 00 17" }, "no", "no", "no", "likely", "no"],
  // 8 bare digits: a Y-tunnus without hyphen or a CVR number; the runner calls it E_AMBIGUOUS.
  [{ identifier: "31000017" }, "no", "no", "likely", "likely", "no"],
  [{ identifier: "01120389" }, "no", "no", "likely", "no", "no"],
  [{ identifier: "31000017", country: "Suomi" }, "no", "no", "likely", "no", "no"],
  [
    { type: "selskab", country: "Norge", organizationNumber: "923609016" },
    "explicit",
    "no",
    "no",
    "no",
    "no"
  ],
  [{ type: "person", country: "DK", ssn: SSN }, "no", "no", "no", "no", "no"],
  [{ identifier: "556036-0793" }, "no", "likely", "no", "no", "no"],
  [{ ssn: SSN }, "no", "no", "no", "no", "likely"],
  [{ duns: "150483782", country: "SE" }, "no", "explicit", "no", "no", "no"],
  [{ type: "företag", country: "Sverige", identifier: "556036-0793" }, "no", "explicit", "no", "no", "no"],
  [{ type: "organisation", country: "SE", organizationNumber: "x" }, "no", "explicit", "no", "no", "no"],
  [{ country: "Sweden", duns: "150483782" }, "no", "explicit", "no", "no", "no"],
  [{ identifier: "SE556036079301" }, "no", "likely", "no", "no", "no"],
  [{ identifier: "150483782", country: "SE" }, "no", "likely", "no", "no", "no"],
  [{ identifier: "150483782" }, "likely", "no", "no", "no", "no"],
  [{ type: "person", country: "SE", identifier: "000101-2384" }, "no", "no", "no", "no", "no"],
  [{ country: "NO", identifier: "556036-0793" }, "no", "no", "no", "no", "no"],
  [{ type: "yritys", country: "Suomi", identifier: "2077474-0" }, "no", "no", "explicit", "no", "no"],
  [{ type: "company", country: "Finland", identifier: "2077474-0" }, "no", "no", "explicit", "no", "no"],
  [{ identifier: "2077474-0" }, "no", "no", "likely", "no", "no"],
  [{ identifier: "FI20774740" }, "no", "no", "likely", "no", "no"],
  [{ identifier: "150483782", country: "FI" }, "no", "no", "likely", "no", "no"],
  [{ identifier: "131052-308T" }, "no", "no", "no", "no", "no"],
  [{ type: "henkilö", country: "FI", identifier: "2077474-0" }, "no", "no", "no", "no", "no"],
  [{ type: "person", country: "NO", name: "A" }, "no", "no", "no", "no", "explicit"],
  [{ type: "Privatperson", country: "Norge", ssn: SSN }, "no", "no", "no", "no", "explicit"],
  [{ type: "henkilö", country: "Norway", ssn: SSN }, "no", "no", "no", "no", "explicit"],
  [{ country: "NO", ssn: SSN, name: "A" }, "no", "no", "no", "no", "explicit"],
  [{ identifier: SSN, name: "A" }, "no", "no", "no", "no", "likely"],
  [{ type: "individual", identifier: SSN }, "no", "no", "no", "no", "likely"],
  [{ name: "A B", dateOfBirth: "1970-01-01" }, "no", "no", "no", "no", "likely"],
  [{ type: "person", country: "SE", ssn: SSN }, "no", "no", "no", "no", "no"],
  [{ type: "company", country: "NO", ssn: SSN }, "explicit", "no", "no", "no", "no"],
  [{ organizationNumber: "923609016", name: "A" }, "likely", "no", "no", "no", "no"],
  [{ identifier: "000101-2384" }, "no", "no", "no", "no", "no"]
]

describe("parseRow", () => {
  it.each(accepted)("%s accepts %o as %s", (id, values, expected) => {
    expect(adapter(id).parseRow(Wire.portfolioRow(values), "test")).toEqual({
      _tag: "Valid",
      input: { identifier: expected },
      entityKey: `${id}:${expected}`,
      subject: expected,
      warnings: []
    })
  })

  it.each(rejected)("%s rejects %o with %s on %s", (id, values, code, field) => {
    expect(adapter(id).parseRow(Wire.portfolioRow(values), "test")).toMatchObject({
      _tag: "Rejected",
      issue: { code, field }
    })
  })
})

describe("claim", () => {
  // A portfolio names kinds in its own language: every adapter reads every adapter's words.
  const vocabulary = Wire.rowVocabulary(adapterCases.map(({ adapter }) => adapter))
  it.each(claims)("%o → org-no %s, org-se %s, org-fi %s, org-dk %s, person-no %s", (values, ...expected) => {
    expect(adapterCases.map(({ adapter }) => adapter.claim(Wire.portfolioRow(values), vocabulary))).toEqual(
      expected
    )
  })
})

describe("requestBody", () => {
  it.each([
    ["org-no", "923609016"],
    ["org-se", "556036-0793"],
    ["org-fi", "2077474-0"],
    ["org-dk", "31000017"]
  ])(
    "%s posts %s to its national endpoint with its nationality and the default expands",
    (id, identifier) => {
      const { country, sessionPath, expands, requestBody } = adapter(id)
      expect(sessionPath).toBe(`/organization/session/${country.toLowerCase()}`)
      expect(requestBody({ identifier }, { language: "en" })).toEqual({
        identifier,
        nationality: country,
        expands: expands.defaults,
        language: "en"
      })
    }
  )
})
