import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fieldOfHeader, mapHeaders } from "../src/ingest/HeaderMap.js"

describe("fieldOfHeader", () => {
  it.each([
    ["Organisasjonsnummer", "organizationNumber"],
    ["Org.nr.", "organizationNumber"],
    ["ORG NR", "organizationNumber"],
    ["Y-tunnus", "organizationNumber"],
    ["Business ID", "organizationNumber"],
    ["Organisationsnummer", "organizationNumber"],
    ["DUNS", "duns"],
    ["Fødselsnummer", "ssn"],
    ["fodselsnummer", "ssn"],
    ["Henkilötunnus", "ssn"],
    ["Personnummer", "ssn"],
    ["National ID", "ssn"],
    ["Navn", "name"],
    ["Nimi", "name"],
    ["Förnamn", "firstName"],
    ["Etternavn", "lastName"],
    ["Syntymäaika", "dateOfBirth"],
    ["Fødselsdato (dd.mm.åååå)", "dateOfBirth"],
    ["Land", "country"],
    ["Maa", "country"],
    ["Kundetype", "type"],
    ["Kundenummer", "reference"],
    ["Asiakasnumero", "reference"],
    ["Customer reference", "reference"],
    ["  ID  ", "reference"],
    ["Organisasjonsnummer/Fødselsnummer", "identifier"],
    ["Orgnr eller fnr", "identifier"]
  ])("%s → %s", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field)
  })

  it("leaves unknown headers unmapped", () => {
    expect(fieldOfHeader("Kommentar")).toBeUndefined()
    expect(fieldOfHeader("Navn/Kommentar")).toBeUndefined()
  })
})

describe("mapHeaders", () => {
  it("maps by alias and records the header text of each field", () => {
    const mapping = Either.getOrThrow(mapHeaders("p.csv", ["Kundenummer", "Orgnr", "Navn", "Notat"]))
    expect(mapping.fields).toEqual([
      { index: 0, field: "reference", header: "Kundenummer" },
      { index: 1, field: "organizationNumber", header: "Orgnr" },
      { index: 2, field: "name", header: "Navn" }
    ])
    expect(mapping.ignored).toEqual(["Notat"])
  })

  it("applies --map overrides, including - to ignore a column", () => {
    const mapping = Either.getOrThrow(
      mapHeaders(
        "p.csv",
        ["Nummer", "Navn", "Name"],
        [
          ["Nummer", "identifier"],
          ["Name", "-"]
        ]
      )
    )
    expect(mapping.fields.map((f) => f.field)).toEqual(["identifier", "name"])
  })

  it("fails naming the columns found when no identifier column exists", () => {
    const result = mapHeaders("p.csv", ["Kunde", "Navn"])
    expect(Either.isLeft(result) && result.left.reason).toBe("NO_IDENTIFIER_COLUMN")
    expect(Either.isLeft(result) && result.left.message).toContain('"Kunde", "Navn"')
  })

  it("fails when two columns fill the same field, and on a bad --map", () => {
    const twice = mapHeaders("p.csv", ["Orgnr", "Navn", "Name"])
    expect(Either.isLeft(twice) && twice.left.reason).toBe("DUPLICATE_COLUMN")
    const unknownField = mapHeaders("p.csv", ["Orgnr"], [["Orgnr", "nonsense"]])
    expect(Either.isLeft(unknownField) && unknownField.left.reason).toBe("BAD_MAPPING")
    const unknownColumn = mapHeaders("p.csv", ["Orgnr"], [["Missing", "name"]])
    expect(Either.isLeft(unknownColumn) && unknownColumn.left.reason).toBe("BAD_MAPPING")
  })
})
