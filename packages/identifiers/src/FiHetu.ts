import { dateKey, isDayMonth, isoDate, todayKey } from "./internal/dates.js"
import { isAllDigits, normalizeCell, pairAt } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, NO_WARNINGS, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "FI_HETU"
const CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
const CHARSET = /^[0-9A-Z+-]*$/

/** Century of each sign, 2023 decree included; undefined for anything else. */
function signCentury(sign: string): number | undefined {
  if (sign === "+") return 1800
  if (sign === "-" || (sign >= "U" && sign <= "Y")) return 1900
  return sign >= "A" && sign <= "F" ? 2000 : undefined
}

export function validateFiHetu(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const s = withoutLostPrecision(normalized, options.numeric)
  if (s === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  if (!CHARSET.test(s)) return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits, letters, + and -")
  if (s.length !== 11) return invalid(TYPE, raw, "E_LENGTH", `it must have 11 characters, not ${s.length}`)
  const date = s.slice(0, 6)
  const individual = s.slice(7, 10)
  const control = s.charAt(10)
  if (!isAllDigits(date) || !isAllDigits(individual) || CONTROL.indexOf(control) < 0) {
    return invalid(TYPE, raw, "E_CHARSET", "a character is not allowed at its position")
  }
  const century = signCentury(s.charAt(6))
  if (century === undefined) return invalid(TYPE, raw, "E_CENTURY", "the 7th character is not a century sign")
  // Below 10^9, so the remainder is exact in a double.
  if (CONTROL.charAt(Number(date + individual) % 31) !== control) {
    return invalid(TYPE, raw, "E_CHECKSUM", "the control character does not match")
  }
  const day = pairAt(s, 0)
  const month = pairAt(s, 2)
  const year = century + pairAt(s, 4)
  if (!isDayMonth(day, month, year))
    return invalid(TYPE, raw, "E_DATE", "the birth date is not a calendar date")
  if (dateKey(year, month, day) > todayKey(options.today)) {
    return invalid(TYPE, raw, "E_FUTURE_DATE", "the birth date lies in the future")
  }
  const n = Number(individual)
  if (n < 2) return invalid(TYPE, raw, "E_RANGE", "individual numbers 000 and 001 are never used")
  const temporary = n >= 900
  if (temporary && options.mode === "production") {
    return invalid(TYPE, raw, "E_TEMPORARY", "individual numbers 900–999 are temporary or artificial")
  }
  return valid(TYPE, s, NO_WARNINGS, temporary ? "TEMPORARY" : "ORDINARY", isoDate(year, month, day))
}
