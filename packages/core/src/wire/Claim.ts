import type { Claim, EntityKind, PortfolioRow, RowField } from "../Adapter.js"
import { presentCell } from "./RowCells.js"

// Type and country words as portfolios write them, folded to lower-case ASCII letters
// ("Företag" → "foretag", "Henkilö" → "henkilo").
const kindWords: ReadonlyMap<string, EntityKind> = new Map([
  ...[
    "organization",
    "organisation",
    "organisasjon",
    "organisaatio",
    "org",
    "foretak",
    "foretag",
    "selskap",
    "company",
    "business",
    "firma",
    "bolag",
    "yritys",
    "enhet",
    "virksomhet",
    "legalentity",
    "juridiskperson"
  ].map((word) => [word, "organization"] as const),
  ...[
    "person",
    "privatperson",
    "individual",
    "private",
    "privat",
    "naturalperson",
    "fysiskperson",
    "henkilo",
    "yksityishenkilo"
  ].map((word) => [word, "person"] as const)
])

const countryWords: ReadonlyMap<string, string> = new Map([
  ...["no", "nor", "norge", "norway", "noreg", "norja", "norwegen"].map((word) => [word, "NO"] as const),
  ...["se", "swe", "sverige", "sweden", "ruotsi", "schweden"].map((word) => [word, "SE"] as const),
  ...["fi", "fin", "finland", "suomi", "finnland"].map((word) => [word, "FI"] as const),
  ...["dk", "dnk", "danmark", "denmark", "tanska", "danemark"].map((word) => [word, "DK"] as const),
  ...["is", "isl", "island", "iceland", "islanti"].map((word) => [word, "IS"] as const)
])

const fold = (text: string): string =>
  text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ø/g, "o").replace(/æ/g, "ae")

// A portfolio's type and country columns hold a handful of distinct values over millions of
// rows, so each table remembers its answers (bounded, in case a column holds free text).
const MEMO_LIMIT = 4096

const memoizedLookup = <A>(words: ReadonlyMap<string, A>): ((text: string) => A | undefined) => {
  const memo = new Map<string, A | undefined>()
  return (text) => {
    if (memo.has(text)) return memo.get(text)
    const answer = lookupWord(words, text)
    if (memo.size < MEMO_LIMIT) memo.set(text, answer)
    return answer
  }
}

const lookupWord = <A>(words: ReadonlyMap<string, A>, text: string): A | undefined => {
  const folded = fold(text)
  const whole = words.get(folded.replace(/[^a-z]/g, ""))
  if (whole !== undefined) return whole
  const found = new Set(folded.split(/[^a-z]+/).flatMap((word) => words.get(word) ?? []))
  return found.size === 1 ? [...found][0] : undefined
}

const kindOf = memoizedLookup(kindWords)
const countryOf = memoizedLookup(countryWords)

/** `other` when the column says something we do not recognise; undefined when it is blank. */
export const rowKind = (row: PortfolioRow): EntityKind | "other" | undefined => {
  const cell = presentCell(row, "type")
  return cell === undefined ? undefined : (kindOf(cell.text) ?? "other")
}

/** ISO alpha-2 named by the country column, `other` when unrecognised, undefined when blank. */
export const rowCountry = (row: PortfolioRow): string | undefined => {
  const cell = presentCell(row, "country")
  return cell === undefined ? undefined : (countryOf(cell.text) ?? "other")
}

const personFields: ReadonlyArray<RowField> = ["ssn", "firstName", "lastName", "dateOfBirth"]
const organizationFields: ReadonlyArray<RowField> = ["organizationNumber", "duns"]

/** The kind a row's columns imply when it has no type column: an orgnr column means an organization. */
export const impliedKind = (row: PortfolioRow): EntityKind | undefined => {
  const org = organizationFields.some((field) => presentCell(row, field) !== undefined)
  const person = personFields.some((field) => presentCell(row, field) !== undefined)
  return org === person ? undefined : org ? "organization" : "person"
}

export interface ClaimSpec {
  readonly kind: EntityKind
  readonly country: string
  /** Whether the row's identifier has a shape this adapter takes (given the row's country, if any). */
  readonly fitsShape: (row: PortfolioRow, country: string | undefined) => boolean
  /** Words for this adapter's kind and country that the shared tables lack (e.g. Danish "selskab"). */
  readonly words?: { readonly kind?: ReadonlyArray<string>; readonly country?: ReadonlyArray<string> }
}

const namedBy = (row: PortfolioRow, field: RowField, words: ReadonlyArray<string> | undefined): boolean => {
  const cell = presentCell(row, field)
  if (cell === undefined || words === undefined) return false
  const folded = fold(cell.text).replace(/[^a-z]/g, "")
  return words.some((word) => fold(word).replace(/[^a-z]/g, "") === folded)
}

/**
 * `explicit` when the type (or an identifier column that implies it) and the country column name
 * this adapter; `likely` when nothing contradicts it and the identifier has its shape.
 */
export const claimRow = (row: PortfolioRow, spec: ClaimSpec): Claim => {
  const typed = rowKind(row)
  const kind =
    typed === "other" && namedBy(row, "type", spec.words?.kind) ? spec.kind : (typed ?? impliedKind(row))
  const named = rowCountry(row)
  const country = named === "other" && namedBy(row, "country", spec.words?.country) ? spec.country : named
  if (kind !== undefined && kind !== spec.kind) return "no"
  if (country !== undefined && country !== spec.country) return "no"
  if (kind === spec.kind && country === spec.country) return "explicit"
  return spec.fitsShape(row, country) ? "likely" : "no"
}
