import { Either, Schema } from "effect"
import { isRecord } from "../internal/isRecord.js"

/** At most this many paths per result: a hostile or broken answer must not flood a journal. */
const MAX_PATHS = 50

/**
 * The paths of a result's fields that its schema does not know (`keyInformation.newField`,
 * `roles[].newField`): decoding tolerates them (contract §0 rule 1), this lists them so that a
 * changed API shows up. The decoded value is encoded back — what the schema knows — and compared
 * with the raw JSON; keys are compared without case, as the legacy spellings differ only so.
 * Array items are compared in order (null items, which decoding drops, skipped); paths name no
 * index. Empty when the result does not decode.
 */
export const unknownFields = <A>(
  schema: Schema.Schema<A, unknown>,
  json: unknown,
  /** `json` decoded with `schema`, when the caller has it already. */
  decodedAlready?: A
): ReadonlyArray<string> => {
  const decoded =
    decodedAlready === undefined ? Schema.decodeUnknownEither(schema)(json) : Either.right(decodedAlready)
  if (Either.isLeft(decoded)) return []
  const known = Schema.encodeEither(schema)(decoded.right)
  if (Either.isLeft(known)) return []
  const found = new Set<string>()
  collect(json, known.right, "", found)
  return [...found]
}

const join = (prefix: string, key: string): string => (prefix === "" ? key : `${prefix}.${key}`)

const collect = (raw: unknown, known: unknown, path: string, found: Set<string>): void => {
  if (found.size >= MAX_PATHS) return
  if (Array.isArray(raw)) {
    if (!Array.isArray(known)) return
    const items = raw.filter((item) => item !== null)
    for (const [index, item] of items.entries()) collect(item, known[index], `${path}[]`, found)
    return
  }
  if (!isRecord(raw) || !isRecord(known)) return
  const knownKeys = new Map(Object.keys(known).map((key) => [key.toLowerCase(), key]))
  for (const [key, value] of Object.entries(raw)) {
    const match = knownKeys.get(key.toLowerCase())
    if (match === undefined) {
      if (found.size < MAX_PATHS) found.add(join(path, key))
    } else collect(value, known[match], join(path, key), found)
  }
}
