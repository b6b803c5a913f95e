export type Country = "NO" | "SE" | "FI" | "DK"

export interface OrganizationQuery {
  readonly country: Country
  /** Normalized: NO 9 digits, SE "NNNNNN-NNNN" or 10 digits, FI "NNNNNNN-N", DUNS 9 digits. */
  readonly identifier: string
  readonly identifierType: "ORGANIZATION_NUMBER" | "DUNS"
  readonly expands: ReadonlyArray<string>
  readonly ofac: boolean
  /**
   * Whether the client has National Registry access (§13). Optional so older callers keep
   * working; absent means granted.
   */
  readonly nationalRegistry?: boolean
  readonly language: string
}

export interface PersonQuery {
  readonly firstName: string | null
  readonly lastName: string | null
  readonly name: string | null
  readonly ssn: string | null
  readonly dateOfBirth: string | null
  readonly country: string
  readonly matchMode: string
  readonly expands: ReadonlyArray<string>
  readonly ofac: boolean
  readonly nationalRegistry: boolean
  readonly language: string
}

export interface DataOptions {
  readonly seed: number
  readonly pepRate: number
  readonly sanctionRate: number
}

export type FailureCode =
  | "ORGANIZATION_NOT_FOUND"
  | "PERSON_NOT_FOUND"
  | "SOURCE_UNAVAILABLE"
  | "TIMEOUT"
  | "INTERNAL_ERROR"

export type Lookup =
  | {
      readonly _tag: "Found"
      /** Full JSON result document without `links` (the server adds `links.reports`). */
      readonly result: Record<string, unknown>
      readonly subjectName: string
    }
  | { readonly _tag: "Failed"; readonly errorCode: FailureCode; readonly message: string }
