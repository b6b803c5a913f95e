const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** Days in a month; Feb gives 29 when the year is unknown. */
export function daysInMonth(month: number, year?: number): number {
  if (month === 2 && year !== undefined) return isLeapYear(year) ? 29 : 28
  return MONTH_DAYS[month - 1] ?? 0
}

export function isDayMonth(day: number, month: number, year?: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year)
}

/** yyyymmdd as a number, so dates compare with < and >. */
export function dateKey(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d
}

/** The reference day in UTC, so a test's `new Date("2026-11-21")` means that day everywhere. */
export function todayKey(today: Date | undefined): number {
  const t = today ?? new Date()
  return dateKey(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

export function todayYear(today: Date | undefined): number {
  return (today ?? new Date()).getUTCFullYear()
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n)
}

export function isoDate(y: number, m: number, d: number): string {
  return String(y).padStart(4, "0") + "-" + pad2(m) + "-" + pad2(d)
}
