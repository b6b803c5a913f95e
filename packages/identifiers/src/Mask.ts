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

/** Masks national identity numbers; other identifiers come back unchanged, except a Swedish
 * organisation number that is really a sole trader's personnummer. */
export function maskIdentifier(type: IdentifierType, value: string): string {
  if (isNationalIdType(type)) return maskNationalId(value)
  if (type === "SE_ORGANISATIONSNUMMER" && looksPersonal(value)) return maskNationalId(value)
  return value
}
