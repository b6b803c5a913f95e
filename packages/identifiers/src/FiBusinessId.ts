import type { Issue } from "./Issue.js"
import { mod11CheckDigit } from "./internal/checksum.js"
import { digitAt, isAllDigits, normalizeCell } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, NO_WARNINGS, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "FI_BUSINESS_ID"
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2]

export function validateFiBusinessId(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const number = withoutLostPrecision(normalized, options.numeric)
  if (number === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  const s = number.startsWith("FI") ? number.slice(2) : number
  if (s === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const hyphen = s.indexOf("-")
  const stemPart = hyphen < 0 ? s : s.slice(0, hyphen)
  const checkPart = hyphen < 0 ? "" : s.slice(hyphen + 1)
  if (!isAllDigits(stemPart) || (hyphen >= 0 && !isAllDigits(checkPart))) {
    return invalid(TYPE, raw, "E_CHARSET", "it must be 7 digits, a hyphen and a check digit")
  }
  let warnings: ReadonlyArray<Issue> = NO_WARNINGS
  let stem: string
  let check: string
  if (hyphen >= 0) {
    if (checkPart.length !== 1 || (stemPart.length !== 7 && stemPart.length !== 6)) {
      return invalid(TYPE, raw, "E_LENGTH", "it must be 7 digits, a hyphen and one check digit")
    }
    // Legacy 6-digit stems are the same number with a leading zero.
    stem = stemPart.padStart(7, "0")
    check = checkPart
  } else {
    let digits = s
    if (digits.length === 7 && options.numeric === true) {
      digits = "0" + digits
      warnings = [issue(TYPE, raw, "W_ZERO_RESTORED", "a leading zero lost in a numeric cell was restored")]
    }
    if (digits.length !== 8) {
      const hint = digits.length === 7 ? " (the check digit is missing)" : ""
      return invalid(TYPE, raw, "E_LENGTH", `it must have 8 digits, not ${digits.length}${hint}`)
    }
    stem = digits.slice(0, 7)
    check = digits.slice(7)
  }
  const expected = mod11CheckDigit(stem, WEIGHTS)
  if (expected < 0) {
    return invalid(
      TYPE,
      raw,
      "E_NO_CHECK_DIGIT",
      "no check digit can make the first 7 digits valid",
      warnings
    )
  }
  if (digitAt(check, 0) !== expected) {
    return invalid(TYPE, raw, "E_CHECKSUM", `the check digit does not match (expected ${expected})`, warnings)
  }
  return valid(TYPE, stem + "-" + check, warnings)
}
