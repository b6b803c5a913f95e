// §9.1/§9.6 documented values and formats, over fixtures and synthetic records of §14.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Aml, discover, token } from "./support/aml.js"
import { isObject, type Json } from "./support/http.js"
import { norwegianOrganizationNumbers, syntheticSsns } from "./support/identifiers.js"
import { runToDone } from "./support/session.js"
import { check, organizationResultNO, personResultNO } from "./support/shapes.js"
import { dataElements, ORG_EXPANDS as ALL_ORG, PERSON_EXPANDS as ALL_PERSON } from "./support/expands.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

const ORG_EXPANDS = dataElements(ALL_ORG)
const PERSON_EXPANDS = dataElements(ALL_PERSON)

const oneOf =
  (...values: ReadonlyArray<string>) =>
  (v: unknown): boolean =>
    typeof v === "string" && values.includes(v)
const matches =
  (re: RegExp) =>
  (v: unknown): boolean =>
    typeof v === "string" && re.test(v)
const between =
  (lo: number, hi: number) =>
  (v: unknown): boolean =>
    typeof v === "number" && v >= lo && v <= hi

const DATE = matches(/^\d{4}-\d\d-\d\d$/)
const DATE_TIME = matches(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/)
const SOURCES = oneOf(
  "BRREG",
  "BISNODE",
  "GLEIF",
  "NO_NATIONAL_REGISTRY",
  "NO_BANK_ID",
  "UN_CONSOLIDATED",
  "EU_GLOBAL",
  "HMTREASURY",
  "OFAC",
  "PEP_AC",
  "PEP_EDGE"
)
const ORG_TYPES_NO = oneOf(
  ..."LIMITED_COMPANY PUBLIC_LIMITED_COMPANY SOLE_PROPRIETORSHIP GENERAL_PARTNERSHIP GENERAL_PARTNERSHIP_WITH_SHARED_LIABILITY LIMITED_PARTNERSHIP COOPERATIVE HOUSING_COOPERATIVE HOUSE_BUILDING_COOPERATIVE CONDOMINIUM_FLAT_OWNER ASSOCIATION_CLUB_ORGANIZATION FOUNDATION SAVINGS_BANK MUTUAL_INSURANCE_COMPANY PENSION_FUND STATE MUNICIPALITY COUNTY_MUNICIPALITY MUNICIPAL_BUSINESS_ENTERPRISE COUNTY_MUNICIPAL_BUSINESS_ENTERPRISE INTERMUNICIPAL_COMPANY PUBLIC_CORPORATION ADMINISTRATIVE_ENTITY_PUBLIC_SECTOR HEALTH_AUTHORITIES_AND_HEALTH_TRUSTS REGIONAL_HEALTH_AUTHORITIES_AND_HEALTH_TRUSTS THE_CHURCH_OF_NORWAY EUROPEAN_COMPANY EUROPEAN_COOPERATIVE_SOCIETY EUROPEAN_ECONOMIC_ENTERPRISE_GROUP NORWEGIAN_REGISTERED_FOREIGN_BUSINESS JOINTLY_OWNED_SHIPPING_COMPANY JOINT_OWNERSHIP_ACCORDING_TO_THE_LAW_OF_PROPERTY JOINT_OFFICE BANKRUPT_ESTATE OTHER_ESTATES OTHER_BODY_CORPORATE OTHER_NONBODY_CORPORATE SPECIALLY_SECTIONED_UNIT ORGANIZATIONAL_SECTION OTHER_INDIVIDUALS_REGISTERED_IN_AFFILIATED_REGISTER COMPANY_WITH_LIMITED_LIABILITY".split(
    " "
  )
)
const ROLES = oneOf(
  ..."CEO CHAIRMAN_OF_THE_BOARD DEPUTY_CHAIRMAN_OF_THE_BOARD BOARD_MEMBER DEPUTY_BOARD_MEMBER EMPLOYEES_REPRESENTATIVE OBSERVER CONTACT LIABLE_PARTNER COMPANY_SECRETARY REPRESENTATIVE_FOREIGN_ENTITY AUDITOR AUDIT_EXEMPTION CERTIFIED_ACCOUNTANT PROPRIETOR TRUSTEE UNKNOWN PARTICIPANT_WITH_SHARED_LIABILITY PARTICIPANT_WITH_UNLIMITED_LIABILITY MANAGING_OWNER OWNERSHIP_COUNTY COMPLEMENTARY JOINT_OWNER".split(
    " "
  )
)

type Rule = readonly [RegExp, (v: unknown) => boolean]

const COMMON: ReadonlyArray<Rule> = [
  [/\.(metadata|metaData)\.sources\[\]$/, SOURCES],
  [/(Results)\[\]\.provider$/, oneOf("TRAPETS")],
  [/Results\[\]\.matchIndicator$/, between(0, 500)],
  [/Results\[\]\.nameMatchValue$/, between(0, 1)],
  [/\.(registeredDate|establishedDate|dateOfBirth|deceasedDate|birthDate)$/, DATE],
  [/\.(lastChanged|firstUpdate|lastUpdate)$/, DATE_TIME]
]
const ORGANIZATION: ReadonlyArray<Rule> = [
  ...COMMON,
  [/^keyInformation\.organizationType$/, ORG_TYPES_NO],
  [/^roles\[\]\.role$/, ROLES],
  [
    /^ownership\.beneficials\[\]\.reason$/,
    oneOf(
      "DIRECT_OWNERSHIP",
      "INDIRECT_CONTROL_OR_OWNERSHIP",
      "ROLE_IN_FOUNDATION",
      "INDIRECT_CONTROL_THROUGH_FOUNDATION_ROLE",
      "VOTING_RIGHTS",
      "VOTING_RIGHTS_AND_DIRECT_OWNERSHIP"
    )
  ],
  [/^(signatureRights|procuration)\.status$/, oneOf("CONCLUSIVE", "IN_CONCLUSIVE", "NOT_SET")],
  [
    /^(signatureRights|procuration)\.remarks\[\]\.category$/,
    oneOf("EXCEPTIONS_POSSIBLE", "SUPPLEMENTED", "INCOMPLETE_DATA")
  ],
  [/^ownership\.shareholders\[\]\.type$/, oneOf("PERSON", "ORGANIZATION")],
  [/^aml\.status$/, oneOf("NONE", "SANCTION", "UNKNOWN")],
  [/(^keyInformation|Address|^roles\[\])\.country$/, matches(/^[A-Z]{2}$/)],
  [/\.(percentageControl|integratedOwnership|percentage)$/, between(0, 100)],
  [/^(?!financials\.).*\.accountingYear$/, () => false]
]
const PERSON: ReadonlyArray<Rule> = [
  ...COMMON,
  [/^keyInformation\.gender$/, oneOf("Male", "Female", "Unknown")],
  [
    /^address\.national\.personStatus$/,
    oneOf(
      ..."RESIDENT RELOCATED EMIGRATED DISAPPEARED DECEASED SSN_EXPIRED REGISTERED_AT_BIRTH ANNULLED_ACCESS UNREGISTERED NOT_FOUND UNKNOWN".split(
        " "
      )
    )
  ],
  [
    /^address\.national\.addressStatus$/,
    oneOf(
      ..."ORDINARY_RESIDENT ABROAD MILITARY SVALBARD CLIENT_ADDRESS NO_PERMANENT_RESIDENCE RESTRICTED_CONFIDENTIAL RESTRICTED_STRICTLY_CONFIDENTIAL COMMUTER UNKNOWN".split(
        " "
      )
    )
  ],
  [
    /\.numberOfResidents\.houseType$/,
    oneOf(
      "DetachedHouse",
      "Duplex",
      "Terraced",
      "Unused",
      "Apartment",
      "OfficePublicStudentHouseOrOthers",
      "Other"
    )
  ],
  [/^address\.matchStatus$/, oneOf("Equal", "NonEqual")],
  [/^aml\.status$/, oneOf("NONE", "PEP", "SANCTION", "PEP_AND_SANCTION", "UNKNOWN")],
  [/^aml\.list\[\]$/, oneOf("UN_CONSOLIDATED", "EU_GLOBAL", "HMTREASURY", "OFAC", "PEP_AC", "PEP_EDGE")],
  [/\.accountingYear$/, () => false]
]

const leaves = (value: unknown, path: string, out: Array<[string, unknown]>): Array<[string, unknown]> => {
  if (Array.isArray(value)) for (const item of value) leaves(item, `${path}[]`, out)
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) leaves(v, path === "" ? k : `${path}.${k}`, out)
  else if (value !== null) out.push([path, value])
  return out
}

const violations = (json: Json, rules: ReadonlyArray<Rule>): Array<string> =>
  leaves(json, "", []).flatMap(([path, value]) =>
    rules.filter(([re, ok]) => re.test(path) && !ok(value)).map(() => `${path} = ${JSON.stringify(value)}`)
  )

let sim: RunningSimulator
let aml: Aml

beforeAll(async () => {
  sim = await startSimulatorProcess({ args: ["--pep-rate", "0.5", "--sanction-rate", "0.5"] })
  const disco = await discover(sim.url)
  aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
})
afterAll(async () => {
  await sim?.stop()
})

const unique = (lines: ReadonlyArray<string>): Array<string> => [...new Set(lines)].sort()

describe("documented values (§9.6) and formats (§9.1)", () => {
  it("NO organizations: fixtures and 30 synthetic records", async () => {
    const identifiers = [
      "910000012",
      "910000020",
      "910000039",
      "910000047",
      "910000055",
      "910000063",
      "910000071",
      "150000001",
      ...norwegianOrganizationNumbers(92345670, 30)
    ]
    const docs = await Promise.all(
      identifiers.map((identifier) =>
        runToDone(aml, "/organization/session/no", { identifier, nationality: "NO", expands: ORG_EXPANDS })
      )
    )
    expect(unique(docs.flatMap((d) => check(organizationResultNO, d.json)))).toEqual([])
    expect(unique(docs.flatMap((d) => violations(d.json, ORGANIZATION)))).toEqual([])
    const lei = docs.map((d) => d.json).filter((j) => isObject(j["lei"]))
    for (const json of lei) {
      const fromLei = isObject(json["lei"]) ? json["lei"]["leiNumber"] : undefined
      const fromKey = isObject(json["keyInformation"]) ? json["keyInformation"]["leiNumber"] : undefined
      expect(fromKey ?? null, "keyInformation.leiNumber = lei.leiNumber (§5.2)").toEqual(fromLei ?? null)
    }
  })

  it("NO persons: fixtures and 15 synthetic records", async () => {
    const people = [
      ..."12858840099 15837512481 52898011143 07877123493 22815834589 03826421087"
        .split(" ")
        .map((ssn) => ({ ssn })),
      ...syntheticSsns(15)
    ]
    const docs = await Promise.all(
      people.map((p) =>
        runToDone(aml, "/person/session/no", {
          firstName: "Test",
          lastName: "Person",
          ...p,
          expands: PERSON_EXPANDS
        })
      )
    )
    expect(unique(docs.flatMap((d) => check(personResultNO, d.json)))).toEqual([])
    expect(unique(docs.flatMap((d) => violations(d.json, PERSON)))).toEqual([])
    for (const [i, d] of docs.entries()) {
      const key = isObject(d.json["keyInformation"]) ? d.json["keyInformation"] : {}
      const person = people[i]
      expect(key["ssn"], "keyInformation.ssn echoes the query").toBe(person?.ssn)
      if (person !== undefined && "dateOfBirth" in person)
        expect(key["dateOfBirth"], `birth date derived from ${person.ssn} (§12)`).toBe(person.dateOfBirth)
      const address = isObject(d.json["address"]) ? d.json["address"] : {}
      for (const part of ["national", "postal"]) {
        const node = address[part]
        expect(isObject(node) ? node : {}, `address.${part}.numberOfResidents (§5.4)`).toHaveProperty(
          "numberOfResidents"
        )
      }
    }
  })

  it("address sub-expands deliver only what was asked (§5.4)", async () => {
    const done = await runToDone(aml, "/person/session/no", {
      name: "Marte Nygaard",
      ssn: "12858840099",
      expands: ["address.national"]
    })
    const address = isObject(done.json["address"]) ? done.json["address"] : {}
    expect(Object.keys(address).filter((k) => k !== "matchStatus")).toEqual(["national"])
    expect(address["national"]).not.toHaveProperty("numberOfResidents")
  })

  it("language defaults to en (§5.1)", async () => {
    const body = { identifier: "910000012", nationality: "NO", expands: ["ownership.beneficials"] }
    const plain = await runToDone(aml, "/organization/session/no", body)
    const english = await runToDone(aml, "/organization/session/no", { ...body, language: "en" })
    expect(plain.json).toEqual(english.json)
  })
})
