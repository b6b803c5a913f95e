import { Schema } from "effect"
import { Wire } from "@nordscreen/core"

/** Validated input of a person session (contract §5.3). */
export interface PersonInput {
  readonly firstName?: string
  readonly lastName?: string
  /** Full name, when the portfolio does not split it. */
  readonly name?: string
  /** Norwegian national identity number (fødselsnummer / D-number), 11 digits. */
  readonly ssn?: string
  /** `YYYY-MM-DD`; always sent, derived from `ssn` when the portfolio has no date column. */
  readonly dateOfBirth: string
}

const optionalText = Schema.optionalWith(Schema.String, { exact: true })

/** The encoded (JSON) form of a `PersonInput`, as a request carries it. */
export const PersonInputSchema: Schema.Schema<PersonInput, unknown> = Wire.fromWire(
  Schema.Struct({
    firstName: optionalText,
    lastName: optionalText,
    name: optionalText,
    ssn: optionalText,
    dateOfBirth: Schema.String
  })
)
