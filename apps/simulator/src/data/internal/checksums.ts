import type { Rng } from "./Rng.js"

const digitsOf = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0) - 48)

const weightedSum = (digits: ReadonlyArray<number>, weights: ReadonlyArray<number>): number =>
  weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0)

/** Mod-11 check digit as used by NO orgnr, NO fødselsnummer and FI Y-tunnus; null when the
 * stem can never carry a valid check digit. */
const mod11 = (stem: string, weights: ReadonlyArray<number>): number | null => {
  const r = weightedSum(digitsOf(stem), weights) % 11
  if (r === 0) return 0
  if (r === 1) return null
  return 11 - r
}

const noOrgnrCheckDigit = (stem8: string): number | null => mod11(stem8, [3, 2, 7, 6, 5, 4, 3, 2])

const fiCheckDigit = (stem7: string): number | null => mod11(stem7, [7, 9, 10, 5, 8, 4, 2])

const luhnCheckDigit = (stem: string): number => {
  let sum = 0
  const digits = digitsOf(stem).reverse()
  digits.forEach((digit, i) => {
    const doubled = i % 2 === 0 ? digit * 2 : digit
    sum += doubled > 9 ? doubled - 9 : doubled
  })
  return (10 - (sum % 10)) % 10
}

/** A valid NO organization number beginning with `8` or `9`. */
export const makeNoOrgnr = (rng: Rng): string => {
  for (;;) {
    const stem = String(rng.pick([8, 9])) + rng.digits(7)
    const check = noOrgnrCheckDigit(stem)
    if (check !== null) return stem + check
  }
}

/** A valid SE organisationsnummer `NNNNNN-NNNN` starting with the given group prefix. */
export const makeSeOrgnr = (rng: Rng, prefix: string): string => {
  const stem = prefix + rng.digits(9 - prefix.length)
  const digits = stem + luhnCheckDigit(stem)
  return `${digits.slice(0, 6)}-${digits.slice(6)}`
}

export const makeFiBusinessId = (rng: Rng): string => {
  for (;;) {
    const stem = String(rng.int(1, 3)) + rng.digits(6)
    const check = fiCheckDigit(stem)
    if (check !== null) return `${stem}-${check}`
  }
}

const dkCvrCheckDigit = (stem7: string): number | null => mod11(stem7, [2, 7, 6, 5, 4, 3, 2])

/** A Danish CVR number: 8 digits, never starting with 0, modulus-11 over weights 2 7 6 5 4 3 2 1. */
export const makeDkCvr = (rng: Rng): string => {
  for (;;) {
    const stem = String(rng.int(1, 4)) + rng.digits(6)
    const check = dkCvrCheckDigit(stem)
    if (check !== null) return `${stem}${check}`
  }
}

const LEI_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/** ISO 17442 LEI: 18 characters + two ISO 7064 mod 97-10 check digits. */
export const makeLei = (rng: Rng): string => {
  let body = rng.digits(4) + "00"
  for (let i = 0; i < 12; i++) body += rng.pick(Array.from(LEI_ALPHABET))
  let remainder = 0
  for (const char of body + "00") {
    const value = LEI_ALPHABET.indexOf(char)
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97
  }
  return body + String(98 - remainder).padStart(2, "0")
}
