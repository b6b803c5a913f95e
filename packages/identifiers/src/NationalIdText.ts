import { weightedSum } from "./internal/checksum.js"
import { isDayMonth } from "./internal/dates.js"
import { maskNationalId } from "./Mask.js"

/*
 * Finds values shaped like a Nordic national identity number inside free text (a customer
 * reference, a name, a comment, an error message) so that outputs can mask them.
 *
 * Policy: a match needs the length and grouping of one of the formats below and a calendar date
 * where the format embeds one. Check digits are NOT required: a number with a typo still points
 * at a person for anyone who holds the register, and a false positive (a phone number that starts
 * like a date) only loses its tail in a report. The one exception is the Norwegian FH-number,
 * which embeds no date: without its check digits any 11 digits starting with 8 or 9 would match.
 *
 *   NO fødselsnummer family  DDMMYY IIIKK (11 digits; D +40 on the day, H/Dolly +40 and
 *                            synthetic +80 on the month; FH-number: first digit 8-9, check digits)
 *   SE personnummer          YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD(-)NNNC
 *                            (samordningsnummer: day +60)
 *   FI HETU                  DDMMYY C NNNQ, C one of + - A-F U-Y
 *   DK CPR                   DDMMYY(-)SSSS (day +60 for replacement numbers)
 *
 * Separators `-`, `+`, `.`, space and the no-break spaces are accepted between the groups. Digits
 * directly before or after the match make it part of a longer number, which is not masked.
 *
 * Organisation numbers never match: a Swedish organisationsnummer has 20 or more in digits 3-4,
 * so it is neither a YYMMDD nor a DDMMYY date; the others have 7-9 digits.
 */

const SEP = "[-+. \\u00A0\\u2007\\u202F]"

const digitsAt = (s: string, at: number, n: number): number => Number(s.slice(at, at + n))

/** Day and month valid, day possibly shifted by +60 (SE samordningsnummer, DK replacement CPR). */
const dateWithDayOffset = (day: number, month: number): boolean =>
  isDayMonth(day > 60 ? day - 60 : day, month)

const seDate = (yymmdd: string): boolean => dateWithDayOffset(digitsAt(yymmdd, 4, 2), digitsAt(yymmdd, 2, 2))

const ddmmyyDate = (ddmmyy: string): boolean =>
  dateWithDayOffset(digitsAt(ddmmyy, 0, 2), digitsAt(ddmmyy, 2, 2))

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1]
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]

/** Both Norwegian check digits hold (K1 under the classic or the 2032 rule). */
const noCheckDigits = (digits: string): boolean =>
  weightedSum(digits, K1) % 11 <= 3 && weightedSum(digits, K2) % 11 === 0

const noPersonNumber = (digits: string): boolean => {
  const first = digits.charCodeAt(0) - 0x30
  if (first >= 8) return noCheckDigits(digits)
  const day = digitsAt(digits, 0, 2) - (first >= 4 ? 40 : 0)
  const rawMonth = digitsAt(digits, 2, 2)
  const month = rawMonth > 80 ? rawMonth - 80 : rawMonth > 40 ? rawMonth - 40 : rawMonth
  return isDayMonth(day, month)
}

interface Shape {
  readonly pattern: RegExp
  /** Decides on the digits of the match (separators removed); HETU gets its 6-digit date part. */
  readonly accepts: (digits: string) => boolean
}

const shapes: ReadonlyArray<Shape> = [
  {
    // SE 12-digit form, century 18/19/20.
    pattern: new RegExp(`(?<!\\d)\\d{8}${SEP}?\\d{4}(?!\\d)`, "g"),
    accepts: (d) => /^(18|19|20)/.test(d) && seDate(d.slice(2))
  },
  {
    pattern: new RegExp(`(?<!\\d)\\d{6}${SEP}?\\d{3}${SEP}?\\d{2}(?!\\d)`, "g"),
    accepts: noPersonNumber
  },
  {
    // SE 10-digit form (YYMMDD) or DK CPR (DDMMYY).
    pattern: new RegExp(`(?<!\\d)\\d{6}${SEP}?\\d{4}(?!\\d)`, "g"),
    accepts: (d) => seDate(d) || ddmmyyDate(d)
  },
  {
    pattern: /(?<!\d)\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?!\d)/gi,
    accepts: (d) => ddmmyyDate(d)
  }
]

const NOT_DIGIT = /\D/g

/** Fewer digits than the shortest format: the common case, decided without a regex. */
const tooFewDigits = (text: string): boolean => {
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x30 && c <= 0x39 && ++digits >= 9) return false
  }
  return true
}

/** [start, end) ranges of national-ID-shaped values in `text`, sorted and merged. */
const nationalIdRanges = (text: string): ReadonlyArray<readonly [number, number]> => {
  if (tooFewDigits(text)) return []
  const found: Array<[number, number]> = []
  for (const shape of shapes)
    for (const match of text.matchAll(shape.pattern)) {
      const digits = match[0].replace(NOT_DIGIT, "")
      if (shape.accepts(digits)) found.push([match.index, match.index + match[0].length])
    }
  found.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const range of found) {
    const last = merged[merged.length - 1]
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push(range)
  }
  return merged
}

/** True when some part of `text` is shaped like a Nordic national identity number. */
export function containsNationalId(text: string): boolean {
  return nationalIdRanges(text).length > 0
}

/**
 * `text` with every part shaped like a Nordic national identity number masked as
 * `maskNationalId` does (date part kept, the rest `*`). Idempotent: a masked number no longer
 * matches.
 */
export function maskNationalIdsInText(text: string): string {
  const ranges = nationalIdRanges(text)
  if (ranges.length === 0) return text
  let out = ""
  let at = 0
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + maskNationalId(text.slice(start, end))
    at = end
  }
  return out + text.slice(at)
}
