import { mod11CheckDigit } from "./internal/checksum.js"
import { digitAt, isAllDigits, normalizeCell, removeDotsDashesCommas } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, NO_WARNINGS, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "DK_CVR"
/** Erhvervsstyrelsen's modulus-11 control: Σ over all 8 digits with these weights ≡ 0 (mod 11). */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2]
// "CVR-nr. 12345678", "CVR: 12 34 56 78"; the VAT form is "DK" + the CVR number.
const LABEL = /^CVR(?:-?NR)?\.?:?/
const P_NUMBER_LENGTH = 10

/**
 * identifiers.md §6a: Danish CVR number. 8 digits, the first never 0 (numbers run from
 * 10000000), the last a modulus-11 check digit. A numeric cell cannot lose a leading zero, so
 * none is restored; Danish grouping (`12 34 56 78`, `12.345.678`) is removed.
 */
export function validateDkCvr(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const number = withoutLostPrecision(normalized, options.numeric)
  if (number === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  const unlabelled = number.replace(LABEL, "")
  const digits = removeDotsDashesCommas(unlabelled.startsWith("DK") ? unlabelled.slice(2) : unlabelled)
  if (digits === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  if (!isAllDigits(digits)) return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits")
  if (digits.length !== 8) {
    const hint =
      digits.length === P_NUMBER_LENGTH
        ? " (10 digits is a P-number of a production unit; use the company's CVR number)"
        : ""
    return invalid(TYPE, raw, "E_LENGTH", `it must have 8 digits, not ${digits.length}${hint}`)
  }
  if (digits.startsWith("0")) return invalid(TYPE, raw, "E_PREFIX", "no CVR number starts with 0")
  const expected = mod11CheckDigit(digits, WEIGHTS)
  if (expected < 0) {
    return invalid(TYPE, raw, "E_NO_CHECK_DIGIT", "no check digit can make the first 7 digits valid")
  }
  if (digitAt(digits, 7) !== expected) {
    return invalid(TYPE, raw, "E_CHECKSUM", `the check digit does not match (expected ${expected})`)
  }
  return valid(TYPE, digits, NO_WARNINGS)
}
