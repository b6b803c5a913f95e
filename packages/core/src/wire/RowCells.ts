import type { Cell, PortfolioRow, RejectedRow, RowField, RowIssue, ValidationMode } from "../Adapter.js"

/** An `E_*`/`W_*` finding as the identifier validators report it (message already masked). */
export interface IdentifierIssue {
  readonly code: string
  readonly message: string
}

/**
 * What an identifier validator returns; structurally the `Validation` of
 * `@nordscreen/identifiers`, so its validators plug in without core depending on that package.
 */
export type IdentifierCheck<Type extends string = string> =
  | {
      readonly ok: true
      readonly type: Type
      readonly value: string
      readonly dateOfBirth?: string
      readonly kind?: string
      readonly warnings: ReadonlyArray<IdentifierIssue>
    }
  | { readonly ok: false; readonly error: IdentifierIssue; readonly warnings: ReadonlyArray<IdentifierIssue> }

export type IdentifierValidator<Type extends string = string> = (
  raw: string,
  options: { readonly mode: ValidationMode; readonly numeric?: boolean }
) => IdentifierCheck<Type>

export type ValidIdentifier<Type extends string = string> = Extract<
  IdentifierCheck<Type>,
  { readonly ok: true }
>

export type CellRead<A> =
  | { readonly ok: true; readonly value: A; readonly warnings: ReadonlyArray<RowIssue> }
  | { readonly ok: false; readonly issue: RowIssue; readonly warnings: ReadonlyArray<RowIssue> }

/** The cell of a field when it holds anything but whitespace. */
export const presentCell = (row: PortfolioRow, field: RowField): Cell | undefined => {
  const cell = row.cells[field]
  return cell !== undefined && cell.text.trim() !== "" ? cell : undefined
}

/** The first of `fields` whose cell is not blank. */
export const firstPresent = (row: PortfolioRow, fields: ReadonlyArray<RowField>): RowField | undefined =>
  fields.find((field) => presentCell(row, field) !== undefined)

/** Column label as the user's file names it, so a message points at the right column. */
export const columnOf = (row: PortfolioRow, field: RowField): string => row.columns[field] ?? field

export const rowIssue = (
  row: PortfolioRow,
  field: RowField | undefined,
  issue: IdentifierIssue
): RowIssue => ({
  code: issue.code,
  field,
  message: field === undefined ? issue.message : `Column "${columnOf(row, field)}": ${issue.message}`
})

export const rejectRow = (issue: RowIssue, warnings: ReadonlyArray<RowIssue> = []): RejectedRow => ({
  _tag: "Rejected",
  issue,
  warnings
})

/** Runs a cell through an identifier validator; every finding names the cell's column. */
export const readIdentifier = <Type extends string>(
  row: PortfolioRow,
  field: RowField,
  validate: IdentifierValidator<Type>,
  mode: ValidationMode
): CellRead<ValidIdentifier<Type>> => {
  const cell = row.cells[field]
  const result = validate(cell?.text ?? "", { mode, numeric: cell?.numeric ?? false })
  const warnings = result.warnings.map((warning) => rowIssue(row, field, warning))
  return result.ok
    ? { ok: true, value: result, warnings }
    : { ok: false, issue: rowIssue(row, field, result.error), warnings }
}

const rowFields: ReadonlyArray<RowField> = [
  "type",
  "country",
  "identifier",
  "organizationNumber",
  "duns",
  "ssn",
  "name",
  "firstName",
  "lastName",
  "dateOfBirth",
  "reference"
]

/**
 * A one-row portfolio from plain values, for look-ups that do not come from a file (library
 * callers, tests). A number becomes a numeric cell, as a spreadsheet number would.
 */
export const portfolioRow = (
  values: Readonly<Partial<Record<RowField, string | number>>>,
  source: { readonly file?: string; readonly rowNumber?: number } = {}
): PortfolioRow => {
  const cells: Partial<Record<RowField, Cell>> = {}
  const columns: Partial<Record<RowField, string>> = {}
  for (const field of rowFields) {
    const value = values[field]
    if (value === undefined) continue
    cells[field] = { text: String(value), numeric: typeof value === "number" }
    columns[field] = field
  }
  return { file: source.file ?? "input", rowNumber: source.rowNumber ?? 2, cells, columns }
}
