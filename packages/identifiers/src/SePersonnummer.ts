import type { Issue } from "./Issue.js"
import { luhnCheckDigit } from "./internal/checksum.js"
import { dateKey, daysInMonth, isDayMonth, isoDate, todayKey, todayYear } from "./internal/dates.js"
import { digitAt, isAllDigits, normalizeCell, pairAt } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "SE_PERSONNUMMER"
// Interim numbers carry a letter in the first serial position (personnummer/meta testdata).
const INTERIM = /^(?:\d{6}|\d{8})[-+]?[TRSUWXJKLMN]\d{3}$/

export function validateSePersonnummer(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const s = withoutLostPrecision(normalized, options.numeric)
  if (s === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  if (INTERIM.test(s)) {
    return invalid(
      TYPE,
      raw,
      "E_NOT_NATIONAL_ID",
      "this is an interim number, not a number of a registered person"
    )
  }
  const sepAt = s.length - 5
  const sep = s.charAt(sepAt)
  const hasSep = sepAt > 0 && (sep === "-" || sep === "+")
  const digits = hasSep ? s.slice(0, sepAt) + s.slice(sepAt + 1) : s
  if (!isAllDigits(digits)) {
    return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits and one - or + before the last four")
  }
  if (!hasSep && options.numeric === true && digits.length >= 7 && digits.length <= 9) {
    return restoreZeros(raw, digits, options)
  }
  if (digits.length !== 10 && digits.length !== 12) {
    return invalid(TYPE, raw, "E_LENGTH", `it must have 10 or 12 digits, not ${digits.length}`)
  }
  return checkNumber(raw, digits, hasSep ? sep : "", options)
}

/** A 10-digit number born 2000–2009 loses up to three zeros in a numeric cell (§9.1). */
function restoreZeros(raw: string, digits: string, options: ValidateOptions): Validation {
  const padded = checkNumber(raw, digits.padStart(10, "0"), "", options)
  if (!padded.ok) {
    return invalid(TYPE, raw, "E_LENGTH", `it must have 10 or 12 digits, not ${digits.length}`)
  }
  const restored = issue(TYPE, raw, "W_ZERO_RESTORED", "leading zeros lost in a numeric cell were restored")
  return { ...padded, warnings: [restored, ...padded.warnings] }
}

function checkNumber(raw: string, digits: string, sep: string, options: ValidateOptions): Validation {
  const warnings: Array<Issue> = []
  const at = digits.length - 10
  if (luhnCheckDigit(digits, at) !== digitAt(digits, at + 9)) {
    return invalid(TYPE, raw, "E_CHECKSUM", "the check digit does not match")
  }
  const month = pairAt(digits, at + 2)
  const rawDay = pairAt(digits, at + 4)
  const samordning = rawDay > 60
  const day = samordning ? rawDay - 60 : rawDay
  if (!isDayMonth(day, month)) return invalid(TYPE, raw, "E_DATE", "the birth date is not a calendar date")
  const yy = pairAt(digits, at)
  let year: number
  if (at === 2) {
    const cc = pairAt(digits, 0)
    if (cc < 18 || cc > 20) return invalid(TYPE, raw, "E_CENTURY", "the century digits must be 18, 19 or 20")
    year = cc * 100 + yy
  } else {
    // Latest year ending in YY that is not after this year; `+` means a hundred years earlier.
    const thisYear = todayYear(options.today)
    year = thisYear - ((thisYear - yy) % 100) - (sep === "+" ? 100 : 0)
    if (sep === "") {
      warnings.push(
        issue(TYPE, raw, "W_CENTURY_ASSUMED", "without - or + the person is assumed to be under 100")
      )
    }
  }
  if (day > daysInMonth(month, year)) {
    return invalid(TYPE, raw, "E_DATE", "the birth date is not a calendar date", warnings)
  }
  if (dateKey(year, month, day) > todayKey(options.today)) {
    return invalid(TYPE, raw, "E_FUTURE_DATE", "the birth date lies in the future", warnings)
  }
  if (digits.startsWith("000", at + 6)) {
    return invalid(TYPE, raw, "E_RANGE", "the serial number 000 is never issued", warnings)
  }
  const ten = digits.slice(at)
  const value = ten.slice(0, 6) + "-" + ten.slice(6)
  const kind = samordning ? "SAMORDNINGSNUMMER" : "ORDINARY"
  return valid(TYPE, value, warnings, kind, isoDate(year, month, day))
}
