import { Schema } from "effect"

/** A string or null, as the wire and the journal write an absent text. */
export const NullableString = Schema.NullOr(Schema.String)
