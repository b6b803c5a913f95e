import type { Claim, CountryFacts, EntityKind, PortfolioRow, RowField, RowVocabulary } from "../Adapter.js"
import { presentCell } from "./RowCells.js"

// The type column's words in English, the portfolio format's own language. Each adapter adds
// its country's words (`CountryFacts.kindWords`) and names its country (`countryWords`): the
// core keeps no table of countries.
const englishKindWords: ReadonlyMap<string, EntityKind> = new Map([
  ...["organization", "organisation", "org", "company", "business", "legalentity"].map(
    (word) => [word, "organization"] as const
  ),
  ...["person", "individual", "private", "naturalperson"].map((word) => [word, "person"] as const)
])

// Latin letters that NFKD does not decompose, folded as a reader would spell them in ASCII.
const ligatures: ReadonlyArray<readonly [RegExp, string]> = [
  [/ø/g, "o"],
  [/œ/g, "oe"],
  [/æ/g, "ae"],
  [/ß/g, "ss"],
  [/[đð]/g, "d"],
  [/ł/g, "l"],
  [/þ/g, "th"]
]

const fold = (text: string): string =>
  ligatures.reduce(
    (folded, [letter, ascii]) => folded.replace(letter, ascii),
    text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
  )

// A portfolio's type and country columns hold a handful of distinct values over millions of
// rows, so each table remembers its answers (bounded, in case a column holds free text).
const MEMO_LIMIT = 4096

const memoized = <A>(answer: (text: string) => A): ((text: string) => A) => {
  const memo = new Map<string, A>()
  return (text) => {
    if (memo.has(text)) {
      const known = memo.get(text)
      if (known !== undefined) return known
    }
    const found = answer(text)
    if (memo.size < MEMO_LIMIT) memo.set(text, found)
    return found
  }
}

const lettersOf = (text: string): string => fold(text).replace(/[^a-z]/g, "")

const lookupWord = <A>(words: ReadonlyMap<string, A>, text: string): A | undefined => {
  const folded = fold(text)
  const whole = words.get(folded.replace(/[^a-z]/g, ""))
  if (whole !== undefined) return whole
  const found = new Set(folded.split(/[^a-z]+/).flatMap((word) => words.get(word) ?? []))
  return found.size === 1 ? [...found][0] : undefined
}

/**
 * The vocabulary of a set of adapters (the registry's, or the CLI's adapter list): their
 * `kindWords` and English. A portfolio names the kind in its own language, not the entity's, so
 * every adapter reads every adapter's words.
 */
export const rowVocabulary = (
  adapters: Iterable<{ readonly kind: EntityKind; readonly facts: CountryFacts }>
): RowVocabulary => {
  const words = new Map<string, EntityKind | null>(englishKindWords)
  for (const adapter of adapters)
    for (const word of adapter.facts.kindWords) {
      const key = lettersOf(word)
      const known = words.get(key)
      // A word two kinds claim names neither.
      words.set(key, known === undefined || known === adapter.kind ? adapter.kind : null)
    }
  const kinds = new Map([...words].flatMap(([word, kind]) => (kind === null ? [] : [[word, kind] as const])))
  return { kindOf: memoized((text: string) => lookupWord(kinds, text)) }
}

/** The kind the type column names; `other` for a word no adapter knows, undefined when blank. */
export const rowKind = (row: PortfolioRow, vocabulary: RowVocabulary): EntityKind | "other" | undefined => {
  const cell = presentCell(row, "type")
  return cell === undefined ? undefined : (vocabulary.kindOf(cell.text) ?? "other")
}

/** One country's words as a lookup: its ISO code and `countryWords`, folded. */
export const countryNamer = (
  country: string,
  countryWords: ReadonlyArray<string>
): ((text: string) => boolean) => {
  const words = new Map([country, ...countryWords].map((word) => [lettersOf(word), true] as const))
  return memoized((text: string) => lookupWord(words, text) === true)
}

/**
 * `country` when the row's country column names it (`named` is that country's `countryNamer`),
 * `other` when it names anything else, undefined when it is blank.
 */
export const rowCountry = (
  row: PortfolioRow,
  country: string,
  named: (text: string) => boolean
): string | undefined => {
  const cell = presentCell(row, "country")
  return cell === undefined ? undefined : named(cell.text) ? country : "other"
}

const personFields: ReadonlyArray<RowField> = ["ssn", "firstName", "lastName", "dateOfBirth"]
const organizationFields: ReadonlyArray<RowField> = ["organizationNumber", "duns"]

/** The kind a row's columns imply when it has no type column: an organisation-number column means an organization. */
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
  /** The adapter's words for its kind and country (`CountryFacts`). */
  readonly words: { readonly kind: ReadonlyArray<string>; readonly country: ReadonlyArray<string> }
}

/**
 * The claim rule of one adapter: `explicit` when the type (or an identifier column that implies
 * it) and the country column name this adapter; `likely` when nothing contradicts it and the
 * identifier has its shape; `no` otherwise.
 */
export const makeClaim = (spec: ClaimSpec): ((row: PortfolioRow, vocabulary: RowVocabulary) => Claim) => {
  const kindWords = new Set(spec.words.kind.map(lettersOf))
  const ownKind = memoized((text: string) => kindWords.has(lettersOf(text)))
  const namesCountry = countryNamer(spec.country, spec.words.country)
  return (row, vocabulary) => {
    const typed = rowKind(row, vocabulary)
    const typeCell = presentCell(row, "type")
    const kind =
      typed === "other" && typeCell !== undefined && ownKind(typeCell.text)
        ? spec.kind
        : (typed ?? impliedKind(row))
    const country = rowCountry(row, spec.country, namesCountry)
    if (kind !== undefined && kind !== spec.kind) return "no"
    if (country !== undefined && country !== spec.country) return "no"
    if (kind === spec.kind && country === spec.country) return "explicit"
    return spec.fitsShape(row, country) ? "likely" : "no"
  }
}
