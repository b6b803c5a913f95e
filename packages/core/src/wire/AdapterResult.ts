import { type Either, type ParseResult, Schema } from "effect"
import type { Adapter } from "../Adapter.js"

/**
 * A decoder of an adapter's JSON result (e.g. a stored `result.json` read back), built once and
 * reused: unknown fields, nulls and open enum values pass, a value of the wrong type fails.
 */
export const resultDecoder = <Input, Result>(
  adapter: Adapter<Input, Result>
): ((json: unknown) => Either.Either<Result, ParseResult.ParseError>) =>
  Schema.decodeUnknownEither(adapter.resultSchema)
