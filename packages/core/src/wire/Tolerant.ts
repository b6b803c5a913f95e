import { DateTime, Option, Schema } from "effect"
import { isRecord } from "../internal/isRecord.js"

/**
 * Every response property is optional and nullable (contract §0 rule 2). `exact` keeps
 * "absent" and `null` apart in the decoded value, so "not requested" stays distinguishable.
 */
export const opt = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/** A string outside the known values, kept as is (contract §0 rule 3). */
export type OpenString = string & {}

const AnyString: Schema.Schema<OpenString> = Schema.String

/** Known literals or any other string: `KnownValue | (string & {})`. Never fails on a new value. */
export const OpenEnum = <const Known extends ReadonlyArray<string>>(...known: Known) =>
  Schema.Union(Schema.Literal(...known), AnyString)

/**
 * Struct that ignores unknown properties on decode even when a caller asks for
 * `onExcessProperty: "error"`: BankID adds fields without versioning (contract §0 rule 1).
 */
export const WireStruct = <Fields extends Schema.Struct.Fields>(fields: Fields, identifier?: string) =>
  Schema.Struct(fields).annotations({
    parseOptions: { onExcessProperty: "ignore" },
    ...(identifier === undefined ? {} : { identifier })
  })

const arrayOf = <A>() =>
  Schema.declare((input: unknown): input is ReadonlyArray<A> => Array.isArray(input), { identifier: "Array" })

/**
 * A list whose `null` items are dropped: a null item carries nothing, and one bad entry must not
 * cost the whole paid-for result.
 */
export const WireArray = <S extends Schema.Schema.Any>(item: S) =>
  Schema.transform(Schema.Array(Schema.NullOr(item)), arrayOf<Schema.Schema.Type<S>>(), {
    strict: true,
    decode: (items) => items.filter((entry): entry is Schema.Schema.Type<S> => entry !== null),
    encode: (items) => items
  })

/** An optional, nullable list (contract §0 rule 2) whose null items are dropped. */
export const optList = <S extends Schema.Schema.Any>(item: S) => opt(WireArray(item))

/** An open map of scalar values, e.g. `ownership.indicators` or `nationalFields`. */
export const OpenMap = Schema.Record({ key: Schema.String, value: Schema.Unknown })

// Date part mandatory; time, fraction and zone optional (contract §9: zone is sometimes missing).
const dateTimePattern =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/** ISO-8601 date-time with or without a zone designator, kept as the wire string. */
export const WireDateTime = Schema.String.pipe(
  Schema.pattern(dateTimePattern, { identifier: "WireDateTime" })
)

/**
 * `YYYY-MM-DD`; a date-time is tolerated because legacy sources sometimes send one. The same
 * schema as `WireDateTime`, named for what the field holds.
 * @alias
 */
export const WireDate = WireDateTime

const zonePattern = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/**
 * The instant a wire date-time denotes. A zone-less value is wall-clock time in `assumedZone`
 * (the zone BankID's API runs in, unless the caller knows better).
 */
export const wireDateTimeToUtc = (
  value: string,
  assumedZone = "Europe/Oslo"
): Option.Option<DateTime.Utc> => {
  const iso = value.replace(" ", "T")
  if (!dateTimePattern.test(value)) return Option.none()
  const dateOnly = iso.length === 10
  if (zonePattern.test(iso.slice(10)) && !dateOnly) return DateTime.make(iso)
  return DateTime.makeZoned(`${iso}${dateOnly ? "T00:00:00" : ""}Z`, {
    timeZone: assumedZone,
    adjustForTimeZone: true
  }).pipe(Option.map(DateTime.toUtc))
}

/**
 * Accepts legacy key spellings (e.g. `metaData`, `postalcode`) and decodes them to one canonical
 * property. When both spellings are present the canonical one wins unless it is null/absent.
 */
export const withKeyAliases = <S extends Schema.Schema.Any>(
  schema: S,
  aliases: Readonly<Record<string, ReadonlyArray<string>>>
) =>
  Schema.transform(Schema.Unknown, schema, {
    strict: false,
    decode: (input) => renameAliases(input, aliases),
    encode: (output) => output
  })

const renameAliases = (input: unknown, aliases: Readonly<Record<string, ReadonlyArray<string>>>): unknown => {
  if (!isRecord(input)) return input
  const out: Record<string, unknown> = { ...input }
  for (const [canonical, alternates] of Object.entries(aliases)) {
    for (const alternate of alternates) {
      if (!(alternate in out)) continue
      const value = out[alternate]
      delete out[alternate]
      if (out[canonical] === undefined || (out[canonical] === null && value !== null)) out[canonical] = value
    }
  }
  return out
}

/**
 * The schema as an adapter's `resultSchema`: decodes from `unknown` (parsed JSON of any shape),
 * so every country's model fits the one `Schema<Result, unknown>` slot of the registry.
 */
export const fromWire = <A, I>(schema: Schema.Schema<A, I>): Schema.Schema<A, unknown> =>
  Schema.transform(Schema.Unknown, schema, {
    strict: false,
    decode: (input) => input,
    encode: (input) => input
  })
