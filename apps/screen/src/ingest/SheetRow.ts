import type { Overlong } from "./internal/CsvTokenizer.js"

/**
 * One record of the file before header mapping, cell texts in column order. Kept as parallel
 * arrays rather than cell objects: a million-row file would otherwise allocate millions of
 * objects for columns nobody maps.
 */
export interface SheetRow {
  /** Row number as a spreadsheet shows it (the header is normally row 1). */
  readonly rowNumber: number
  readonly texts: ReadonlyArray<string>
  /** XLSX: which cells were number cells (identifiers.md §9.1); absent for CSV (all text). */
  readonly numeric?: ReadonlyArray<boolean> | undefined
  /** CSV: the row grew past the reader's limit at this column; cells from there on were not kept. */
  readonly overlong?: Overlong | undefined
}

/** How the file was read, for the report's run metadata and for error messages. */
export interface SourceInfo {
  /** File name as given by the user. */
  readonly file: string
  readonly format: "csv" | "xlsx"
  /** CSV only: `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`. */
  readonly encoding?: string | undefined
  /** CSV only. */
  readonly delimiter?: string | undefined
  /** XLSX only: the sheet that was read. */
  readonly sheet?: string | undefined
  /** XLSX only: the workbook uses the 1904 date system. */
  readonly date1904?: boolean | undefined
}
