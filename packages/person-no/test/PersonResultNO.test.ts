import { readdirSync, readFileSync } from "node:fs"
import { variantDecodeFailures, withLegacySpellings } from "@nordscreen/core/testing"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { PersonResultNO, personNoAdapter } from "../src/index.js"

const fixtureDir = new URL("./fixtures/", import.meta.url)
const recorded = readdirSync(fixtureDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, fixtureDir), "utf8"))] as const)
const fixture = (name: string): unknown => recorded.find(([file]) => file === name)?.[1]

const decode = Schema.decodeUnknownSync(personNoAdapter.resultSchema)

// The simulator sends the legacy spellings; the modern ones must decode the same.
const withModernSpellings = (document: unknown): unknown =>
  JSON.parse(
    JSON.stringify(document)
      .replaceAll('"postalcode":', '"postalCode":')
      .replaceAll('"metaData":', '"metadata":')
  )

describe("PersonResultNO", () => {
  // The recorded responses as sent are decoded with every robustness variant in
  // test/adapters/resultSchemas.test.ts at the repository root, as for every adapter.
  it.each(recorded)(
    "decodes %s with modern spellings and every robustness variant of it",
    (_file, document) => {
      expect(variantDecodeFailures(personNoAdapter.resultSchema, withModernSpellings(document))).toEqual([])
    }
  )

  it("decodes both key spellings of person addresses to one canonical property", () => {
    const legacy = decode(fixture("person-pep-full.json"))
    const modern = decode(withModernSpellings(fixture("person-pep-full.json")))
    expect(modern).toEqual(legacy)
    expect(legacy.address?.national?.postalCode).toBe("3015")
    expect(legacy.address?.national?.metadata?.sources).toEqual(["NO_NATIONAL_REGISTRY"])
    expect(legacy.address?.national?.numberOfResidents?.metadata?.sources).toEqual(["BISNODE"])
    expect(legacy.address?.historic?.[0]?.postalCode).toBe("0150")
    // Only person address objects carry the legacy spellings (contract §9.4).
    expect(decode(withLegacySpellings(fixture("person-pep-full.json"))).address).toEqual(legacy.address)
  })

  it("keeps an empty registry node (name + birth date query) apart from a missing one", () => {
    const byName = decode(fixture("person-name-dob-full.json"))
    expect(byName.address?.national).toMatchObject({ address: null, personStatus: null })
    expect(byName.keyInformation?.citizenship).toEqual([])
    const byDefault = decode(fixture("person-deceased.json"))
    expect(byDefault.address && "postal" in byDefault.address).toBe(false)
    expect(byDefault.keyInformation && "citizenship" in byDefault.keyInformation).toBe(false)
  })

  it("accepts an unknown gender, person status and house type", () => {
    const decoded = Schema.decodeUnknownSync(PersonResultNO)({
      keyInformation: { gender: "X" },
      address: { national: { personStatus: "MOVED_TO_MARS", numberOfResidents: { houseType: "Igloo" } } }
    })
    expect(decoded.address?.national?.personStatus).toBe("MOVED_TO_MARS")
  })
})

describe("personNoAdapter.summarize", () => {
  const summaryOf = (name: string) => personNoAdapter.summarize(decode(fixture(name)))

  it("reports a PEP hit with match indicator 500 and the lists searched", () => {
    const summary = summaryOf("person-pep-full.json")
    expect(summary).toMatchObject({
      name: "Ingrid Fjellstad",
      status: "RESIDENT",
      flags: [],
      pep: { strongest: 500 },
      sanctions: { hits: [], strongest: null },
      beneficialOwners: null
    })
    expect(summary.pep?.hits[0]).toMatchObject({ kind: "pep", name: "Ingrid Fjellstad", matchIndicator: 500 })
    expect(summary.listsSearched).toEqual(expect.arrayContaining(["PEP_EDGE", "EU_GLOBAL"]))
  })

  it("reports sanction hits", () => {
    const summary = summaryOf("person-sanction-full.json")
    expect(summary.sanctions?.hits.length).toBeGreaterThan(0)
    expect(summary.sanctions?.strongest).toBeGreaterThan(0)
  })

  it("flags a deceased person", () => {
    expect(summaryOf("person-deceased.json")).toMatchObject({ status: "DECEASED", flags: ["DECEASED"] })
  })

  it("lists the registry elements a name + birth date query could not fill", () => {
    expect(summaryOf("person-name-dob-full.json").emptyElements).toEqual(
      expect.arrayContaining([
        "keyInformation.birthplace",
        "keyInformation.citizenship",
        "address.national",
        "address.historic"
      ])
    )
    expect(summaryOf("person-deceased.json").emptyElements).toEqual([])
  })

  it("maps positions held to roles", () => {
    // The simulator's sanctioned D-number fixture holds two positions in its recorded response.
    expect(summaryOf("person-sanction-full.json").roles).toEqual([
      {
        role: "DEPUTY_BOARD_MEMBER",
        name: "FJELLTOPP DATA AS",
        birthDate: null,
        organizationNumber: "928976955"
      },
      { role: "PROPRIETOR", name: "BRATTLI MARIN AS", birthDate: null, organizationNumber: "929017161" }
    ])
    // Screened with the roles expand but holding none: an empty list, not "not searched".
    expect(summaryOf("person-pep-full.json").roles).toEqual([])
  })
})
