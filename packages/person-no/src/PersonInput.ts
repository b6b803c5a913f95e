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
