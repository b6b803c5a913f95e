import { Either, ParseResult, Schema } from "effect"

// Robustness variants of a recorded wire document, for adapter decoding tests: what the API may
// legally send under its change policy (contract §0) — new fields, nulls, empty nodes, new enum
// values, date-times with or without zone. Every variant must still decode.

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const mapDeep = (value: unknown, visit: (value: unknown) => unknown): unknown => {
  const mapped = Array.isArray(value)
    ? value.map((item) => mapDeep(item, visit))
    : isObject(value)
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapDeep(inner, visit)]))
      : value
  return visit(mapped)
}

const futureFields: Readonly<Record<string, Json>> = {
  addedInV99: { nested: [1, "two", null, { deeper: true }] },
  futureFlag: true,
  futureCount: 42
}

/** Unknown fields added to every object at every level. */
export const withUnknownFields = (document: unknown): unknown =>
  mapDeep(document, (value) => (isObject(value) ? { ...value, ...futureFields } : value))

/** Every scalar leaf replaced by null (arrays and objects kept). */
export const withNullLeaves = (document: unknown): unknown =>
  mapDeep(document, (value) => (Array.isArray(value) || isObject(value) ? value : null))

/** Every list emptied and every scalar nulled: the empty-node convention applied everywhere. */
export const withEmptyNodes = (document: unknown): unknown =>
  mapDeep(document, (value) => (Array.isArray(value) ? [] : isObject(value) ? value : null))

const enumLike = /^[A-Z][A-Z0-9_]*$|^[A-Z][a-z]+(?:[A-Z][a-z]+)*$/

/** Every enum-looking string (`LIMITED_COMPANY`, `DetachedHouse`) replaced by an unknown value. */
export const withUnknownEnumValues = (document: unknown): unknown =>
  mapDeep(document, (value) =>
    typeof value === "string" && enumLike.test(value) ? "VALUE_ADDED_LATER" : value
  )

const dateTime = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/

/** Every date-time rewritten with the given suffix, e.g. `""` (zone-less), `"Z"`, `".123+02:00"`. */
export const withDateTimeSuffix = (document: unknown, suffix: string): unknown =>
  mapDeep(document, (value) => {
    if (typeof value !== "string") return value
    const match = dateTime.exec(value)
    return match === null ? value : `${match[1]}${suffix}`
  })

/** Each object or array node replaced by null in turn, one variant per node, with its path. */
export const nodesNulledOneByOne = (document: unknown): ReadonlyArray<readonly [string, unknown]> => {
  const variants: Array<readonly [string, unknown]> = []
  const walk = (
    value: unknown,
    path: ReadonlyArray<string | number>,
    replace: (next: unknown) => unknown
  ) => {
    if (!Array.isArray(value) && !isObject(value)) return
    if (path.length > 0) variants.push([path.join("."), replace(null)])
    const entries: ReadonlyArray<readonly [string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item] as const)
      : Object.entries(value)
    for (const [key, inner] of entries) {
      walk(inner, [...path, key], (next) =>
        replace(
          Array.isArray(value)
            ? value.map((item, index) => (index === key ? next : item))
            : { ...value, [key]: next }
        )
      )
    }
  }
  walk(document, [], (next) => next)
  return variants
}

/** Legacy key spellings: `metadata` → `metaData`, `postalCode` → `postalcode` everywhere. */
export const withLegacySpellings = (document: unknown): unknown =>
  mapDeep(document, (value) =>
    isObject(value)
      ? Object.fromEntries(
          Object.entries(value).map(([key, inner]) => [
            key === "metadata" ? "metaData" : key === "postalCode" ? "postalcode" : key,
            inner
          ])
        )
      : value
  )

/**
 * Every variant above of one document, labelled: what a tolerant result schema must decode.
 * `nodesNulledOneByOne` contributes one variant per object or array node.
 */
export const wireVariants = (document: unknown): ReadonlyArray<readonly [string, unknown]> => [
  ["as recorded", document],
  ["unknown fields at every level", withUnknownFields(document)],
  ["null leaves", withNullLeaves(document)],
  ["empty nodes", withEmptyNodes(document)],
  ["unknown enum values", withUnknownEnumValues(document)],
  ["zone-less date-times", withDateTimeSuffix(document, "")],
  ["UTC date-times", withDateTimeSuffix(document, "Z")],
  ["offset date-times with fractions", withDateTimeSuffix(document, ".123+02:00")],
  ["only keyInformation", isObject(document) ? { keyInformation: document["keyInformation"] } : document],
  ["empty document", {}],
  ...nodesNulledOneByOne(document).map(([path, variant]) => [`${path} = null`, variant] as const)
]

export interface VariantFailure {
  readonly variant: string
  /** Each problem as `path: message`. */
  readonly problems: ReadonlyArray<string>
}

/**
 * Decodes every variant of `document` (with `onExcessProperty: "error"`, which a wire schema must
 * override) and returns the ones that failed; an empty list means the schema is tolerant enough.
 */
export const variantDecodeFailures = <A, I>(
  schema: Schema.Schema<A, I>,
  document: unknown
): ReadonlyArray<VariantFailure> => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error", errors: "all" })
  return wireVariants(document).flatMap(([variant, value]) => {
    const result = decode(value)
    if (Either.isRight(result)) return []
    const problems = ParseResult.ArrayFormatter.formatErrorSync(result.left).map(
      (issue) => `${issue.path.join(".")}: ${issue.message.slice(0, 200)}`
    )
    return [{ variant, problems }]
  })
}
