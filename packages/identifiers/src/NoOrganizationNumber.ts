import { bankIdTestSubject, testSubjectDetail } from "./BankIdTestSubjects.js"
import { mod11CheckDigit } from "./internal/checksum.js"
import { isAllDigits, normalizeCell, removeDotsDashesCommas } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, NO_WARNINGS, valid } from "./internal/result.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "NO_ORGANIZATION_NUMBER"
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]
const LABEL_PREFIX = /^(?:ORG\.?NR\.?:?|FORETAKSREGISTERET:?)+/
const LABEL_SUFFIX = /(?:FORETAKSREGISTERET)+$/

/** identifiers.md §1: NO prefix, MVA suffix, ORG.NR/ORGNR/Foretaksregisteret labels, . , - */
function stripDecorations(s: string): string {
  let t = s
  if (t.startsWith("ORG") || t.startsWith("FORETAK")) t = t.replace(LABEL_PREFIX, "")
  if (t.endsWith("FORETAKSREGISTERET")) t = t.replace(LABEL_SUFFIX, "")
  if (t.startsWith("NO")) t = t.slice(2)
  if (t.endsWith("MVA")) t = t.slice(0, -3)
  return removeDotsDashesCommas(t)
}

export function validateNoOrganizationNumber(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const number = withoutLostPrecision(normalized, options.numeric)
  if (number === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  const digits = stripDecorations(number)
  if (digits === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  if (!isAllDigits(digits)) return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits")
  if (digits.length !== 9) {
    return invalid(TYPE, raw, "E_LENGTH", `it must have 9 digits, not ${digits.length}`)
  }
  // BankID's test organisations fail the mod-11 check; test mode lets exactly these through.
  const testSubject = options.mode === "test" ? bankIdTestSubject(TYPE, digits) : undefined
  if (testSubject !== undefined) {
    return valid(TYPE, digits, [issue(TYPE, raw, "W_BANKID_TEST_SUBJECT", testSubjectDetail(testSubject))])
  }
  const expected = mod11CheckDigit(digits, WEIGHTS)
  if (expected < 0) {
    return invalid(TYPE, raw, "E_NO_CHECK_DIGIT", "no check digit can make the first 8 digits valid")
  }
  if (digits.charCodeAt(8) - 0x30 !== expected) {
    return invalid(TYPE, raw, "E_CHECKSUM", `the check digit does not match (expected ${expected})`)
  }
  const first = digits.charCodeAt(0)
  if (options.mode === "production" && first !== 0x38 && first !== 0x39) {
    return invalid(TYPE, raw, "E_PREFIX", "issued organisation numbers start with 8 or 9")
  }
  return valid(TYPE, digits, NO_WARNINGS)
}
