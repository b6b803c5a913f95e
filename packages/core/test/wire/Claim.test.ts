import { describe, expect, it } from "vitest"
import { Wire } from "../../src/index.js"

// Core knows the type column's English words and nothing of any country: a country's words come
// with its adapter. "XX" is a user-assigned ISO code no country will get; its words are made up.

describe("rowKind", () => {
  it.each([
    ["organization", "organization"],
    ["Organisation", "organization"],
    ["Company", "organization"],
    ["org", "organization"],
    ["Legal entity", "organization"],
    ["person", "person"],
    ["individual", "person"],
    ["Natural person", "person"],
    // A national word is its adapter's to claim, not core's to know.
    ["Kompanija", "other"],
    ["trust", "other"],
    ["", undefined]
  ])("%s → %s", (text, kind) => {
    expect(Wire.rowKind(Wire.portfolioRow({ type: text }), Wire.rowVocabulary([]))).toBe(kind)
  })
})

describe("rowVocabulary", () => {
  const facts = (kindWords: ReadonlyArray<string>) => ({
    countryWords: [],
    kindWords,
    identityNumbers: { patterns: [], fieldNames: [] },
    languages: []
  })
  const vocabulary = Wire.rowVocabulary([
    { kind: "organization", facts: facts(["Kompanija", "druzba"]) },
    { kind: "organization", facts: facts(["firma"]) },
    { kind: "person", facts: facts(["osoba", "firma"]) }
  ])
  it.each([
    ["Kompanija", "organization"],
    ["DRUŽBA", "organization"],
    ["Osoba", "person"],
    ["company", "organization"],
    // Two kinds claim the word: it names neither.
    ["Firma", "other"],
    ["trust", "other"]
  ])("%s → %s", (text, kind) => {
    expect(Wire.rowKind(Wire.portfolioRow({ type: text }), vocabulary)).toBe(kind)
  })
})

describe("rowCountry", () => {
  const namesXx = Wire.countryNamer("XX", ["Kvartsija", "Kvarts", "Ĉuartzija"])
  it.each([
    ["XX", "XX"],
    ["xx", "XX"],
    ["Kvartsija", "XX"],
    ["KVARTS", "XX"],
    ["Kvarts (XX)", "XX"],
    ["Cuartzija", "XX"],
    ["Ĉuartzija", "XX"],
    ["Atlantis", "other"],
    ["XY", "other"],
    ["  ", undefined]
  ])("%s → %s", (text, country) => {
    expect(Wire.rowCountry(Wire.portfolioRow({ country: text }), "XX", namesXx)).toBe(country)
  })
})

describe("makeClaim", () => {
  const claim = Wire.makeClaim({
    kind: "organization",
    country: "XX",
    fitsShape: (row) =>
      /^\d{7}$/.test(row.cells.identifier?.text ?? row.cells.organizationNumber?.text ?? ""),
    words: { kind: ["kompanija", "Družba"], country: ["Kvartsija"] }
  })
  it.each([
    [{ type: "Kompanija", country: "Kvartsija", identifier: "1234560" }, "explicit"],
    [{ type: "druzba", country: "XX", identifier: "1" }, "explicit"],
    [{ type: "company", country: "xx" }, "explicit"],
    [{ organizationNumber: "1", country: "Kvartsija" }, "explicit"],
    [{ identifier: "1234560" }, "likely"],
    [{ type: "Kompanija", identifier: "1234560" }, "likely"],
    [{ identifier: "12345" }, "no"],
    [{ type: "person", country: "XX", identifier: "1234560" }, "no"],
    [{ type: "Selskap", country: "XX", identifier: "1234560" }, "no"],
    [{ country: "Atlantis", identifier: "1234560" }, "no"]
  ] as const)("%o → %s", (values, expected) => {
    expect(claim(Wire.portfolioRow(values), Wire.rowVocabulary([]))).toBe(expected)
  })
})

describe("impliedKind", () => {
  it("reads the kind from the identifier columns a row fills", () => {
    expect(Wire.impliedKind(Wire.portfolioRow({ organizationNumber: "923609016" }))).toBe("organization")
    expect(Wire.impliedKind(Wire.portfolioRow({ ssn: "15838549990", name: "A" }))).toBe("person")
    expect(Wire.impliedKind(Wire.portfolioRow({ identifier: "923609016" }))).toBeUndefined()
    expect(Wire.impliedKind(Wire.portfolioRow({ organizationNumber: "1", ssn: "2" }))).toBeUndefined()
  })
})
