import type { ErrorCode, Issue, WarningCode } from "../Issue.js"
import { isNationalIdType, maskIdentifier } from "../Mask.js"
import type { IdentifierType, Invalid, Valid } from "../Validation.js"
import { normalizeCell } from "./normalize.js"

export const NO_WARNINGS: ReadonlyArray<Issue> = Object.freeze([])

const typeLabels: Readonly<Record<IdentifierType, string>> = {
  NO_ORGANIZATION_NUMBER: "Norwegian organisation number",
  NO_PERSON_NUMBER: "Norwegian national identity number",
  SE_PERSONNUMMER: "Swedish personal identity number",
  SE_ORGANISATIONSNUMMER: "Swedish organisation number",
  FI_BUSINESS_ID: "Finnish business ID",
  FI_HETU: "Finnish personal identity code",
  DK_CVR: "Danish CVR number",
  DUNS: "DUNS number"
}

const MAX_SHOWN = 40
const WHITESPACE_RUNS = /\s+/g

/** The raw value as a person would recognise it; national ids masked after normalisation. */
export function shownValue(type: IdentifierType, raw: string): string {
  const normalized = normalizeCell(raw)
  const masked = maskIdentifier(type, normalized)
  const shown =
    isNationalIdType(type) || masked !== normalized ? masked : raw.trim().replace(WHITESPACE_RUNS, " ")
  return shown.length > MAX_SHOWN ? shown.slice(0, MAX_SHOWN - 1) + "…" : shown
}

export function issue(
  type: IdentifierType,
  raw: string,
  code: ErrorCode | WarningCode,
  detail: string
): Issue {
  const shown = shownValue(type, raw)
  const subject = shown === "" ? typeLabels[type] : typeLabels[type] + " " + shown
  return { code, message: subject + ": " + detail }
}

export function invalid(
  type: IdentifierType,
  raw: string,
  code: ErrorCode,
  detail: string,
  warnings: ReadonlyArray<Issue> = NO_WARNINGS
): Invalid {
  return { ok: false, type, error: issue(type, raw, code, detail), warnings }
}

export function valid(
  type: IdentifierType,
  value: string,
  warnings: ReadonlyArray<Issue>,
  kind?: string,
  dateOfBirth?: string
): Valid {
  if (kind === undefined) return { ok: true, type, value, warnings }
  if (dateOfBirth === undefined) return { ok: true, type, value, kind, warnings }
  return { ok: true, type, value, kind, dateOfBirth, warnings }
}

export const DETAIL_EMPTY = "the value is empty"
export const DETAIL_PRECISION =
  "the value arrived as a decimal or scientific-notation number and its digits are lost; export the column as text"
