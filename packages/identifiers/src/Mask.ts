import type { IdentifierType } from "./Validation.js"

/** Keeps the date part (first 6 characters) and masks the rest; shorter values keep less so
 * that no digit of the individual part can show. */
export function maskNationalId(value: string): string {
  const keep = value.length >= 11 ? 6 : Math.max(0, value.length - 5)
  return value.slice(0, keep) + "*".repeat(value.length - keep)
}

export function isNationalIdType(type: IdentifierType): boolean {
  return type === "NO_PERSON_NUMBER" || type === "SE_PERSONNUMMER" || type === "FI_HETU"
}

const NON_DIGITS = /\D/g

/** A Swedish organisation column can hold a sole trader's personnummer (third digit 0-1). */
function looksPersonal(value: string): boolean {
  const digits = value.replace(NON_DIGITS, "")
  let core = digits
  if (digits.length === 12) core = value.trimStart().toUpperCase().startsWith("SE") ? digits : digits.slice(2)
  const third = core.charCodeAt(2)
  return third === 0x30 || third === 0x31
}

const HETU_LIKE = /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/i

/** 10–12 digits or a HETU shape in an organisation/DUNS column: probably a person number. */
function looksLikePersonNumber(value: string): boolean {
  if (HETU_LIKE.test(value)) return true
  let digits = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0x30 && c <= 0x39) digits++
  }
  return digits >= 10 && digits <= 12
}

/**
 * Masks national identity numbers. Other identifiers come back unchanged unless the value looks
 * like a person number put in the wrong column (a sole trader's personnummer in a Swedish
 * organisation column, 10–12 digits or a HETU in a NO/FI organisation or DUNS column).
 */
export function maskIdentifier(type: IdentifierType, value: string): string {
  if (isNationalIdType(type)) return maskNationalId(value)
  if (type === "SE_ORGANISATIONSNUMMER") return looksPersonal(value) ? maskNationalId(value) : value
  return looksLikePersonNumber(value) ? maskNationalId(value) : value
}
