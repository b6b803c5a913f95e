/** A portfolio row that will not be screened, and why. */
export interface RejectedRow {
  readonly file: string
  /** Row number as a spreadsheet shows it (header = row 1). */
  readonly rowNumber: number
  /** Customer reference of the row, when the portfolio has one. */
  readonly reference: string | null
  /** Header text of the offending column; null for row-level problems. */
  readonly column: string | null
  /** The raw cell value, national identity numbers masked unless ids are revealed. */
  readonly value: string | null
  /** `E_*` code (identifiers.md §0 plus `E_COLUMNS`, `E_NO_ADAPTER`, `E_ADAPTER`). */
  readonly code: string
  readonly message: string
  /** Adapter the row was classified to, if it got that far. */
  readonly adapterId: string | null
}
