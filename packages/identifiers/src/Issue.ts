export type ErrorCode =
  | "E_EMPTY"
  | "E_CHARSET"
  | "E_LENGTH"
  | "E_PRECISION_LOST"
  | "E_CHECKSUM"
  | "E_NO_CHECK_DIGIT"
  | "E_PREFIX"
  | "E_DATE"
  | "E_FUTURE_DATE"
  | "E_CENTURY"
  | "E_RANGE"
  | "E_NOT_NATIONAL_ID"
  | "E_TEMPORARY"
  | "E_AMBIGUOUS"

export type WarningCode =
  | "W_ZERO_RESTORED"
  | "W_2032_RULE"
  | "W_CENTURY_ASSUMED"
  | "W_DOB_MISMATCH"
  | "W_SOLE_TRADER"
  | "W_UNLISTED_GROUP"
  | "W_CENTURY_UNKNOWN"
  | "W_BANKID_TEST_SUBJECT"

export type IssueCode = ErrorCode | WarningCode

export interface Issue {
  readonly code: ErrorCode | WarningCode
  readonly message: string
}

export const issueDescriptions: Readonly<Record<ErrorCode | WarningCode, string>> = {
  E_EMPTY: "The cell is empty once spaces, quotes and formatting are removed.",
  E_CHARSET:
    "The value contains a character this identifier cannot contain (letters are never read as digits).",
  E_LENGTH: "The value has the wrong number of digits for this identifier.",
  E_PRECISION_LOST:
    "The value arrived as a decimal or scientific-notation number (e.g. 2.00001E+11); its digits are lost, so re-export the column as text.",
  E_CHECKSUM: "The check digit(s) do not match the other digits, usually a typing error.",
  E_NO_CHECK_DIGIT: "No check digit can make these digits valid, so the issuer never uses this number.",
  E_PREFIX: "The leading digits, prefix or suffix are ones the issuer never uses (including placeholders).",
  E_DATE: "The date inside the identifier is not a real calendar date.",
  E_FUTURE_DATE: "The birth date inside the identifier lies in the future.",
  E_CENTURY: "The century of the birth date cannot be derived from the identifier.",
  E_RANGE: "The serial or individual number is outside the range the issuer uses.",
  E_NOT_NATIONAL_ID:
    "A helper, synthetic, test or interim number that cannot identify a registered person (rejected in production).",
  E_TEMPORARY: "A temporary Finnish identity code (individual number 900-999), rejected in production.",
  E_AMBIGUOUS: "The value fits two identifier types or readings; add a type column or an unambiguous format.",
  W_ZERO_RESTORED: "Leading zeros lost in a numeric spreadsheet cell were restored.",
  W_2032_RULE:
    "The number is valid only under the Norwegian check-digit rule that takes effect on 2032-01-01.",
  W_CENTURY_ASSUMED:
    "A 10-digit Swedish number without - or +; the person was assumed to be under 100 years old.",
  W_DOB_MISMATCH:
    "The supplied date of birth differs from the date inside the identifier (the supplied one is kept).",
  W_SOLE_TRADER:
    "A Swedish organisation column holds a personal identity number (sole trader); this is personal data.",
  W_UNLISTED_GROUP: "A Swedish organisation number with group digit 4, which is not in the published list.",
  W_CENTURY_UNKNOWN: "The century of the birth date cannot be derived; no date of birth is given.",
  W_BANKID_TEST_SUBJECT:
    "One of BankID's published test subjects: public test data known only in BankID's test environment, accepted in test mode only (test organisation numbers fail the check digit and are refused in production)."
}
