import type { Issue } from "./Issue.js"
import { dateKey, isDayMonth, isoDate, todayKey } from "./internal/dates.js"

export interface DateOptions {
  /** The value came from a numeric (date-formatted) spreadsheet cell: read it as an Excel serial. */
  readonly numeric?: boolean
  /** The workbook uses the 1904 date system. */
  readonly date1904?: boolean
  readonly today?: Date
  /** Read n/n/yyyy as month/day/year. */
  readonly locale?: "us"
}

export type DateResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: Issue }

// xlsx datetimes keep the calendar date as stored: the time and any offset are ignored, never applied.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const TWO_DIGIT_YEAR = /^\d{1,2}[./-]\d{1,2}[./-]\d{2}$|^\d{6}$/
const SERIAL = /^(\d{1,6})(?:\.\d+)?$/
const INTEGRAL = /^(\d+)(?:\.0+)?$/
const MIN_YEAR = 1800
const DAY_MS = 86_400_000
const EPOCH_1900 = Date.UTC(1899, 11, 30)
const EPOCH_1904 = Date.UTC(1904, 0, 1)

function fail(raw: string, code: "E_DATE" | "E_FUTURE_DATE" | "E_AMBIGUOUS", detail: string): DateResult {
  const shown = raw.trim()
  return {
    ok: false,
    error: { code, message: `Date of birth ${shown === "" ? "(empty)" : shown}: ${detail}` }
  }
}

function checked(raw: string, y: number, m: number, d: number, options: DateOptions | undefined): DateResult {
  if (y < MIN_YEAR || !isDayMonth(d, m, y)) return fail(raw, "E_DATE", "not a calendar date")
  if (dateKey(y, m, d) > todayKey(options?.today))
    return fail(raw, "E_FUTURE_DATE", "the date lies in the future")
  return { ok: true, value: isoDate(y, m, d) }
}

/**
 * Excel serials (identifiers.md §9.2): the 1900 system counts the non-existent 1900-02-29 as
 * serial 60, so serials from 61 on are one day ahead of a plain day count.
 */
function fromSerial(raw: string, serial: number, options: DateOptions): DateResult {
  let ms: number
  if (options.date1904 === true) ms = EPOCH_1904 + serial * DAY_MS
  else if (serial === 60)
    return fail(raw, "E_DATE", "Excel serial 60 is 1900-02-29, a day that did not exist")
  else if (serial < 1) return fail(raw, "E_DATE", "Excel serials start at 1 (1900-01-01)")
  else ms = EPOCH_1900 + (serial < 60 ? serial + 1 : serial) * DAY_MS
  const date = new Date(ms)
  return checked(raw, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), options)
}

function fromSlashed(
  raw: string,
  a: number,
  b: number,
  y: number,
  options: DateOptions | undefined
): DateResult {
  if (options?.locale === "us") return checked(raw, y, a, b, options)
  if (a <= 12 && b <= 12 && a !== b) {
    return fail(raw, "E_AMBIGUOUS", "day/month or month/day cannot be told apart; use YYYY-MM-DD")
  }
  return checked(raw, y, b, a, options)
}

/** Dates of birth as found in spreadsheets, to YYYY-MM-DD (identifiers.md §9.2). */
export function parseDateOfBirth(raw: string, options?: DateOptions): DateResult {
  const s = raw.trim()
  if (s === "") return fail(raw, "E_DATE", "the value is empty")
  if (options?.numeric === true) {
    const serial = SERIAL.exec(s)
    if (serial !== null) return fromSerial(raw, Number(serial[1]), options)
    const integral = INTEGRAL.exec(s)
    if (integral !== null) return parseText(raw, integral[1] ?? "", options)
  }
  return parseText(raw, s, options)
}

function parseText(raw: string, s: string, options: DateOptions | undefined): DateResult {
  const iso = ISO.exec(s) ?? COMPACT.exec(s)
  if (iso !== null) return checked(raw, Number(iso[1]), Number(iso[2]), Number(iso[3]), options)
  const dotted = DOTTED.exec(s)
  if (dotted !== null) return checked(raw, Number(dotted[3]), Number(dotted[2]), Number(dotted[1]), options)
  const slashed = SLASHED.exec(s)
  if (slashed !== null)
    return fromSlashed(raw, Number(slashed[1]), Number(slashed[2]), Number(slashed[3]), options)
  if (TWO_DIGIT_YEAR.test(s)) return fail(raw, "E_DATE", "a two-digit year leaves the century unknown")
  return fail(raw, "E_DATE", "not a recognised date format; use YYYY-MM-DD")
}

/**
 * W_DOB_MISMATCH when a supplied date of birth differs from the one derived from an identifier.
 * The supplied date is never replaced; an unreadable supplied date is reported by its own column.
 */
export function compareDateOfBirth(supplied: string, derived: string | undefined): Issue | undefined {
  if (derived === undefined) return undefined
  // The latest representable day as "today": a future supplied date still compares.
  const parsed = parseDateOfBirth(supplied, { today: new Date(8.64e15) })
  if (!parsed.ok || parsed.value === derived) return undefined
  return {
    code: "W_DOB_MISMATCH",
    message: `Date of birth ${parsed.value} differs from ${derived}, the date in the identifier; the supplied date is kept`
  }
}
