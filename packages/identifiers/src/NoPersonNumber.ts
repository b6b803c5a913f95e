import { bankIdTestSubject, testSubjectDetail } from "./BankIdTestSubjects.js"
import type { Issue } from "./Issue.js"
import { weightedSum } from "./internal/checksum.js"
import { dateKey, daysInMonth, isDayMonth, isoDate, todayKey } from "./internal/dates.js"
import { digitAt, isAllDigits, normalizeCell, pairAt, removeDotsDashes } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "NO_PERSON_NUMBER"
const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2]
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
const RULE_2032_START = 20320101

export type NoPersonKind =
  | "ORDINARY"
  | "D_NUMBER"
  | "H_NUMBER"
  | "SYNTHETIC"
  | "D_H_NUMBER"
  | "D_SYNTHETIC"
  | "FH_NUMBER"

/** identifiers.md §3.3, ordinary/H/synthetic table; undefined where the century is undefined. */
function ordinaryCentury(individual: number, yy: number): number | undefined {
  if (individual <= 499) return 1900
  if (individual <= 749 && yy >= 54) return 1800
  if (yy <= 39) return 2000
  if (individual >= 900) return 1900
  return undefined
}

/** identifiers.md §3.3, D-number ranges in use since 16 Nov 2021. */
function dNumberCentury(individual: number, yy: number): number | undefined {
  if (yy <= 39) return individual <= 199 ? 1900 : 2000
  if (individual < 500 || individual >= 600) return 1900
  return yy >= 58 ? 1800 : undefined
}

const KINDS: ReadonlyArray<NoPersonKind | undefined> = [
  "ORDINARY",
  "H_NUMBER",
  "SYNTHETIC",
  "D_NUMBER",
  "D_H_NUMBER",
  "D_SYNTHETIC"
]

/** Month offset from the third digit: 0, 40 (H/Dolly), 80 (Tenor synthetic); -1 impossible. */
function monthOffset(third: number): number {
  if (third <= 1) return 0
  if (third === 4 || third === 5) return 40
  return third >= 8 ? 80 : -1
}

export function validateNoPersonNumber(raw: string, options: ValidateOptions): Validation {
  const warnings: Array<Issue> = []
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const number = withoutLostPrecision(normalized, options.numeric)
  if (number === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  let digits = removeDotsDashes(number)
  if (digits === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  if (!isAllDigits(digits)) return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits")
  if (digits.length === 10 && options.numeric === true) {
    digits = "0" + digits
    warnings.push(issue(TYPE, raw, "W_ZERO_RESTORED", "a leading zero lost in a numeric cell was restored"))
  }
  if (digits.length !== 11) {
    const hint = digits.length === 10 ? " (a leading zero may have been lost: store the column as text)" : ""
    return invalid(TYPE, raw, "E_LENGTH", `it must have 11 digits, not ${digits.length}${hint}`, warnings)
  }
  const result = checkDigitsAndDate(raw, digits, options, warnings)
  // BankID's test persons are valid numbers: production takes them as any other number.
  const testSubject = result.ok && options.mode === "test" ? bankIdTestSubject(TYPE, digits) : undefined
  if (testSubject === undefined) return result
  return {
    ...result,
    warnings: [...result.warnings, issue(TYPE, raw, "W_BANKID_TEST_SUBJECT", testSubjectDetail(testSubject))]
  }
}

function checkDigitsAndDate(
  raw: string,
  digits: string,
  options: ValidateOptions,
  warnings: Array<Issue>
): Validation {
  const today = todayKey(options.today)
  const k1 = digitAt(digits, 9)
  const r1 = (weightedSum(digits, K1_WEIGHTS) + k1) % 11
  if (r1 > 3) return invalid(TYPE, raw, "E_CHECKSUM", "the check digits do not match", warnings)
  const r2 = weightedSum(digits, K2_WEIGHTS) % 11
  if (r2 === 1) {
    return invalid(
      TYPE,
      raw,
      "E_NO_CHECK_DIGIT",
      "no second check digit can make this number valid",
      warnings
    )
  }
  if ((r2 + digitAt(digits, 10)) % 11 !== 0) {
    return invalid(TYPE, raw, "E_CHECKSUM", "the check digits do not match", warnings)
  }
  if (r1 !== 0 && today < RULE_2032_START) {
    warnings.push(
      issue(
        TYPE,
        raw,
        "W_2032_RULE",
        "the first check digit is valid only under the rule that starts on 2032-01-01"
      )
    )
  }
  const first = digitAt(digits, 0)
  const production = options.mode === "production"
  if (first >= 8) {
    if (production) return notNational(raw, "an FH-number (health-sector helper number)", warnings)
    return valid(TYPE, digits, warnings, "FH_NUMBER")
  }
  const mOffset = monthOffset(digitAt(digits, 2))
  if (mOffset < 0) return invalid(TYPE, raw, "E_DATE", "the month digits are not a month", warnings)
  const isD = first >= 4
  const kind = KINDS[(isD ? 3 : 0) + mOffset / 40] ?? "ORDINARY"
  if (production && kind !== "ORDINARY" && kind !== "D_NUMBER") {
    return notNational(
      raw,
      kind.includes("SYNTHETIC") ? "a synthetic test number" : "an H-number or test number",
      warnings
    )
  }
  return checkDate(raw, digits, warnings, kind, today)
}

function notNational(raw: string, what: string, warnings: ReadonlyArray<Issue>): Validation {
  return invalid(
    TYPE,
    raw,
    "E_NOT_NATIONAL_ID",
    `this is ${what}, not a number of a registered person`,
    warnings
  )
}

function checkDate(
  raw: string,
  digits: string,
  warnings: Array<Issue>,
  kind: NoPersonKind,
  today: number
): Validation {
  const isD = kind.startsWith("D_")
  const day = pairAt(digits, 0) - (isD ? 40 : 0)
  const month = pairAt(digits, 2) - monthOffset(digitAt(digits, 2))
  if (!isDayMonth(day, month))
    return invalid(TYPE, raw, "E_DATE", "the birth date is not a calendar date", warnings)
  const yy = pairAt(digits, 4)
  const individual = digitAt(digits, 6) * 100 + pairAt(digits, 7)
  const century = (isD ? dNumberCentury(individual, yy) : undefined) ?? ordinaryCentury(individual, yy)
  if (century === undefined) {
    if (!isD && today < RULE_2032_START) {
      return invalid(TYPE, raw, "E_CENTURY", "the individual number does not fit the birth year", warnings)
    }
    // Older D-numbers, and every number issued from 2032, carry no century: only the registry knows it.
    warnings.push(issue(TYPE, raw, "W_CENTURY_UNKNOWN", "the century of the birth date cannot be derived"))
    return valid(TYPE, digits, warnings, kind)
  }
  const year = century + yy
  if (day > daysInMonth(month, year)) {
    return invalid(TYPE, raw, "E_DATE", "the birth date is not a calendar date", warnings)
  }
  if (dateKey(year, month, day) > today) {
    return invalid(TYPE, raw, "E_FUTURE_DATE", "the birth date lies in the future", warnings)
  }
  return valid(TYPE, digits, warnings, kind, isoDate(year, month, day))
}
