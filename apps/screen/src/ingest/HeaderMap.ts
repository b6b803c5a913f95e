import type { Adapter } from "@nordscreen/core"
import { Either } from "effect"
import { PortfolioFileError } from "./PortfolioFileError.js"

/** Column index → canonical field, plus the header text of each mapped field. */
export interface HeaderMapping {
  readonly fields: ReadonlyArray<{
    readonly index: number
    readonly field: Adapter.RowField
    readonly header: string
  }>
  /** Header texts that map to no field (ignored). */
  readonly ignored: ReadonlyArray<string>
}

/** `--map` entries: header text → field name (or an alias of one), `-` to ignore a column. */
export type HeaderOverrides = ReadonlyArray<readonly [header: string, field: string]>

export const rowFields: ReadonlyArray<Adapter.RowField> = [
  "type",
  "country",
  "identifier",
  "organizationNumber",
  "duns",
  "ssn",
  "name",
  "firstName",
  "lastName",
  "dateOfBirth",
  "reference"
]

const identifierFields: ReadonlyArray<Adapter.RowField> = ["identifier", "organizationNumber", "duns", "ssn"]

/**
 * Spellings of each field in English, Norwegian, Swedish, Danish and Finnish. They are compared
 * by `headerKey`, so case, punctuation, accents, spaces and the way "number" is abbreviated
 * (`number`, `no.`, `nr`, `nummer`, `#`) do not matter: "org number", "Org. no." and "ORGNR" are
 * one entry.
 */
const aliases: Readonly<Record<Adapter.RowField, ReadonlyArray<string>>> = {
  type: [
    "type",
    "typ",
    "tyyppi",
    "entity type",
    "customer type",
    "client type",
    "party type",
    "legal entity type",
    "kind",
    "person or company",
    "company or person",
    "person/company",
    "company/person",
    "kundetype",
    "kundtyp",
    "kundtype",
    "entitetstype",
    "entitetstyp",
    "aktortype",
    "asiakastyyppi"
  ],
  country: [
    "country",
    "country code",
    "country iso",
    "iso country",
    "country of registration",
    "country of incorporation",
    "registration country",
    "jurisdiction",
    "land",
    "landkode",
    "landekode",
    "landskod",
    "maa",
    "maakoodi",
    "valtio"
  ],
  identifier: [
    "identifier",
    "identifikator",
    "id number",
    "identification number",
    "identity number",
    "identitetsnummer",
    "registration id",
    "national or organisation id",
    "national or organization id",
    "organisation or personal number",
    "organization or personal number",
    "tunniste"
  ],
  organizationNumber: [
    "orgnr",
    "orgno",
    "org number",
    "org id",
    "organisation number",
    "organization number",
    "organisation id",
    "organization id",
    "organisasjonsnummer",
    "organisationsnummer",
    "company number",
    "company id",
    "company registration number",
    "company reg number",
    "company/registration number",
    "registration number",
    "reg number",
    "business id",
    "business identity code",
    "business registration number",
    "corporate id",
    "corporate identity number",
    "corporate registration number",
    "enterprise number",
    "foretaksnummer",
    "foretaksregisteret",
    "virksomhedsnummer",
    "cvr",
    "cvr nummer",
    "y-tunnus",
    "ytunnus",
    "y tunnus",
    "yritystunnus",
    "vat number",
    "mva nummer"
  ],
  duns: ["duns", "duns number", "d-u-n-s", "d-u-n-s number"],
  ssn: [
    "ssn",
    "social security number",
    "national id",
    "national id number",
    "national identity number",
    "national identification number",
    "personal number",
    "personal id",
    "personal id number",
    "personal identity number",
    "personal identification number",
    "person number",
    "person id",
    "coordination number",
    "d number",
    "fodselsnummer",
    "fnr",
    "personnummer",
    "pnr",
    "samordningsnummer",
    "cpr",
    "cpr nummer",
    "hetu",
    "henkilotunnus",
    "sosiaaliturvatunnus"
  ],
  name: [
    "name",
    "navn",
    "namn",
    "nimi",
    "full name",
    "fullt navn",
    "fullstandigt namn",
    "legal name",
    "registered name",
    "company name",
    "entity name",
    "organisation name",
    "organization name",
    "business name",
    "customer name",
    "client name",
    "person name",
    "firmanavn",
    "foretaksnavn",
    "foretagsnamn",
    "virksomhedsnavn",
    "selskabsnavn",
    "yrityksen nimi",
    "toiminimi",
    "kundenavn",
    "kundnamn",
    "asiakkaan nimi"
  ],
  firstName: [
    "first name",
    "firstname",
    "given name",
    "given names",
    "forename",
    "fornavn",
    "fornamn",
    "etunimi",
    "etunimet"
  ],
  lastName: [
    "last name",
    "lastname",
    "surname",
    "family name",
    "etternavn",
    "efternavn",
    "efternamn",
    "sukunimi"
  ],
  dateOfBirth: [
    "date of birth",
    "dob",
    "birth date",
    "birthdate",
    "born",
    "fodselsdato",
    "fodt",
    "fodelsedatum",
    "fodelsedag",
    "syntymaaika",
    "syntymapaiva"
  ],
  reference: [
    "reference",
    "ref",
    "customer id",
    "customer number",
    "customer reference",
    "client id",
    "client number",
    "client reference",
    "account number",
    "internal id",
    "internal reference",
    "your reference",
    "kundenummer",
    "kunde id",
    "kundnummer",
    "kund id",
    "referanse",
    "referens",
    "asiakasnumero",
    "asiakasnro",
    "viite"
  ]
}

/**
 * Words that often name a field but as often something else beside a clearer column: such a
 * header fills its field only when no other column does (`ID` is the reference unless there is a
 * `Customer number`; `Company` is the name unless there is a `Company name`), so that a sheet
 * with both is not refused as having two columns for one field.
 */
const weakAliases: Partial<Readonly<Record<Adapter.RowField, ReadonlyArray<string>>>> = {
  country: ["nationality", "domicile"],
  identifier: ["id nummer", "idnr", "tunnus"],
  name: ["company", "customer", "client", "entity", "kunde", "kund", "firma", "foretag", "yritys", "asiakas"],
  reference: ["id", "number"]
}

/** How "number" is written before or inside a header: one key for all of them. */
const numberWords = new Set(["number", "nummer", "numero", "numer", "num", "nbr", "no", "nr", "nro"])

/**
 * Comparison key of a header: accents and case folded, Nordic letters spelled out the way they
 * are typed without them, anything in brackets dropped, every spelling of "number" made `nr`,
 * punctuation and spaces removed — so `Org.nr.`, `ORG NUMBER`, `Org. no.` and `orgnr` match, as
 * do `Fødselsnummer` and `fodselsnr`.
 */
const headerKey = (header: string): string =>
  header
    .replace(/\(.*?\)|\[.*?\]/g, " ")
    .toLowerCase()
    .replace(/[øœ]/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/đ/g, "d")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\bn:o\b|#/g, " nr ")
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => (numberWords.has(word) ? "nr" : word.replace(/(?:nummer|number|numero)$/, "nr")))
    .join("")

const keyTable = (
  table: Partial<Readonly<Record<Adapter.RowField, ReadonlyArray<string>>>>,
  withNames: boolean
) =>
  new Map(
    rowFields.flatMap((field) =>
      [...(withNames ? [field] : []), ...(table[field] ?? [])].map(
        (alias) => [headerKey(alias), field] as const
      )
    )
  )

const byKey: ReadonlyMap<string, Adapter.RowField> = keyTable(aliases, true)
const byWeakKey: ReadonlyMap<string, Adapter.RowField> = keyTable(weakAliases, false)

/** Every spelling that is recognised, by field (for tests and documentation). */
export const headerAliases = (field: Adapter.RowField): ReadonlyArray<string> => [
  field,
  ...aliases[field],
  ...(weakAliases[field] ?? [])
]

const combined = (header: string): Adapter.RowField | undefined => {
  const parts = header.split(/\s*(?:\/|\||\s+or\s+|\s+eller\s+|\s+tai\s+)\s*/i).filter((p) => p.trim() !== "")
  if (parts.length < 2) return undefined
  const fields = parts.map((part) => byKey.get(headerKey(part)))
  return fields.every((field) => field !== undefined && identifierFields.includes(field))
    ? "identifier"
    : undefined
}

const matchHeader = (
  header: string
): { readonly field: Adapter.RowField; readonly weak: boolean } | undefined => {
  const key = headerKey(header)
  const field = byKey.get(key) ?? combined(header)
  if (field !== undefined) return { field, weak: false }
  const weak = byWeakKey.get(key)
  return weak === undefined ? undefined : { field: weak, weak: true }
}

/** The field a header names, if any. A combined header (`Orgnr/Fnr`) is the generic `identifier`. */
export const fieldOfHeader = (header: string): Adapter.RowField | undefined => matchHeader(header)?.field

const printable = (header: string): string => {
  const clean = header.replace(/\p{C}/gu, "?").trim()
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean === "" ? "(blank)" : clean
}

const describeColumns = (headers: ReadonlyArray<string>): string =>
  headers.length === 0
    ? "none"
    : headers
        .slice(0, 30)
        .map((h) => `"${printable(h)}"`)
        .join(", ")

/** Parts of a header key that hint at what an unrecognised column holds. */
const hints: Partial<Record<Adapter.RowField, RegExp>> = {
  identifier: /id|nr|tunnus|code|kod|koodi/,
  organizationNumber:
    /org|reg|compan|business|corporat|enterprise|foretak|foretag|virksomhed|cvr|vat|mva|ytunnus|yritys/,
  duns: /duns/,
  ssn: /person|national|ssn|social|birth|fodsel|cpr|hetu|henkilo|pnr|fnr/,
  name: /name|navn|namn|nimi/,
  firstName: /first|given|fornavn|fornamn|etunimi/,
  lastName: /last|sur|family|etternavn|efternavn|efternamn|sukunimi/,
  dateOfBirth: /birth|born|dob|fodt|fodsel|fodelse|syntyma/
}

/** The unrecognised column most likely to hold `field`, if one stands out. */
const suggestColumn = (field: Adapter.RowField, unmapped: ReadonlyArray<string>): string | undefined => {
  const candidates = unmapped.filter((header) => header.trim() !== "")
  const hint = hints[field] ?? hints.identifier!
  const hinted = candidates.filter((header) => hint.test(headerKey(header)))
  if (hinted.length >= 1) return hinted[0]
  return candidates.length === 1 ? candidates[0] : undefined
}

/** The exact `--map` option that maps `column` to `field` (a placeholder when none is known). */
const mapOption = (column: string | undefined, field: Adapter.RowField): string =>
  `--map "${column === undefined ? "<column>" : column.trim().replace(/"/g, '\\"')}=${field}"`

/** What a missing column holds, in words. */
const fieldWords: Readonly<Record<Adapter.RowField, string>> = {
  type: "the entity type",
  country: "the country",
  identifier: "identifiers",
  organizationNumber: "organisation numbers",
  duns: "DUNS numbers",
  ssn: "national identity numbers",
  name: "names",
  firstName: "first names",
  lastName: "last names",
  dateOfBirth: "dates of birth",
  reference: "references"
}

/**
 * The one header-level message for a field that rows need and no column gives: which field, the
 * columns there are, and the `--map` that would fix it.
 */
export const missingColumnMessage = (
  field: Adapter.RowField,
  headers: ReadonlyArray<string>,
  mapping: HeaderMapping
): string =>
  `no column of ${fieldWords[field]} (field ${field}) was recognised in the header row; columns found: ${describeColumns(headers)}. Name the column that holds them, e.g. ${mapOption(suggestColumn(field, mapping.ignored), field)}.`

const resolveOverride = (
  file: string,
  headers: ReadonlyArray<string>,
  [column, target]: readonly [string, string]
): Either.Either<readonly [number, Adapter.RowField | null], PortfolioFileError> => {
  const index = headers.findIndex((h) => h.trim() === column.trim())
  const fallback = index >= 0 ? index : headers.findIndex((h) => headerKey(h) === headerKey(column))
  if (fallback < 0)
    return Either.left(
      new PortfolioFileError({
        file,
        reason: "BAD_MAPPING",
        message: `--map names column "${column}", which ${file} does not have; columns found: ${describeColumns(headers)}.`
      })
    )
  if (target.trim() === "-") return Either.right([fallback, null] as const)
  const field =
    rowFields.find((f) => f.toLowerCase() === target.trim().toLowerCase()) ?? byKey.get(headerKey(target))
  if (field === undefined)
    return Either.left(
      new PortfolioFileError({
        file,
        reason: "BAD_MAPPING",
        message: `--map ${column}=${target}: unknown field "${target}"; fields are ${rowFields.join(", ")} (or - to ignore).`
      })
    )
  return Either.right([fallback, field] as const)
}

/**
 * Maps header texts to canonical fields: `--map` overrides first, then names and aliases in
 * Norwegian, Swedish, Finnish and English. Fails when no identifier-like column is found (the
 * message lists the columns that were) or when two columns would fill the same field.
 */
export const mapHeaders = (
  file: string,
  headers: ReadonlyArray<string>,
  overrides: HeaderOverrides = []
): Either.Either<HeaderMapping, PortfolioFileError> =>
  Either.gen(function* () {
    const chosen = new Map<number, Adapter.RowField | null>()
    for (const override of overrides) {
      const [index, field] = yield* resolveOverride(file, headers, override)
      chosen.set(index, field)
    }
    const fields: Array<{ index: number; field: Adapter.RowField; header: string }> = []
    const weak: Array<{ index: number; field: Adapter.RowField; header: string }> = []
    const ignored = new Set<number>()
    headers.forEach((header, index) => {
      const match = chosen.has(index)
        ? (() => {
            const field = chosen.get(index)
            return field === null || field === undefined ? undefined : { field, weak: false }
          })()
        : matchHeader(header)
      if (match === undefined) ignored.add(index)
      else (match.weak ? weak : fields).push({ index, field: match.field, header })
    })
    for (const candidate of weak) {
      if (fields.some((f) => f.field === candidate.field)) ignored.add(candidate.index)
      else fields.push(candidate)
    }
    fields.sort((a, b) => a.index - b.index)
    for (const field of rowFields) {
      const same = fields.filter((f) => f.field === field)
      if (same.length > 1)
        return yield* Either.left(
          new PortfolioFileError({
            file,
            reason: "DUPLICATE_COLUMN",
            message: `${file}: columns ${same.map((f) => `"${printable(f.header)}"`).join(" and ")} both map to ${field}; use --map to pick one (e.g. --map "${printable(same[1]!.header)}=-").`
          })
        )
    }
    const unmapped = [...ignored].sort((a, b) => a - b).map((index) => headers[index] ?? "")
    if (!fields.some((f) => identifierFields.includes(f.field)))
      return yield* Either.left(
        new PortfolioFileError({
          file,
          reason: "NO_IDENTIFIER_COLUMN",
          message: `${file}: no identifier column (organisation number, national identity number, DUNS) in the header row; columns found: ${describeColumns(headers)}. Name the column that holds them, e.g. ${mapOption(suggestColumn("identifier", unmapped), "identifier")}.`
        })
      )
    return { fields, ignored: unmapped.filter((header) => header.trim() !== "") }
  })
