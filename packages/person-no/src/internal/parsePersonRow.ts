import { type Adapter, Wire } from "@nordscreen/core"
import {
  compareDateOfBirth,
  looksLikeMojibake,
  maskNationalId,
  nameKey,
  normalizeName,
  parseDateOfBirth,
  validateNoPersonNumber
} from "@nordscreen/identifiers"
import type { PersonInput } from "../PersonInput.js"

type PersonName = Pick<PersonInput, "firstName" | "lastName" | "name">

const nameFields: ReadonlyArray<Adapter.RowField> = ["firstName", "lastName", "name"]

const readName = (row: Adapter.PortfolioRow): Wire.CellRead<PersonName & { readonly display: string }> => {
  const parts: Partial<Record<Adapter.RowField, string>> = {}
  for (const field of nameFields) {
    const cell = Wire.presentCell(row, field)
    if (cell === undefined) continue
    // A garbled name would be screened as somebody else: reject, never "repair" (identifiers.md §9.3).
    if (looksLikeMojibake(cell.text)) {
      const message = `name "${cell.text.trim()}" is garbled (e.g. "Ã¸" for "ø"): the file was read with the wrong character set; save it as UTF-8 and import it again`
      return { ok: false, issue: Wire.rowIssue(row, field, { code: "E_CHARSET", message }), warnings: [] }
    }
    parts[field] = normalizeName(cell.text)
  }
  const { firstName, lastName, name } = parts
  if (firstName !== undefined && lastName !== undefined) {
    return { ok: true, value: { firstName, lastName, display: `${firstName} ${lastName}` }, warnings: [] }
  }
  const single = name ?? lastName ?? firstName
  if (single !== undefined) return { ok: true, value: { name: single, display: single }, warnings: [] }
  const message = "the person has no name: fill in the name column, or first and last name"
  return { ok: false, issue: Wire.rowIssue(row, "name", { code: "E_EMPTY", message }), warnings: [] }
}

interface Identity {
  readonly ssn?: string
  readonly dateOfBirth: string
}

const readSuppliedDate = (row: Adapter.PortfolioRow): Wire.CellRead<string | undefined> => {
  const cell = Wire.presentCell(row, "dateOfBirth")
  if (cell === undefined) return { ok: true, value: undefined, warnings: [] }
  const parsed = parseDateOfBirth(cell.text, { numeric: cell.numeric })
  return parsed.ok
    ? { ok: true, value: parsed.value, warnings: [] }
    : { ok: false, issue: Wire.rowIssue(row, "dateOfBirth", parsed.error), warnings: [] }
}

/**
 * The national identity number and the date of birth. The date is always sent: taken from its
 * column, else derived from the number; a supplied date that disagrees is kept and flagged.
 */
const readIdentity = (row: Adapter.PortfolioRow, mode: Adapter.ValidationMode): Wire.CellRead<Identity> => {
  const supplied = readSuppliedDate(row)
  if (!supplied.ok) return supplied
  const field = Wire.firstPresent(row, ["ssn", "identifier"])
  if (field === undefined) {
    if (supplied.value !== undefined)
      return { ok: true, value: { dateOfBirth: supplied.value }, warnings: [] }
    const message = "the person has neither a national identity number nor a date of birth"
    return { ok: false, issue: Wire.rowIssue(row, "ssn", { code: "E_EMPTY", message }), warnings: [] }
  }
  const read = Wire.readIdentifier(row, field, validateNoPersonNumber, mode)
  if (!read.ok) return read
  const derived = read.value.dateOfBirth
  const mismatch = supplied.value === undefined ? undefined : compareDateOfBirth(supplied.value, derived)
  const warnings: ReadonlyArray<Adapter.RowIssue> =
    mismatch === undefined ? read.warnings : [...read.warnings, Wire.rowIssue(row, "dateOfBirth", mismatch)]
  const dateOfBirth = supplied.value ?? derived
  if (dateOfBirth === undefined) {
    const message = `no date of birth can be derived from ${maskNationalId(read.value.value)}: add a date-of-birth column`
    return { ok: false, issue: Wire.rowIssue(row, "dateOfBirth", { code: "E_EMPTY", message }), warnings }
  }
  return { ok: true, value: { ssn: read.value.value, dateOfBirth }, warnings }
}

export const parsePersonRow = (
  row: Adapter.PortfolioRow,
  mode: Adapter.ValidationMode
): Adapter.RowParse<PersonInput> => {
  const name = readName(row)
  if (!name.ok) return Wire.rejectRow(name.issue)
  const identity = readIdentity(row, mode)
  if (!identity.ok) return Wire.rejectRow(identity.issue, identity.warnings)
  const { display, ...names } = name.value
  const { ssn, dateOfBirth } = identity.value
  return {
    _tag: "Valid",
    input: { ...names, ...(ssn === undefined ? {} : { ssn }), dateOfBirth },
    entityKey: ssn === undefined ? `person-no:${nameKey(display)}:${dateOfBirth}` : `person-no:${ssn}`,
    subject: `${display} (${ssn === undefined ? `born ${dateOfBirth}` : maskNationalId(ssn)})`,
    warnings: identity.warnings
  }
}
