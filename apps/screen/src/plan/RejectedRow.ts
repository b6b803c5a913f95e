import type { Adapter } from "@nordscreen/core"
import { maskNationalIdsInText } from "@nordscreen/identifiers"
import { maskValue } from "./maskValue.js"

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

const maskText = (text: string | null): string | null => (text === null ? null : maskNationalIdsInText(text))

/**
 * The row as every output shows it unless ids are revealed: the value by the rules of its
 * identifier column (`maskValue`), and anything shaped like a national identity number masked in
 * every text field — a customer reference or a file name can be one. Idempotent.
 */
export const maskRejectedRow = (row: RejectedRow, field?: Adapter.RowField | undefined): RejectedRow => ({
  ...row,
  file: maskNationalIdsInText(row.file),
  reference: maskText(row.reference),
  column: maskText(row.column),
  value: maskText(row.value === null ? null : maskValue(field, row.value, row.code)),
  message: maskNationalIdsInText(row.message)
})
