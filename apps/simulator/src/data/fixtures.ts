import type { Country, FailureCode } from "./types.js"

export type FixtureOutcome =
  | "CLEAN"
  | "SANCTION"
  | "PEP"
  | "PEP_AND_SANCTION"
  | "NO_BENEFICIALS"
  | "BANKRUPT"
  | "BANKRUPT_ESTATE"
  | "UNDER_LIQUIDATION"
  | "DISSOLVED"
  | "DECEASED"
  | "EMIGRATED"
  | "FUZZY_HITS"
  | "NO_ADDRESS_EXPIRED_PEP"
  | "UN_SANCTION"
  | FailureCode

/** One screening hit pinned by a fixture (BankID's test subjects describe theirs hit by hit). */
export interface HitPin {
  readonly matchIndicator: number
  /** The listed name when it differs from the subject's (fuzzy-search hits). */
  readonly name?: string
  /** Sanction hits: the one list the hit comes from. */
  readonly list?: "EU_GLOBAL" | "UN_CONSOLIDATED" | "HMTREASURY"
  readonly comment?: string
}

export interface Fixture {
  /** Normalized as the server passes it: NO 9 digits, SE `NNNNNN-NNNN`, FI `NNNNNNN-N`, DK 8 digits, ssn 11 digits. */
  readonly identifier: string
  readonly resource: "organization" | "person"
  readonly country: Country
  /** Organizations only. */
  readonly identifierType?: "ORGANIZATION_NUMBER" | "DUNS"
  readonly outcome: FixtureOutcome
  readonly description: string
  readonly name?: string
  /** Persons: the birth date encoded in the (synthetic) number. */
  readonly dateOfBirth?: string
  /** One of BankID's published test subjects (bankid-aml-api.md §16.7), not a synthetic number. */
  readonly bankIdTestSubject?: true
  /** Organizations: the national legal-form code (`AS`, `NUF`, `ENK`, `FLI`). */
  readonly legalForm?: string
  /** Persons: the screening hits, hit by hit, instead of those the outcome draws. */
  readonly hits?: { readonly pep: ReadonlyArray<HitPin>; readonly sanction: ReadonlyArray<HitPin> }
  /** Persons: the registry holds neither a national nor a postal address. */
  readonly noAddress?: true
}

const org = (
  country: Country,
  identifier: string,
  outcome: FixtureOutcome,
  description: string,
  name?: string,
  identifierType: "ORGANIZATION_NUMBER" | "DUNS" = "ORGANIZATION_NUMBER"
): Fixture => ({
  identifier,
  resource: "organization",
  country,
  identifierType,
  outcome,
  description,
  ...(name === undefined ? {} : { name })
})

const person = (
  identifier: string,
  outcome: FixtureOutcome,
  description: string,
  dateOfBirth: string,
  name?: string
): Fixture => ({
  identifier,
  resource: "person",
  country: "NO",
  outcome,
  description,
  dateOfBirth,
  ...(name === undefined ? {} : { name })
})

/** BankID's published test organisations (§16.7): their numbers fail mod-11, yet the test environment knows them. */
const bankIdOrg = (identifier: string, name: string, legalForm: string): Fixture => ({
  ...org("NO", identifier, "CLEAN", `BankID test subject: ${legalForm}, no sanction hit`, name),
  bankIdTestSubject: true,
  legalForm
})

/** BankID's published test persons (§16.7), all born 2007-01-01. */
const bankIdPerson = (
  identifier: string,
  name: string,
  outcome: FixtureOutcome,
  description: string,
  pinned: Pick<Fixture, "hits" | "noAddress">
): Fixture => ({
  ...person(identifier, outcome, `BankID test subject: ${description}`, "2007-01-01", name),
  bankIdTestSubject: true,
  ...pinned
})

/** Identifiers with pinned outcomes, independent of seed and rates (src/data/README.md documents them).
 * Person numbers are Tenor-style synthetic (month + 80) and can never belong to a real person, except
 * BankID's published test subjects (public test data of BankID's test environment, §16.7). */
export const FIXTURES: ReadonlyArray<Fixture> = [
  org(
    "NO",
    "910000012",
    "CLEAN",
    "Active AS, majority owner as beneficial owner, no sanction hit",
    "FJORDLYS TEKNIKK AS"
  ),
  org(
    "NO",
    "910000020",
    "SANCTION",
    "Active AS whose own name is on sanction lists: aml.status SANCTION",
    "NORDKAPP HANDEL AS"
  ),
  org(
    "NO",
    "910000039",
    "NO_BENEFICIALS",
    "ASA with dispersed ownership: ownership.beneficials is []",
    "VESTKYST INVEST ASA"
  ),
  org(
    "NO",
    "910000047",
    "BANKRUPT",
    "Bankrupt AS: statusCodes [BANKRUPT], trustee in roles",
    "SOLBAKKEN BYGG AS"
  ),
  org(
    "NO",
    "910000055",
    "BANKRUPT_ESTATE",
    "Bankruptcy estate: organizationType BANKRUPT_ESTATE",
    "SOLBAKKEN BYGG AS KONKURSBO"
  ),
  org("NO", "910000063", "DISSOLVED", "Dissolved AS: statusCodes [DISSOLVED]", "ELVEBREDD KONSULT AS"),
  org(
    "NO",
    "910000071",
    "UNDER_LIQUIDATION",
    "AS under liquidation: statusCodes [UNDER_LIQUIDATION]",
    "HAVBRIS MARIN AS"
  ),
  org(
    "NO",
    "150000001",
    "CLEAN",
    "DUNS-identified NO company (fails mod-11, so DUNS on /no)",
    "LYNGHEIM TRANSPORT AS",
    "DUNS"
  ),
  org("NO", "910000098", "ORGANIZATION_NOT_FOUND", "Valid number, no such organization: session FAILED"),
  org("NO", "910000101", "SOURCE_UNAVAILABLE", "Registry source always unavailable: session FAILED"),
  org("NO", "910000128", "TIMEOUT", "Upstream always times out: session FAILED"),
  org("NO", "810000015", "INTERNAL_ERROR", "Always fails with INTERNAL_ERROR: session FAILED"),
  org(
    "SE",
    "559100-0012",
    "CLEAN",
    "Swedish aktiebolag, national formats and nationalFields",
    "Fjällbacka Verkstad AB"
  ),
  org("SE", "559100-0038", "SANCTION", "Swedish aktiebolag with a sanction hit", "Östkust Handel AB"),
  org("SE", "559100-0020", "ORGANIZATION_NOT_FOUND", "Valid SE number, no such organization"),
  org(
    "FI",
    "3100001-1",
    "CLEAN",
    "Finnish osakeyhtiö, national formats and nationalFields",
    "Koivulahti Rakennus Oy"
  ),
  org("FI", "3100003-8", "ORGANIZATION_NOT_FOUND", "Valid Y-tunnus, no such organization"),
  org(
    "DK",
    "31000017",
    "CLEAN",
    "Danish anpartsselskab, CVR number, nationalFields",
    "Bøgely Rådgivning ApS"
  ),
  org("DK", "31000025", "SANCTION", "Danish anpartsselskab with a sanction hit", "Havblik Handel ApS"),
  org(
    "DK",
    "31000033",
    "BANKRUPT",
    "Danish company under bankruptcy: statusCodes [UNDER KONKURS], trustee in roles",
    "Lyngholm Byg ApS"
  ),
  org("DK", "31000041", "ORGANIZATION_NOT_FOUND", "Valid CVR number, no such organization"),
  person(
    "12858840099",
    "CLEAN",
    "Resident person without PEP or sanction hits",
    "1988-05-12",
    "Marte Nygaard"
  ),
  person(
    "15837512481",
    "PEP",
    "PEP hit with matchIndicator 500 when queried by ssn",
    "1975-03-15",
    "Ingrid Fjellstad"
  ),
  person(
    "52898011143",
    "SANCTION",
    "D-number (synthetic); sanction hits with several addressList entries",
    "1980-09-12",
    "Sander Kvarme"
  ),
  person(
    "07877123493",
    "PEP_AND_SANCTION",
    "Both PEP and sanction hits: status PEP_AND_SANCTION",
    "1971-07-07",
    "Tone Eikeland"
  ),
  person(
    "22815834589",
    "DECEASED",
    "personStatus DECEASED in address.national",
    "1958-01-22",
    "Arne Solvang"
  ),
  person(
    "03826421087",
    "EMIGRATED",
    "personStatus EMIGRATED, addressStatus ABROAD",
    "1964-02-03",
    "Linn Haugland"
  ),
  person(
    "06834515189",
    "PERSON_NOT_FOUND",
    "Valid synthetic number, no such person: session FAILED",
    "1945-03-06"
  ),
  person(
    "17897322269",
    "SOURCE_UNAVAILABLE",
    "Registry source always unavailable: session FAILED",
    "1973-09-17"
  ),
  bankIdPerson(
    "01010750160",
    "Tomas Topstad",
    "PEP_AND_SANCTION",
    "sanction and PEP hits with different matchIndicator",
    { hits: { pep: [{ matchIndicator: 500 }], sanction: [{ matchIndicator: 350, list: "EU_GLOBAL" }] } }
  ),
  bankIdPerson("01010750241", "Kari Klaven", "CLEAN", "empty AML: no PEP or sanction hits", {
    hits: { pep: [], sanction: [] }
  }),
  bankIdPerson(
    "01010750322",
    "Kris Psa Granum",
    "FUZZY_HITS",
    "fuzzy-search hits on similar names (the query must spell the name exactly)",
    {
      hits: {
        pep: [
          { matchIndicator: 210, name: "Kris Granum" },
          { matchIndicator: 150, name: "Chris P. Granum" }
        ],
        sanction: [{ matchIndicator: 120, name: "Kristian Granum", list: "HMTREASURY" }]
      }
    }
  ),
  bankIdPerson(
    "01010751388",
    "Morten Holm",
    "NO_ADDRESS_EXPIRED_PEP",
    "no national or postal address; a PEP hit whose comment says it expired",
    {
      hits: {
        pep: [
          {
            matchIndicator: 500,
            comment: "Expired: the person no longer holds the position (PEP status expired)."
          }
        ],
        sanction: []
      },
      noAddress: true
    }
  ),
  bankIdPerson("01010751469", "Mia Holm", "UN_SANCTION", "one sanction hit from UN_CONSOLIDATED", {
    hits: { pep: [], sanction: [{ matchIndicator: 500, list: "UN_CONSOLIDATED" }] }
  }),
  bankIdOrg("123456789", "Utleie Gruppen AS", "AS"),
  bankIdOrg("234567891", "TEST2", "AS"),
  bankIdOrg("345678912", "Test3", "NUF"),
  bankIdOrg("456789123", "HANSEN LEIF", "ENK"),
  bankIdOrg("567891234", "FRIVILLIG SOL", "FLI")
]

const BANKID_TEST_ORGANIZATION_NUMBERS: ReadonlySet<string> = new Set(
  FIXTURES.filter((f) => f.resource === "organization" && f.bankIdTestSubject === true).map(
    (f) => f.identifier
  )
)

/** BankID's test organisation numbers on `/no`: organization numbers although they fail mod-11. */
export const isBankIdTestOrganizationNumber = (value: string): boolean =>
  BANKID_TEST_ORGANIZATION_NUMBERS.has(value)

const digitsOnly = (value: string): string => value.replace(/\D/g, "")

const ORGANIZATION_FIXTURES = new Map(
  FIXTURES.filter((f) => f.resource === "organization").map((f) => [
    `${f.country}|${f.identifierType}|${digitsOnly(f.identifier)}`,
    f
  ])
)

const PERSON_FIXTURES = new Map(FIXTURES.filter((f) => f.resource === "person").map((f) => [f.identifier, f]))

const nameKey = (name: string, dateOfBirth: string): string =>
  `${name.trim().toLowerCase().replace(/\s+/g, " ")}|${dateOfBirth}`

const PERSON_FIXTURES_BY_NAME = new Map(
  FIXTURES.flatMap((f) =>
    f.resource === "person" && f.name !== undefined && f.dateOfBirth !== undefined
      ? [[nameKey(f.name, f.dateOfBirth), f] as const]
      : []
  )
)

export const organizationFixture = (
  country: Country,
  identifierType: string,
  identifier: string
): Fixture | undefined => ORGANIZATION_FIXTURES.get(`${country}|${identifierType}|${digitsOnly(identifier)}`)

/** By ssn, or (for name + birth-date queries) by full name and birth date. */
export const personFixture = (
  ssn: string | null,
  name: string,
  dateOfBirth: string | null
): Fixture | undefined =>
  ssn !== null
    ? PERSON_FIXTURES.get(digitsOnly(ssn))
    : dateOfBirth === null
      ? undefined
      : PERSON_FIXTURES_BY_NAME.get(nameKey(name, dateOfBirth))

export const isFailure = (outcome: FixtureOutcome): outcome is FailureCode =>
  outcome === "ORGANIZATION_NOT_FOUND" ||
  outcome === "PERSON_NOT_FOUND" ||
  outcome === "SOURCE_UNAVAILABLE" ||
  outcome === "TIMEOUT" ||
  outcome === "INTERNAL_ERROR"
