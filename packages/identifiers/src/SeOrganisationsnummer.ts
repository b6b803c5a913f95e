import type { Issue } from "./Issue.js"
import { luhnCheckDigit } from "./internal/checksum.js"
import { digitAt, isAllDigits, normalizeCell, removeDotsDashes } from "./internal/normalize.js"
import { withoutLostPrecision } from "./internal/numeric.js"
import { DETAIL_EMPTY, DETAIL_PRECISION, invalid, issue, NO_WARNINGS, valid } from "./internal/result.js"
import { validateSePersonnummer } from "./SePersonnummer.js"
import type { ValidateOptions, Validation } from "./Validation.js"

const TYPE = "SE_ORGANISATIONSNUMMER"
const PLUS_FORM = /^(?:\d{6}|\d{8})\+\d{4}$/

export function validateSeOrganisationsnummer(raw: string, options: ValidateOptions): Validation {
  const normalized = normalizeCell(raw)
  if (normalized === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  const s = withoutLostPrecision(normalized, options.numeric)
  if (s === undefined) return invalid(TYPE, raw, "E_PRECISION_LOST", DETAIL_PRECISION)
  const vat = s.startsWith("SE")
  const digits = removeDotsDashes(vat ? s.slice(2) : s)
  if (digits === "") return invalid(TYPE, raw, "E_EMPTY", DETAIL_EMPTY)
  if (!isAllDigits(digits)) {
    // Only a sole trader's personnummer (owner aged 100+) carries a +.
    if (PLUS_FORM.test(s)) return soleTrader(raw, s, options, true)
    return invalid(TYPE, raw, "E_CHARSET", "it may contain only digits")
  }
  let ten = digits
  if (vat) {
    if (digits.length !== 12) return invalid(TYPE, raw, "E_LENGTH", "the VAT form is SE + 10 digits + 01")
    if (!digits.endsWith("01")) return invalid(TYPE, raw, "E_PREFIX", "the VAT form must end in 01")
    ten = digits.slice(0, 10)
  } else if (digits.length === 12) {
    const prefix = digits.slice(0, 2)
    if (prefix === "18" || prefix === "19" || prefix === "20") return soleTrader(raw, s, options, true)
    if (prefix !== "16")
      return invalid(TYPE, raw, "E_PREFIX", "a 12-digit organisation number starts with 16")
    ten = digits.slice(2)
  }
  if (ten.length !== 10) return invalid(TYPE, raw, "E_LENGTH", `it must have 10 digits, not ${ten.length}`)
  if (luhnCheckDigit(ten) !== digitAt(ten, 9)) {
    return invalid(TYPE, raw, "E_CHECKSUM", "the check digit does not match")
  }
  if (digitAt(ten, 2) < 2) return soleTrader(raw, vat ? ten : s, options, false)
  const group = digitAt(ten, 0)
  if (group === 0) return invalid(TYPE, raw, "E_PREFIX", "no organisation number starts with 0")
  const warnings: ReadonlyArray<Issue> =
    group === 4
      ? [issue(TYPE, raw, "W_UNLISTED_GROUP", "group digit 4 is not in the published list")]
      : NO_WARNINGS
  return valid(TYPE, ten.slice(0, 6) + "-" + ten.slice(6), warnings)
}

/**
 * An enskild firma is identified by the owner's personnummer (identifiers.md §5). `explicit`:
 * the value has a personnummer-only form, so its own error is reported instead of E_PREFIX.
 */
function soleTrader(raw: string, candidate: string, options: ValidateOptions, explicit: boolean): Validation {
  const person = validateSePersonnummer(candidate, {
    mode: options.mode,
    ...(options.today && { today: options.today })
  })
  if (!person.ok) {
    if (explicit) return { ok: false, type: TYPE, error: person.error, warnings: person.warnings }
    return invalid(
      TYPE,
      raw,
      "E_PREFIX",
      "digits 3–4 are below 20 and it is not a valid personnummer (sole trader) either"
    )
  }
  const flagged = issue(TYPE, raw, "W_SOLE_TRADER", "this is a sole trader's personnummer (personal data)")
  return valid(TYPE, person.value, [...person.warnings, flagged], "SOLE_TRADER", person.dateOfBirth)
}
