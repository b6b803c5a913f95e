import { Either, Schema } from "effect"

/** Decodes a JSON text column with `schema`; `fallback` when it is null or does not decode. */
export const decodeOr = <A, I, F>(
  schema: Schema.Schema<A, I, never>,
  text: string | null,
  fallback: F
): A | F =>
  text === null ? fallback : Either.getOrElse(Schema.decodeUnknownEither(schema)(text), (): A | F => fallback)
