/**
 * The national identity numbers a log line must never carry, as shapes in running text, with
 * the field names that hold them. Over-redaction is accepted: an 11-digit number that is not a
 * fødselsnummer is rare in a log, a leaked one is not acceptable. The adapters hand these to the
 * core's logger (`CountryFacts.identityNumbers`).
 */
export interface IdentityNumberPatterns {
  readonly patterns: ReadonlyArray<RegExp>
  readonly fieldNames: ReadonlyArray<string>
}

/** Norwegian fødselsnummer, D-, H- and synthetic numbers: any 11 digits, optionally split 6+5. */
export const noIdentityNumbers: IdentityNumberPatterns = {
  patterns: [/(?<![0-9A-Za-z])\d{6}[\s\u00a0]?\d{5}(?![0-9A-Za-z])/g],
  fieldNames: ["fnr", "fodselsnummer", "fødselsnummer", "dnummer"]
}

/** Swedish personnummer / samordningsnummer, 10 or 12 digits, optional `-` or `+`. */
export const seIdentityNumbers: IdentityNumberPatterns = {
  patterns: [
    /(?<![0-9A-Za-z])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+]?\d{4}(?![0-9A-Za-z])/g
  ],
  fieldNames: ["personnummer", "samordningsnummer"]
}

/** Finnish HETU: DDMMYY, century sign, individual number, check character. */
export const fiIdentityNumbers: IdentityNumberPatterns = {
  patterns: [
    /(?<![0-9A-Za-z])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![0-9A-Za-z])/g
  ],
  fieldNames: ["hetu", "henkilotunnus"]
}

/**
 * Danish CPR number: DDMMYY, optional hyphen, four digits (no check digit since 2007). Not an
 * organisation identifier, but one can land in a portfolio's organisation column.
 */
export const dkIdentityNumbers: IdentityNumberPatterns = {
  patterns: [/(?<![0-9A-Za-z])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?![0-9A-Za-z])/g],
  fieldNames: ["cpr", "cprnummer", "personnummer"]
}
