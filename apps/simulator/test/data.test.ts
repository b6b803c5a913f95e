import { describe, expect, it } from "vitest"
import {
  type DataOptions,
  FIXTURES,
  type Lookup,
  lookupOrganization,
  lookupPerson,
  ORGANIZATION_EXPANDS,
  type OrganizationQuery,
  PERSON_EXPANDS,
  type PersonQuery
} from "../src/data/index.js"

const OPTIONS: DataOptions = { seed: 42, pepRate: 0.1, sanctionRate: 0.05 }
const NO_HITS: DataOptions = { seed: 42, pepRate: 0, sanctionRate: 0 }
const ALL_HITS: DataOptions = { seed: 42, pepRate: 1, sanctionRate: 1 }

const orgQuery = (identifier: string, overrides: Partial<OrganizationQuery> = {}): OrganizationQuery => ({
  country: "NO",
  identifier,
  identifierType: "ORGANIZATION_NUMBER",
  expands: ORGANIZATION_EXPANDS,
  ofac: false,
  language: "en",
  ...overrides
})

const personQuery = (overrides: Partial<PersonQuery> = {}): PersonQuery => ({
  firstName: "Kari",
  lastName: "Nordmann",
  name: null,
  ssn: null,
  dateOfBirth: "1970-01-01",
  country: "NO",
  matchMode: "exact",
  expands: PERSON_EXPANDS,
  ofac: false,
  nationalRegistry: true,
  language: "en",
  ...overrides
})

type Doc = Record<string, unknown>

const found = (lookup: Lookup): Doc => {
  if (lookup._tag !== "Found") throw new Error(`expected Found, got ${lookup.errorCode}`)
  return lookup.result
}

/** Value at a dotted path ("aml.pepResults.0.matchIndicator"); undefined when absent. */
const at = (value: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === "object" ? Reflect.get(v, key) : undefined),
      value
    )

const list = (value: unknown, path: string): unknown[] => {
  const v = at(value, path)
  if (!Array.isArray(v)) throw new Error(`${path} is not a list`)
  return v
}

const obj = (value: unknown, path: string): Doc => {
  const v = at(value, path)
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`${path} is not an object`)
  return Object.fromEntries(Object.entries(v))
}

// Independent re-implementations of the identifier rules (identifiers.md), so the fixture table
// is not checked by the code that generated it.
const weighted = (digits: string, weights: number[]): number =>
  weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0)
const mod11Ok = (digits: string, weights: number[], check: number): boolean => {
  const r = weighted(digits, weights) % 11
  return r !== 1 && (r === 0 ? 0 : 11 - r) === check
}
const validNoOrgnr = (v: string): boolean =>
  /^\d{9}$/.test(v) && mod11Ok(v, [3, 2, 7, 6, 5, 4, 3, 2], Number(v[8]))
const validFi = (v: string): boolean =>
  /^\d{7}-\d$/.test(v) && mod11Ok(v, [7, 9, 10, 5, 8, 4, 2], Number(v[8]))
const validDk = (v: string): boolean =>
  /^[1-9]\d{7}$/.test(v) && mod11Ok(v, [2, 7, 6, 5, 4, 3, 2], Number(v[7]))
const luhnOk = (digits: string): boolean =>
  Array.from(digits)
    .reverse()
    .reduce((sum, d, i) => {
      const n = Number(d) * (i % 2 === 1 ? 2 : 1)
      return sum + (n > 9 ? n - 9 : n)
    }, 0) %
    10 ===
  0
const validSe = (v: string): boolean =>
  /^\d{6}-\d{4}$/.test(v) && Number(v[2]) >= 2 && luhnOk(v.replace("-", ""))
const validFnr = (v: string): boolean =>
  /^\d{11}$/.test(v) &&
  weighted(v, [3, 7, 6, 1, 8, 9, 4, 5, 2, 1]) % 11 === 0 &&
  weighted(v, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0

const noIds = (count: number, start = 900_000_000): string[] => {
  const ids: string[] = []
  for (let n = start; ids.length < count; n += 37) {
    const stem = String(n).slice(0, 8)
    const r = weighted(stem, [3, 2, 7, 6, 5, 4, 3, 2]) % 11
    if (r !== 1) ids.push(stem + (r === 0 ? 0 : 11 - r))
  }
  return [...new Set(ids)]
}

const collectOrgNumbers = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) for (const v of value) collectOrgNumbers(v, out)
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "organizationNumber" && typeof v === "string") out.push(v)
      else collectOrgNumbers(v, out)
    }
  }
  return out
}

describe("fixture table", () => {
  it("holds only valid identifiers, synthetic person numbers and the documented birth dates", () => {
    for (const f of FIXTURES) {
      if (f.bankIdTestSubject === true) {
        // BankID's published test subjects (§16.7): valid person numbers, organisation numbers that fail mod-11.
        if (f.resource === "person") expect(validFnr(f.identifier), f.identifier).toBe(true)
        else expect(validNoOrgnr(f.identifier), f.identifier).toBe(false)
      } else if (f.resource === "person") {
        expect(validFnr(f.identifier), f.identifier).toBe(true)
        expect(
          Number(f.identifier[2]),
          `${f.identifier} must be synthetic (month + 80)`
        ).toBeGreaterThanOrEqual(8)
      } else if (f.identifierType === "DUNS") {
        expect(f.identifier).toMatch(/^\d{9}$/)
        expect(validNoOrgnr(f.identifier), "a DUNS fixture must not pass mod-11").toBe(false)
      } else if (f.country === "NO") expect(validNoOrgnr(f.identifier), f.identifier).toBe(true)
      else if (f.country === "SE") expect(validSe(f.identifier), f.identifier).toBe(true)
      else if (f.country === "DK") expect(validDk(f.identifier), f.identifier).toBe(true)
      else expect(validFi(f.identifier), f.identifier).toBe(true)
    }
  })

  it("covers every outcome the contract requires", () => {
    const outcomes = new Set(FIXTURES.map((f) => `${f.resource}:${f.outcome}`))
    for (const required of [
      "organization:CLEAN",
      "organization:SANCTION",
      "organization:NO_BENEFICIALS",
      "organization:BANKRUPT",
      "organization:DISSOLVED",
      "organization:ORGANIZATION_NOT_FOUND",
      "organization:SOURCE_UNAVAILABLE",
      "person:PEP",
      "person:SANCTION",
      "person:DECEASED",
      "person:EMIGRATED",
      "person:PERSON_NOT_FOUND",
      "person:SOURCE_UNAVAILABLE"
    ]) {
      expect(outcomes.has(required), required).toBe(true)
    }
    expect(FIXTURES.some((f) => f.country === "SE" && f.outcome === "CLEAN")).toBe(true)
    expect(FIXTURES.some((f) => f.country === "FI" && f.outcome === "CLEAN")).toBe(true)
    expect(FIXTURES.some((f) => f.country === "DK" && f.outcome === "CLEAN")).toBe(true)
    expect(FIXTURES.some((f) => f.identifierType === "DUNS")).toBe(true)
    const ids = FIXTURES.map((f) => `${f.resource}|${f.country}|${f.identifier}`)
    expect(new Set(ids).size).toBe(ids.length)
  })

  describe.each(FIXTURES.filter((f) => f.resource === "organization"))(
    "organization $identifier ($country $outcome)",
    (f) => {
      // Extreme rates must not move a fixture.
      const lookup = (options: DataOptions) =>
        lookupOrganization(
          orgQuery(f.identifier, {
            country: f.country,
            identifierType: f.identifierType ?? "ORGANIZATION_NUMBER"
          }),
          options
        )

      it("gives its documented outcome whatever the rates", () => {
        for (const options of [NO_HITS, ALL_HITS]) {
          const result = lookup(options)
          if (
            ["ORGANIZATION_NOT_FOUND", "SOURCE_UNAVAILABLE", "TIMEOUT", "INTERNAL_ERROR"].includes(f.outcome)
          ) {
            expect(result).toMatchObject({ _tag: "Failed", errorCode: f.outcome })
            continue
          }
          const doc = found(result)
          const key = obj(doc, "keyInformation")
          if (f.name !== undefined) expect(key["name"]).toBe(f.name)
          const sanctioned = f.outcome === "SANCTION"
          expect(at(doc, "aml.status")).toBe(sanctioned ? "SANCTION" : "NONE")
          expect(list(doc, "aml.sanctionResults").length > 0).toBe(sanctioned)
          switch (f.outcome) {
            case "CLEAN":
            case "SANCTION":
              expect(key["statusCodes"]).toEqual([])
              // A sole proprietorship or an association has no shareholders to be beneficial owners.
              if (f.legalForm === undefined)
                expect(list(doc, "ownership.beneficials").length).toBeGreaterThan(0)
              break
            case "NO_BENEFICIALS":
              expect(at(doc, "ownership.beneficials")).toEqual([])
              break
            case "BANKRUPT":
              // The Danish registry says it in Danish.
              expect(key["statusCodes"]).toContain(f.country === "DK" ? "UNDER KONKURS" : "BANKRUPT")
              expect(list(doc, "roles").some((r) => at(r, "role") === "TRUSTEE")).toBe(true)
              break
            case "BANKRUPT_ESTATE":
              expect(key["organizationType"]).toBe("BANKRUPT_ESTATE")
              break
            case "DISSOLVED":
              expect(key["statusCodes"]).toContain("DISSOLVED")
              break
            case "UNDER_LIQUIDATION":
              expect(key["statusCodes"]).toContain("UNDER_LIQUIDATION")
              break
          }
        }
      })
    }
  )

  describe.each(FIXTURES.filter((f) => f.resource === "person"))("person $identifier ($outcome)", (f) => {
    it("gives its documented outcome whatever the rates", () => {
      for (const options of [NO_HITS, ALL_HITS]) {
        const result = lookupPerson(
          personQuery({
            ssn: f.identifier,
            dateOfBirth: null,
            name: f.name ?? null,
            firstName: null,
            lastName: null
          }),
          options
        )
        if (f.outcome === "PERSON_NOT_FOUND" || f.outcome === "SOURCE_UNAVAILABLE") {
          expect(result).toMatchObject({ _tag: "Failed", errorCode: f.outcome })
          continue
        }
        const doc = found(result)
        expect(at(doc, "keyInformation.dateOfBirth")).toBe(f.dateOfBirth)
        if (f.name !== undefined) expect(at(doc, "keyInformation.name")).toBe(f.name)
        const aml = obj(doc, "aml")
        const statusOf: Record<string, string> = {
          PEP: "PEP",
          SANCTION: "SANCTION",
          PEP_AND_SANCTION: "PEP_AND_SANCTION",
          FUZZY_HITS: "PEP_AND_SANCTION",
          NO_ADDRESS_EXPIRED_PEP: "PEP",
          UN_SANCTION: "SANCTION"
        }
        const expected = statusOf[f.outcome] ?? "NONE"
        expect(aml["status"]).toBe(expected)
        if (f.outcome === "PEP") expect(at(aml, "pepResults.0.matchIndicator")).toBe(500)
        if (f.outcome === "SANCTION") {
          expect(list(aml, "sanctionResults").length).toBeGreaterThan(0)
          for (const hit of list(aml, "sanctionResults"))
            expect(list(hit, "addressList").length).toBeGreaterThanOrEqual(3)
        }
        const national = obj(doc, "address.national")
        if (f.noAddress === true) expect(national["address"]).toBeNull()
        if (f.outcome === "DECEASED") expect(national["personStatus"]).toBe("DECEASED")
        else if (f.outcome === "EMIGRATED") {
          expect(national["personStatus"]).toBe("EMIGRATED")
          expect(national["addressStatus"]).toBe("ABROAD")
        } else expect(national["personStatus"]).toBe("RESIDENT")
      }
    })
  })

  it("finds a fixture person by name and birth date, with a weaker match than by ssn", () => {
    const pep = FIXTURES.find((f) => f.resource === "person" && f.outcome === "PEP")!
    const doc = found(
      lookupPerson(
        personQuery({ firstName: null, lastName: null, name: pep.name!, dateOfBirth: pep.dateOfBirth! }),
        NO_HITS
      )
    )
    expect(at(doc, "aml.status")).toBe("PEP")
    expect(at(doc, "aml.pepResults.0.matchIndicator")).toBeLessThan(500)
  })
})

describe("determinism", () => {
  it("gives deep-equal documents for equal queries and different ones for other seeds", () => {
    for (const id of noIds(30)) {
      const a = lookupOrganization(orgQuery(id), OPTIONS)
      expect(lookupOrganization(orgQuery(id), OPTIONS)).toEqual(a)
      expect(JSON.parse(JSON.stringify(a))).toEqual(a)
      expect(lookupOrganization(orgQuery(id), { ...OPTIONS, seed: 7 })).not.toEqual(a)
    }
    const p = personQuery({ ssn: "15838549990", dateOfBirth: null })
    expect(lookupPerson(p, OPTIONS)).toEqual(lookupPerson(p, OPTIONS))
  })

  it("keeps the data of an element independent of which other elements were requested", () => {
    for (const id of noIds(20)) {
      const full = found(lookupOrganization(orgQuery(id), OPTIONS))
      const roles = found(lookupOrganization(orgQuery(id, { expands: ["roles"] }), OPTIONS))
      expect(roles["roles"]).toEqual(full["roles"])
      const { leiNumber: _full, ...keyFull } = obj(full, "keyInformation")
      const { leiNumber: _roles, ...keyRoles } = obj(roles, "keyInformation")
      expect(keyRoles).toEqual(keyFull)
    }
  })
})

describe("expands", () => {
  it("delivers only keyInformation by default", () => {
    const doc = found(lookupOrganization(orgQuery("910000012", { expands: [] }), OPTIONS))
    expect(Object.keys(doc)).toEqual(["keyInformation"])
    const person = found(lookupPerson(personQuery({ expands: [] }), OPTIONS))
    expect(Object.keys(person)).toEqual(["keyInformation"])
    expect(person["keyInformation"]).not.toHaveProperty("birthplace")
  })

  it("delivers exactly the requested sub-elements", () => {
    const doc = found(
      lookupOrganization(
        orgQuery("910000012", { expands: ["ownership.beneficials", "financials.auditor"] }),
        OPTIONS
      )
    )
    expect(Object.keys(doc).sort()).toEqual(["financials", "keyInformation", "ownership"])
    expect(Object.keys(obj(doc, "ownership")).sort()).toEqual(["beneficials", "metadata"])
    expect(Object.keys(obj(doc, "financials"))).toEqual(["auditor"])
    expect(at(doc, "keyInformation.leiNumber")).toBeNull()
    const person = found(lookupPerson(personQuery({ expands: ["address.postal"] }), OPTIONS))
    expect(Object.keys(obj(person, "address")).sort()).toEqual(["matchStatus", "postal"])
    expect(at(person, "address.postal")).not.toHaveProperty("numberOfResidents")
  })

  it("lists every contract expand with its exact spelling", () => {
    expect(ORGANIZATION_EXPANDS).toContain("links.reports.certificate_of_incorporation")
    expect(ORGANIZATION_EXPANDS).toContain("financials.keyFigures")
    expect(ORGANIZATION_EXPANDS).toHaveLength(17)
    expect(PERSON_EXPANDS).toContain("address.numberOfResidents")
    expect(PERSON_EXPANDS).toHaveLength(11)
  })
})

describe("empty-node convention", () => {
  const byType = (type: string): Doc => {
    for (const id of noIds(400)) {
      const doc = found(lookupOrganization(orgQuery(id), OPTIONS))
      if (at(doc, "keyInformation.organizationType") === type && at(doc, "procuration.status") === null)
        return doc
    }
    throw new Error(`no ${type} among the synthetic identifiers`)
  }

  it("answers requested elements without data with [] lists and null scalars", () => {
    const sole = byType("SOLE_PROPRIETORSHIP")
    expect(at(sole, "ownership.beneficials")).toEqual([])
    expect(at(sole, "ownership.shareholders")).toEqual([])
    expect(at(sole, "ownership.subsidiaries")).toEqual([])
    expect(sole["procuration"]).toEqual({
      status: null,
      description: null,
      options: [],
      remarks: [],
      metadata: null
    })
    expect(at(sole, "financials.accounting")).toEqual({ years: [], metadata: null })
    for (const [key, value] of Object.entries(obj(sole, "financials.keyFigures")))
      expect(value, key).toBeNull()
  })

  it("keeps registry-sourced person elements as empty nodes without registry access", () => {
    for (const query of [
      personQuery({ ssn: "15838549990", dateOfBirth: null, nationalRegistry: false }),
      personQuery({ ssn: null, dateOfBirth: "1985-03-15", nationalRegistry: true })
    ]) {
      const doc = found(lookupPerson(query, OPTIONS))
      const key = obj(doc, "keyInformation")
      expect(key["birthplace"]).toBeNull()
      expect(key["citizenship"]).toEqual([])
      expect(key["historicNames"]).toEqual([])
      expect(key["gender"]).toBeNull()
      expect(Object.values(obj(doc, "address.national")).every((v) => v === null)).toBe(true)
      expect(at(doc, "address.historic")).toEqual([])
      expect(at(doc, "address.postal.postalcode")).toMatch(/^\d{4}$/)
      expect(JSON.stringify(doc)).not.toContain("NO_NATIONAL_REGISTRY")
    }
    const withAccess = found(lookupPerson(personQuery({ ssn: "15838549990", dateOfBirth: null }), OPTIONS))
    expect(at(withAccess, "keyInformation.metadata.sources")).toContain("NO_NATIONAL_REGISTRY")
    expect(at(withAccess, "address.national")).toHaveProperty("metaData")
    expect(at(withAccess, "address.national")).toHaveProperty("postalcode")
  })
})

describe("national shapes", () => {
  it("gives Swedish companies national formats, legal forms and nationalFields", () => {
    const forms = new Set<string>()
    for (let n = 0; n < 60; n++) {
      const stem = `5592${String(n).padStart(5, "0")}`
      const digits = Array.from({ length: 10 }, (_, d) => stem + d).find(luhnOk)!
      const doc = found(
        lookupOrganization(orgQuery(`${digits.slice(0, 6)}-${digits.slice(6)}`, { country: "SE" }), OPTIONS)
      )
      const key = obj(doc, "keyInformation")
      expect(key["organizationNumber"]).toBe(`${digits.slice(0, 6)}-${digits.slice(6)}`)
      expect(key["country"]).toBe("SE")
      expect(key["name"]).toMatch(/ (AB|HB|KB|AB \(publ\))$/)
      expect(key["nationalFields"]).toBeTypeOf("object")
      expect(at(doc, "ownership.shareholders")).toEqual([])
      forms.add(String(key["organizationType"]))
      expect(found(lookupOrganization(orgQuery(digits, { country: "SE" }), OPTIONS))).toEqual(doc)
    }
    expect([...forms].every((f) => ["AKTIEBOLAG", "HANDELSBOLAG", "KOMMANDITBOLAG"].includes(f))).toBe(true)
    expect(forms.has("AKTIEBOLAG")).toBe(true)
  })

  it("gives Finnish companies Y-tunnus format, legal forms and nationalFields", () => {
    const fixture = found(lookupOrganization(orgQuery("3100001-1", { country: "FI" }), OPTIONS))
    expect(at(fixture, "keyInformation")).toMatchObject({
      organizationNumber: "3100001-1",
      country: "FI",
      organizationType: "OSAKEYHTIO"
    })
    expect(at(fixture, "keyInformation.nationalFields.vatNumber")).toBe("FI31000011")
    for (const n of [2_000_001, 2_345_678, 1_234_567]) {
      const stem = String(n)
      const check = Array.from({ length: 10 }, (_, d) => `${stem}-${d}`).find(validFi)
      if (check === undefined) continue
      const key = obj(
        found(lookupOrganization(orgQuery(check, { country: "FI" }), OPTIONS)),
        "keyInformation"
      )
      expect(key.organizationNumber).toBe(check)
      expect(["OSAKEYHTIO", "JULKINEN_OSAKEYHTIO", "AVOIN_YHTIO", "KOMMANDIITTIYHTIO"]).toContain(
        key.organizationType
      )
      expect(key.name).toMatch(/ (Oy|Oyj|Ky|Ay)$/)
    }
  })

  it("gives a DUNS-identified company its DUNS and a valid organization number", () => {
    const key = obj(
      found(lookupOrganization(orgQuery("150000001", { identifierType: "DUNS" }), OPTIONS)),
      "keyInformation"
    )
    expect(key["dunsNumber"]).toBe("150000001")
    expect(validNoOrgnr(String(key["organizationNumber"]))).toBe(true)
  })

  it("gives Norwegian companies registry forms, valid related numbers and three accounting years", () => {
    const types = new Set<string>()
    for (const id of noIds(300)) {
      const doc = found(lookupOrganization(orgQuery(id), OPTIONS))
      const key = obj(doc, "keyInformation")
      types.add(String(key["organizationType"]))
      for (const n of collectOrgNumbers(doc)) expect(validNoOrgnr(n), n).toBe(true)
      const years = list(doc, "financials.accounting.years")
      if (years.length > 0) {
        expect(years.map((y) => at(y, "year"))).toEqual([2024, 2023, 2022])
        for (const y of years)
          expect(at(y, "balanceSheet.sumAssets")).toBe(at(y, "balanceSheet.sumEquityAndDebt"))
      }
      if (key.organizationType === "LIMITED_COMPANY") expect(key.name).toMatch(/ AS$/)
      for (const option of list(doc, "signatureRights.options"))
        expect(list(option, "required").length).toBeGreaterThan(0)
    }
    for (const t of ["LIMITED_COMPANY", "SOLE_PROPRIETORSHIP", "GENERAL_PARTNERSHIP", "BANKRUPT_ESTATE"])
      expect(types).toContain(t)
  })
})

describe("persons", () => {
  it.each([
    ["01912499975", "2024-11-01"],
    ["15838549990", "1985-03-15"],
    ["29822499951", "2024-02-29"],
    ["41814061033", "1940-01-01"],
    ["41810021827", "2000-01-01"],
    ["15438549908", "1985-03-15"],
    ["50846202355", "1962-04-10"]
  ])("derives the birth date of %s as %s", (ssn, date) => {
    const doc = found(lookupPerson(personQuery({ ssn, dateOfBirth: null }), OPTIONS))
    expect(at(doc, "keyInformation.dateOfBirth")).toBe(date)
  })

  it("uses the given birth date without an ssn", () => {
    expect(at(found(lookupPerson(personQuery(), OPTIONS)), "keyInformation.dateOfBirth")).toBe("1970-01-01")
  })

  it("searches OFAC only when asked", () => {
    const sanctioned = FIXTURES.find((f) => f.resource === "person" && f.outcome === "SANCTION")!
    const without = found(
      lookupPerson(personQuery({ ssn: sanctioned.identifier, dateOfBirth: null }), OPTIONS)
    )["aml"]
    expect(at(without, "list")).not.toContain("OFAC")
    expect(list(without, "sanctionResults").some((h) => at(h, "source") === "OFAC")).toBe(false)
    const withOfac = obj(
      found(
        lookupPerson(personQuery({ ssn: sanctioned.identifier, dateOfBirth: null, ofac: true }), OPTIONS)
      ),
      "aml"
    )
    expect(at(withOfac, "list")).toContain("OFAC")
    expect(list(withOfac, "sanctionResults").some((h) => at(h, "source") === "OFAC")).toBe(true)
    const org = obj(found(lookupOrganization(orgQuery("910000020"), OPTIONS)), "aml")
    expect(at(org, "metadata.sources")).not.toContain("OFAC")
    expect(
      at(found(lookupOrganization(orgQuery("910000020", { ofac: true }), OPTIONS)), "aml.metadata.sources")
    ).toContain("OFAC")
  })

  it("fills screening hits with every ScreeningHit field", () => {
    const pep = FIXTURES.find((f) => f.resource === "person" && f.outcome === "PEP_AND_SANCTION")!
    const aml = found(lookupPerson(personQuery({ ssn: pep.identifier, dateOfBirth: null }), OPTIONS))
    const fields = [
      "matchIndicator",
      "matchIndicatorDescription",
      "nameMatchValue",
      "name",
      "birthDate",
      "birthDateInfo",
      "gender",
      "title",
      "function",
      "comment",
      "aliasList",
      "addressList",
      "urlList",
      "provider",
      "source",
      "externalId",
      "firstUpdate",
      "lastUpdate",
      "metadata"
    ]
    for (const hit of [...list(aml, "aml.pepResults"), ...list(aml, "aml.sanctionResults")]) {
      expect(Object.keys(obj({ hit }, "hit")).sort()).toEqual([...fields].sort())
      expect(at(hit, "provider")).toBe("TRAPETS")
      expect(at(hit, "firstUpdate")).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/)
    }
    expect(at(aml, "aml.pepResults.0.source")).toBe("PEP_Edge")
  })
})

describe("rates", () => {
  const persons = Array.from({ length: 2000 }, (_, i) =>
    personQuery({ name: `Test Person ${i}`, firstName: null, lastName: null })
  )

  it("gives roughly pepRate and sanctionRate of synthetic records hits, and more hits only at higher rates", () => {
    const statuses = persons.map((q) => String(at(found(lookupPerson(q, OPTIONS)), "aml.status")))
    const pep = statuses.filter((s) => s === "PEP" || s === "PEP_AND_SANCTION").length
    const sanction = statuses.filter((s) => s === "SANCTION" || s === "PEP_AND_SANCTION").length
    expect(pep).toBeGreaterThan(120)
    expect(pep).toBeLessThan(280)
    expect(sanction).toBeGreaterThan(50)
    expect(sanction).toBeLessThan(150)
    const orgs = noIds(2000).slice(0, 2000)
    const orgHits = orgs.filter(
      (id) =>
        at(found(lookupOrganization(orgQuery(id, { expands: ["aml"] }), OPTIONS)), "aml.status") ===
        "SANCTION"
    )
    expect(orgHits.length).toBeGreaterThan(50)
    expect(orgHits.length).toBeLessThan(150)
    const higher = { ...OPTIONS, sanctionRate: 0.2 }
    for (const id of orgHits)
      expect(at(found(lookupOrganization(orgQuery(id, { expands: ["aml"] }), higher)), "aml.status")).toBe(
        "SANCTION"
      )
    expect(
      persons.slice(0, 300).every((q) => at(found(lookupPerson(q, NO_HITS)), "aml.status") === "NONE")
    ).toBe(true)
  })

  it("produces some deceased and emigrated synthetic persons", () => {
    const ssnStatuses = Array.from({ length: 1500 }, (_, i) => {
      const stem = `0${(i % 9) + 1}8${(i % 9) + 1}70${String(100 + (i % 400)).padStart(3, "0")}`
      const k1 = (11 - (weighted(stem, [3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11)) % 11
      const k2 = (11 - (weighted(stem + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11
      return k1 === 10 || k2 === 10 ? null : `${stem}${k1}${k2}`
    })
      .filter((s): s is string => s !== null)
      .map((ssn) =>
        at(
          found(lookupPerson(personQuery({ ssn, dateOfBirth: null }), OPTIONS)),
          "address.national.personStatus"
        )
      )
    expect(ssnStatuses).toContain("DECEASED")
    expect(ssnStatuses).toContain("EMIGRATED")
  })
})

describe("organization beneficial owners without National Registry access (§13)", () => {
  const query = {
    country: "NO" as const,
    identifier: "910000012",
    identifierType: "ORGANIZATION_NUMBER" as const,
    expands: ["ownership.beneficials"],
    ofac: false,
    language: "en"
  }
  const options = { seed: 1, pepRate: 0, sanctionRate: 0 }
  const ownershipOf = (nationalRegistry: boolean) => {
    const found = lookupOrganization({ ...query, nationalRegistry }, options)
    if (found._tag !== "Found") throw new Error("fixture 910000012 must be found")
    return found.result["ownership"] as {
      beneficials: Array<{ citizenship: unknown; birthplace: unknown }>
      metadata: { sources: string[] }
    }
  }

  it("gives citizenship and birthplace with access", () => {
    const ownership = ownershipOf(true)
    expect(ownership.beneficials.length).toBeGreaterThan(0)
    expect(ownership.beneficials[0]?.citizenship).toEqual(["NO"])
    expect(typeof ownership.beneficials[0]?.birthplace).toBe("string")
    expect(ownership.metadata.sources).toContain("NO_NATIONAL_REGISTRY")
  })

  it("leaves them as empty nodes without access", () => {
    const ownership = ownershipOf(false)
    for (const owner of ownership.beneficials) {
      expect(owner.citizenship).toEqual([])
      expect(owner.birthplace).toBeNull()
    }
    expect(ownership.metadata.sources).not.toContain("NO_NATIONAL_REGISTRY")
  })
})

describe("BankID's published test subjects (§16.7)", () => {
  const subject = (ssn: string) =>
    found(lookupPerson(personQuery({ ssn, dateOfBirth: null, firstName: null, lastName: null }), OPTIONS))
  const hits = (doc: Doc, kind: "pepResults" | "sanctionResults") => list(doc, `aml.${kind}`)

  it("knows all ten, persons born 2007-01-01 under their published names", () => {
    const subjects = FIXTURES.filter((f) => f.bankIdTestSubject === true)
    expect(subjects.map((f) => `${f.resource}:${f.identifier}`)).toEqual([
      "person:01010750160",
      "person:01010750241",
      "person:01010750322",
      "person:01010751388",
      "person:01010751469",
      "organization:123456789",
      "organization:234567891",
      "organization:345678912",
      "organization:456789123",
      "organization:567891234"
    ])
    expect(at(subject("01010750160"), "keyInformation.name")).toBe("Tomas Topstad")
    expect(at(subject("01010750160"), "keyInformation.dateOfBirth")).toBe("2007-01-01")
  })

  it("Tomas Topstad: sanction and PEP hits with different matchIndicator", () => {
    const doc = subject("01010750160")
    expect(at(doc, "aml.status")).toBe("PEP_AND_SANCTION")
    const pep = hits(doc, "pepResults").map((h) => at(h, "matchIndicator"))
    const sanction = hits(doc, "sanctionResults").map((h) => at(h, "matchIndicator"))
    expect(pep.length).toBeGreaterThan(0)
    expect(sanction.length).toBeGreaterThan(0)
    expect(pep).not.toEqual(sanction)
  })

  it("Kari Klaven: empty AML", () => {
    const doc = subject("01010750241")
    expect(at(doc, "aml.status")).toBe("NONE")
    expect(hits(doc, "pepResults")).toEqual([])
    expect(hits(doc, "sanctionResults")).toEqual([])
  })

  it("Kris Psa Granum: fuzzy hits, on other names, weaker than a name match", () => {
    const doc = subject("01010750322")
    const all = [...hits(doc, "pepResults"), ...hits(doc, "sanctionResults")]
    expect(all.length).toBeGreaterThan(1)
    for (const hit of all) {
      expect(at(hit, "name")).not.toBe("Kris Psa Granum")
      expect(at(hit, "matchIndicator")).toBeLessThan(300)
      expect(at(hit, "nameMatchValue")).toBeLessThan(1)
    }
  })

  it("Morten Holm: no national or postal address, a PEP hit marked expired", () => {
    const doc = subject("01010751388")
    expect(at(doc, "address.postal")).toBeNull()
    expect(at(doc, "address.national.address")).toBeNull()
    expect(at(doc, "address.national.postalcode")).toBeNull()
    expect(at(doc, "aml.status")).toBe("PEP")
    expect(String(at(doc, "aml.pepResults.0.comment"))).toMatch(/expired/i)
  })

  it("Mia Holm: one sanction hit, from UN_CONSOLIDATED", () => {
    const doc = subject("01010751469")
    expect(at(doc, "aml.status")).toBe("SANCTION")
    expect(hits(doc, "sanctionResults").map((h) => at(h, "metadata.sources"))).toEqual([["UN_CONSOLIDATED"]])
    expect(hits(doc, "pepResults")).toEqual([])
  })

  it.each([
    ["123456789", "Utleie Gruppen AS", "LIMITED_COMPANY"],
    ["234567891", "TEST2", "LIMITED_COMPANY"],
    ["345678912", "Test3", "NORWEGIAN_REGISTERED_FOREIGN_BUSINESS"],
    ["456789123", "HANSEN LEIF", "SOLE_PROPRIETORSHIP"],
    ["567891234", "FRIVILLIG SOL", "ASSOCIATION_CLUB_ORGANIZATION"]
  ])("organization %s: %s, %s, no sanction hit", (number, name, type) => {
    const doc = found(lookupOrganization(orgQuery(number), ALL_HITS))
    expect(at(doc, "keyInformation.name")).toBe(name)
    expect(at(doc, "keyInformation.organizationNumber")).toBe(number)
    expect(at(doc, "keyInformation.organizationType")).toBe(type)
    expect(at(doc, "aml.status")).toBe("NONE")
  })
})
