const DAY_MS = 86_400_000

/**
 * Calendar date of an Excel serial (identifiers.md §9.2). 1900 system: serial 60 is the
 * non-existent 1900-02-29 (undefined), serials 1–59 count from 1899-12-31, later ones from
 * 1899-12-30. 1904 system: from 1904-01-01. The time of day is dropped, never shifted through
 * a time zone.
 */
export const serialToIsoDate = (serial: number, date1904: boolean): string | undefined => {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1)) return undefined
  const day = Math.floor(serial)
  if (!date1904 && day === 60) return undefined
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  const date = new Date(epoch + day * DAY_MS)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10)
}
