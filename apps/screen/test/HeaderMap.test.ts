import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  fieldOfHeader,
  headerAliases,
  mapHeaders,
  missingColumnMessage,
  rowFields
} from "../src/ingest/HeaderMap.js"

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

  it.each([
    // English, as an ordinary workbook writes it
    ["Org number", "organizationNumber"],
    ["Org. no.", "organizationNumber"],
    ["org no", "organizationNumber"],
    ["Org #", "organizationNumber"],
    ["Organization Number", "organizationNumber"],
    ["Organisation no.", "organizationNumber"],
    ["Company/registration number", "organizationNumber"],
    ["Company registration no", "organizationNumber"],
    ["Registration No.", "organizationNumber"],
    ["Company number", "organizationNumber"],
    ["BUSINESS-ID", "organizationNumber"],
    ["Business identity code", "organizationNumber"],
    ["Corporate identity number", "organizationNumber"],
    ["National ID", "ssn"],
    ["National identity no.", "ssn"],
    ["Personal number", "ssn"],
    ["Personal ID", "ssn"],
    ["SSN", "ssn"],
    ["S.S.N.", "ssn"],
    ["Social security no", "ssn"],
    ["Customer ID", "reference"],
    ["Customer No.", "reference"],
    ["Client number", "reference"],
    ["Entity type", "type"],
    ["ENTITY_TYPE", "type"],
    ["Customer type", "type"],
    ["Person or company", "type"],
    ["Country code", "country"],
    ["Country of incorporation", "country"],
    ["Legal name", "name"],
    ["Company name", "name"],
    ["Given name", "firstName"],
    ["Surname", "lastName"],
    ["Birth date", "dateOfBirth"],
    ["D-U-N-S No.", "duns"],
    // Norwegian, Swedish, Danish, Finnish
    ["Org.nummer", "organizationNumber"],
    ["Organisasjonsnr.", "organizationNumber"],
    ["Org nr.", "organizationNumber"],
    ["CVR-nr.", "organizationNumber"],
    ["CVR-nummer", "organizationNumber"],
    ["Virksomhedsnummer", "organizationNumber"],
    ["Y-tunnus", "organizationNumber"],
    ["F.nr.", "ssn"],
    ["Fødselsnr", "ssn"],
    ["D-nummer", "ssn"],
    ["Personnr.", "ssn"],
    ["Person-nummer", "ssn"],
    ["Samordningsnr", "ssn"],
    ["CPR-nr.", "ssn"],
    ["CPR nummer", "ssn"],
    ["Henkilötunnus", "ssn"],
    ["Kunde-ID", "reference"],
    ["Kundnr", "reference"],
    ["Kunde nr.", "reference"],
    ["Asiakasnro", "reference"],
    ["Landekode", "country"],
    ["Kundtyp", "type"],
    ["Efternavn", "lastName"],
    ["Født", "dateOfBirth"],
    ["Virksomhedsnavn", "name"]
  ])("common spelling %s → %s", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field)
  })

  it("gives every spelling one field: no alias of one field is read as another", () => {
    for (const field of rowFields)
      for (const alias of headerAliases(field)) expect(fieldOfHeader(alias), `${alias}`).toBe(field)
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

  it("lets a generic header fill its field only when no clearer column does", () => {
    const both = Either.getOrThrow(
      mapHeaders("p.csv", ["ID", "Customer number", "Company", "Company name", "Org no"])
    )
    expect(both.fields.map((f) => [f.header, f.field])).toEqual([
      ["Customer number", "reference"],
      ["Company name", "name"],
      ["Org no", "organizationNumber"]
    ])
    expect(both.ignored).toEqual(["ID", "Company"])
    const alone = Either.getOrThrow(mapHeaders("p.csv", ["ID", "Company", "Org no"]))
    expect(alone.fields.map((f) => f.field)).toEqual(["reference", "name", "organizationNumber"])
  })

  it("names the field, the columns and the --map that fixes a missing column", () => {
    const headers = ["Entity type", "National ID", "Reg code", "Name", "Comment"]
    const mapping = Either.getOrThrow(mapHeaders("p.csv", headers))
    expect(mapping.ignored).toEqual(["Reg code", "Comment"])
    expect(missingColumnMessage("organizationNumber", headers, mapping)).toBe(
      'no column of organisation numbers (field organizationNumber) was recognised in the header row; columns found: "Entity type", "National ID", "Reg code", "Name", "Comment". Name the column that holds them, e.g. --map "Reg code=organizationNumber".'
    )
    const none = mapHeaders("p.csv", ["Navn", "Kunde nr"])
    expect(Either.isLeft(none) && none.left.message).toContain('--map "<column>=identifier"')
    const one = mapHeaders("p.csv", ["Navn", "Tax code"])
    expect(Either.isLeft(one) && one.left.message).toContain('--map "Tax code=identifier"')
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
