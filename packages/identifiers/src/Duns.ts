import type { Issue } from "./Issue.js"
import { isAllDigits, normalizeCell, removeDotsDashes } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, NO_WARNINGS, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "DUNS"

/** Structural only: DUNS has had no enforceable check digit since about 2006 (identifiers.md §8). */
export function validateDuns(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const number = withoutLostPrecision(normalized, options.numeric)
  if (number === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  let digits = removeDotsDashes(number)
  if (digits === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  if (!isAllDigits(digits)) return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits")
  let warnings: ReadonlyArray<Issue> = NO_WARNINGS
  if (digits.length === 8 && options.numeric === true) {
    digits = "0" + digits
    warnings = [issue(TYPE, raw, "W_ZERO_RESTORED", "a leading zero lost in a numeric cell was restored")]
  }
  if (digits.length === 13) {
    return invalid(
      TYPE,
      raw,
      "E_LENGTH",
      "13 digits is the DUNS+4 form; send the first 9 digits if the suffix is 0000"
    )
  }
  if (digits.length !== 9)
    return invalid(TYPE, raw, "E_LENGTH", `it must have 9 digits, not ${digits.length}`)
  if (digits === "000000000")
    return invalid(TYPE, raw, "E_PREFIX", "000000000 is a placeholder, not a DUNS number")
  return valid(TYPE, digits, warnings)
}
