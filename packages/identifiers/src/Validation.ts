import type { Issue } from "./Issue.js"

export type IdentifierType =
  | "NO_ORGANIZATION_NUMBER"
  | "NO_PERSON_NUMBER"
  | "SE_PERSONNUMMER"
  | "SE_ORGANISATIONSNUMMER"
  | "FI_BUSINESS_ID"
  | "FI_HETU"
  | "DK_CVR"
  | "DUNS"

export type Mode = "production" | "test"

export interface ValidateOptions {
  readonly mode: Mode
  /** The value came from a numeric spreadsheet cell (identifiers.md §9.1). */
  readonly numeric?: boolean
  /** Reference date for future-date and 2032 checks, read in UTC; default now. */
  readonly today?: Date
}

export interface Valid {
  readonly ok: true
  readonly type: IdentifierType
  /** Canonical form sent to the API. */
  readonly value: string
  /** YYYY-MM-DD when derivable (person numbers); a hint, not a fact. */
  readonly dateOfBirth?: string
  readonly kind?: string
  readonly warnings: ReadonlyArray<Issue>
}

export interface Invalid {
  readonly ok: false
  readonly type: IdentifierType
  readonly error: Issue
  readonly warnings: ReadonlyArray<Issue>
}

export type Validation = Valid | Invalid
