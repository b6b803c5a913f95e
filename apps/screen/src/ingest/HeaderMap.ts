import type { RowField } from "@nordscreen/core"
import { Either } from "effect"
import { PortfolioFileError } from "./PortfolioFileError.js"

/** Column index → canonical field, plus the header text of each mapped field. */
export interface HeaderMapping {
  readonly fields: ReadonlyArray<{
    readonly index: number
    readonly field: RowField
    readonly header: string
  }>
  /** Header texts that map to no field (ignored). */
  readonly ignored: ReadonlyArray<string>
}

/** `--map` entries: header text → field name (or an alias of one), `-` to ignore a column. */
export type HeaderOverrides = ReadonlyArray<readonly [header: string, field: string]>

export const rowFields: ReadonlyArray<RowField> = [
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

const identifierFields: ReadonlyArray<RowField> = ["identifier", "organizationNumber", "duns", "ssn"]

const aliases: Readonly<Record<RowField, ReadonlyArray<string>>> = {
  type: [
    "type",
    "typ",
    "tyyppi",
    "kundetype",
    "kundtyp",
    "asiakastyyppi",
    "customer type",
    "entity type",
    "kind"
  ],
  country: ["country", "land", "maa", "country code", "landkode", "landskod", "maakoodi", "nationality"],
  identifier: [
    "identifier",
    "identifikator",
    "id number",
    "id nummer",
    "idnr",
    "tunniste",
    "tunnus",
    "registration id",
    "national or organisation id"
  ],
  organizationNumber: [
    "orgnr",
    "org nr",
    "org no",
    "orgno",
    "organisasjonsnummer",
    "organisasjonsnr",
    "organisationsnummer",
    "organization number",
    "organisation number",
    "organization id",
    "company number",
    "company id",
    "registration number",
    "foretaksnummer",
    "foretaksregisteret",
    "y-tunnus",
    "ytunnus",
    "business id",
    "y tunnus",
    "vat number",
    "mva nummer"
  ],
  duns: ["duns", "duns number", "duns nummer", "d-u-n-s", "duns no"],
  ssn: [
    "fodselsnummer",
    "fodselsnr",
    "fnr",
    "d-nummer",
    "personnummer",
    "pnr",
    "personnr",
    "samordningsnummer",
    "hetu",
    "henkilotunnus",
    "ssn",
    "national id",
    "national identity number",
    "personal identity number",
    "social security number",
    "person id"
  ],
  name: [
    "name",
    "navn",
    "namn",
    "nimi",
    "full name",
    "fullt navn",
    "company name",
    "firmanavn",
    "foretaksnavn",
    "foretagsnamn",
    "yrityksen nimi",
    "kundenavn",
    "kundnamn",
    "asiakkaan nimi",
    "customer name"
  ],
  firstName: ["first name", "firstname", "given name", "fornavn", "fornamn", "etunimi", "etunimet"],
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
    "id",
    "customer id",
    "customer number",
    "customer no",
    "customer reference",
    "client id",
    "kundenummer",
    "kundenr",
    "kundnummer",
    "kundnr",
    "kunde id",
    "referanse",
    "referens",
    "asiakasnumero",
    "asiakasnro",
    "viite"
  ]
}

/**
 * Comparison key of a header: accents and case folded, Nordic letters spelled out the way they
 * are typed without them, anything in brackets dropped, punctuation and spaces removed — so
 * `Org.nr.`, `ORG NR` and `orgnr` match, as do `Fødselsnummer` and `fodselsnummer`.
 */
export const headerKey = (header: string): string =>
  header
    .replace(/\(.*?\)|\[.*?\]/g, " ")
    .toLowerCase()
    .replace(/[øœ]/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/đ/g, "d")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]/gu, "")

const byKey: ReadonlyMap<string, RowField> = new Map(
  rowFields.flatMap((field) => [field, ...aliases[field]].map((alias) => [headerKey(alias), field] as const))
)

/** The field a header names, if any. A combined header (`Orgnr/Fnr`) is the generic `identifier`. */
export const fieldOfHeader = (header: string): RowField | undefined => {
  const direct = byKey.get(headerKey(header))
  if (direct !== undefined) return direct
  const parts = header.split(/\s*(?:\/|\||\s+or\s+|\s+eller\s+|\s+tai\s+)\s*/i).filter((p) => p.trim() !== "")
  if (parts.length < 2) return undefined
  const fields = parts.map((part) => byKey.get(headerKey(part)))
  return fields.every((field) => field !== undefined && identifierFields.includes(field))
    ? "identifier"
    : undefined
}

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

const resolveOverride = (
  file: string,
  headers: ReadonlyArray<string>,
  [column, target]: readonly [string, string]
): Either.Either<readonly [number, RowField | null], PortfolioFileError> => {
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
    const chosen = new Map<number, RowField | null>()
    for (const override of overrides) {
      const [index, field] = yield* resolveOverride(file, headers, override)
      chosen.set(index, field)
    }
    const fields: Array<{ index: number; field: RowField; header: string }> = []
    const ignored: Array<string> = []
    headers.forEach((header, index) => {
      const field = chosen.has(index) ? chosen.get(index) : fieldOfHeader(header)
      if (field === undefined || field === null) {
        if (header.trim() !== "") ignored.push(header)
        return
      }
      fields.push({ index, field, header })
    })
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
    if (!fields.some((f) => identifierFields.includes(f.field)))
      return yield* Either.left(
        new PortfolioFileError({
          file,
          reason: "NO_IDENTIFIER_COLUMN",
          message: `${file}: no identifier column (organisation number, national identity number, DUNS) in the header row; columns found: ${describeColumns(headers)}. Name the column with --map "<column>=identifier".`
        })
      )
    return { fields, ignored }
  })
