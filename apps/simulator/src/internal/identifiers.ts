// The simulator's own reading of contract §12 (test environment rules). It deliberately shares
// nothing with the client packages, so the two can disagree and tests notice.

import { isBankIdTestOrganizationNumber } from "../data/fixtures.js"

const digitsOf = (value: string): ReadonlyArray<number> => Array.from(value, (c) => c.charCodeAt(0) - 48)

const weightedSum = (digits: ReadonlyArray<number>, weights: ReadonlyArray<number>): number =>
  weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0)

/** 11 − (Σ mod 11) with 11 → 0; null where no check digit exists (remainder 1). */
const mod11Check = (digits: ReadonlyArray<number>, weights: ReadonlyArray<number>): number | null => {
  const r = weightedSum(digits, weights) % 11
  if (r === 0) return 0
  if (r === 1) return null
  return 11 - r
}

const luhnValid = (value: string): boolean => {
  const digits = digitsOf(value)
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = digits[digits.length - 1 - i] ?? 0
    const p = i % 2 === 1 ? d * 2 : d
    sum += p > 9 ? p - 9 : p
  }
  return sum % 10 === 0
}

const isDigits = (value: string, length: number): boolean => value.length === length && /^[0-9]+$/.test(value)

/**
 * NO organisasjonsnummer; in the test environment any first digit is allowed, and BankID's
 * published test organisations (§16.7) count although they fail mod-11.
 */
export const isNorwegianOrganizationNumber = (value: string): boolean =>
  isBankIdTestOrganizationNumber(value) ||
  (isDigits(value, 9) && mod11Check(digitsOf(value), [3, 2, 7, 6, 5, 4, 3, 2]) === digitsOf(value)[8])

/** SE organisationsnummer as 10 digits (callers strip the `16` prefix and the hyphen). */
export const isSwedishOrganizationNumber = (value: string): boolean =>
  isDigits(value, 10) && (digitsOf(value)[2] ?? 0) >= 2 && luhnValid(value)

/** FI Y-tunnus as 8 digits (7-digit stem + check digit), hyphen already removed. */
export const isFinnishBusinessId = (value: string): boolean =>
  isDigits(value, 8) && mod11Check(digitsOf(value), [7, 9, 10, 5, 8, 4, 2]) === digitsOf(value)[7]

/** DK CVR number: 8 digits, never starting with 0, Σ with weights 2 7 6 5 4 3 2 1 ≡ 0 (mod 11). */
export const isDanishCvr = (value: string): boolean =>
  isDigits(value, 8) &&
  value[0] !== "0" &&
  mod11Check(digitsOf(value), [2, 7, 6, 5, 4, 3, 2]) === digitsOf(value)[7]

export const isDuns = (value: string): boolean => isDigits(value, 9)

const isRealDate = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** `YYYY-MM-DD`, a real calendar date, not after `nowMs`. */
export const isValidDateOfBirth = (value: string, nowMs: number): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return isRealDate(year, month, day) && Date.UTC(year, month - 1, day) <= nowMs
}

const centuriesOrdinary = (individual: number, yy: number): ReadonlyArray<number> => {
  if (individual <= 499) return [1900]
  if (individual <= 749 && yy >= 54) return [1800]
  if (individual >= 500 && yy <= 39) return [2000]
  if (individual >= 900 && yy >= 40) return [1900]
  return []
}

// D-numbers issued since November 2021 use wider ranges; older ones follow the ordinary table.
const centuriesDNumber = (individual: number, yy: number): ReadonlyArray<number> => {
  const widened: Array<number> = []
  if (yy <= 39) widened.push(individual <= 199 ? 1900 : 2000)
  else if (individual <= 499 || individual >= 600) widened.push(1900)
  else if (yy >= 58) widened.push(1800)
  return [...widened, ...centuriesOrdinary(individual, yy)]
}

/**
 * NO fødselsnummer or D-number, including the test ranges (H/Dolly month + 40, Tenor synthetic
 * month + 80). K1 also accepts the 2032 rule (remainder 0–3), since numbers issued under it are
 * valid for people of every age.
 */
export const isNorwegianNationalId = (value: string, nowMs: number): boolean => {
  if (!isDigits(value, 11)) return false
  const d = digitsOf(value)
  const s1 = weightedSum(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]) + (d[9] ?? 0)
  if (s1 % 11 > 3) return false
  const k2 = mod11Check(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
  if (k2 === null || k2 === 10 || k2 !== d[10]) return false
  let day = Number(value.slice(0, 2))
  let month = Number(value.slice(2, 4))
  const yy = Number(value.slice(4, 6))
  const individual = Number(value.slice(6, 9))
  const dNumber = day > 40
  if (dNumber) day -= 40
  if (month > 80) month -= 80
  else if (month > 40) month -= 40
  const centuries = dNumber ? centuriesDNumber(individual, yy) : centuriesOrdinary(individual, yy)
  return centuries.some(
    (century) => isRealDate(century + yy, month, day) && Date.UTC(century + yy, month - 1, day) <= nowMs
  )
}

/**
 * SE personnummer or samordningsnummer: `YYMMDD-NNNC` (also without the hyphen, or with the
 * century digits); the `+` form is refused, as the real service does.
 */
export const isSwedishNationalId = (value: string): boolean => {
  const match = /^(\d{2})?(\d{6})-?(\d{4})$/.exec(value)
  if (match === null) return false
  const century = match[1]
  if (century !== undefined && !["18", "19", "20"].includes(century)) return false
  const ten = `${match[2]}${match[3]}`
  if (!luhnValid(ten) || ten.slice(6, 9) === "000") return false
  const month = Number(ten.slice(2, 4))
  let day = Number(ten.slice(4, 6))
  if (day > 60) day -= 60
  // Leap days need the century; without it, accept when any candidate century fits.
  const candidates = century === undefined ? [1900, 2000] : [Number(century) * 100]
  return candidates.some((c) => isRealDate(c + Number(ten.slice(0, 2)), month, day))
}
