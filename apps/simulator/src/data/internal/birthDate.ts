import { daysInMonth, isoDate } from "./Rng.js"

/** Fixed "today" for century guesses, so the same query gives the same document in any year. */
const REFERENCE_YEAR = 2025

const realDate = (year: number, month: number, day: number): string | null =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? isoDate(year, month, day) : null

const inRange = (value: number, from: number, to: number): boolean => value >= from && value <= to

const ordinaryCentury = (individual: number, yy: number): number | null => {
  if (individual <= 499) return 1900
  if (inRange(individual, 500, 749) && yy >= 54) return 1800
  if (individual >= 500 && yy <= 39) return 2000
  if (individual >= 900 && yy >= 40) return 1900
  return null
}

// D-numbers issued since November 2021 use widened ranges; older ones followed the ordinary table.
const dNumberCentury = (individual: number, yy: number): number | null => {
  if (yy <= 39) return individual <= 199 ? 1900 : 2000
  if (individual <= 499 || individual >= 600) return 1900
  if (yy >= 58) return 1800
  return null
}

/** Birth date of a NO fødselsnummer, D-, H/Dolly- or synthetic (Tenor, month + 80) number. */
const norwegianBirthDate = (ssn: string): string | null => {
  if (!/^\d{11}$/.test(ssn)) return null
  const dd = Number(ssn.slice(0, 2))
  const mm = Number(ssn.slice(2, 4))
  const yy = Number(ssn.slice(4, 6))
  const individual = Number(ssn.slice(6, 9))
  const isD = dd >= 41 && dd <= 71
  const day = isD ? dd - 40 : dd
  const month = mm > 80 ? mm - 80 : mm > 40 ? mm - 40 : mm
  const century = (isD ? dNumberCentury(individual, yy) : null) ?? ordinaryCentury(individual, yy)
  return century === null ? null : realDate(century + yy, month, day)
}

const swedishBirthDate = (ssn: string): string | null => {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)\d{4}$/.exec(ssn)
  if (match === null) return null
  const [, cc, yyText, mmText, ddText, separator] = match
  const yy = Number(yyText)
  const dd = Number(ddText)
  const day = dd > 60 ? dd - 60 : dd
  let year = cc === undefined ? (yy <= REFERENCE_YEAR % 100 ? 2000 : 1900) + yy : Number(cc) * 100 + yy
  if (cc === undefined && separator === "+") year -= 100
  return realDate(year, Number(mmText), day)
}

const FI_CENTURY: Record<string, number> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900
}

const finnishBirthDate = (ssn: string): string | null => {
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])\d{3}[0-9A-Z]$/i.exec(ssn)
  if (match === null) return null
  const [, dd, mm, yy, sign] = match
  const century = FI_CENTURY[(sign ?? "").toUpperCase()] ?? 2000
  return realDate(century + Number(yy), Number(mm), Number(dd))
}

const danishBirthDate = (ssn: string): string | null => {
  const match = /^(\d{2})(\d{2})(\d{2})-?(\d)\d{3}$/.exec(ssn)
  if (match === null) return null
  const [, dd, mm, yyText, seventh] = match
  const yy = Number(yyText)
  const digit = Number(seventh)
  let century = 1900
  if ((digit === 4 || digit === 9) && yy <= 36) century = 2000
  if (digit >= 5 && digit <= 8) century = yy <= 57 ? 2000 : 1800
  return realDate(century + yy, Number(mm), Number(dd))
}

/** Birth date encoded in a national identity number of the given issuing country, if any. */
export const birthDateFromSsn = (ssn: string, country: string): string | null => {
  switch (country.toUpperCase()) {
    case "NO":
      return norwegianBirthDate(ssn.replace(/\s/g, ""))
    case "SE":
      return swedishBirthDate(ssn.replace(/\s/g, ""))
    case "FI":
      return finnishBirthDate(ssn.replace(/\s/g, ""))
    case "DK":
      return danishBirthDate(ssn.replace(/\s/g, ""))
    default:
      return null
  }
}
