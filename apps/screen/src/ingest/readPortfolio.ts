import { extname } from "node:path"
import type { Adapter } from "@nordscreen/core"
import { Effect, type Scope } from "effect"
import { openCsv } from "./CsvReader.js"
import { type HeaderMapping, type HeaderOverrides, mapHeaders } from "./HeaderMap.js"
import { PortfolioFileError } from "./PortfolioFileError.js"
import type { SheetRow, SourceInfo } from "./SheetRow.js"
import { openXlsx } from "./XlsxReader.js"
import type { Overlong } from "./internal/CsvTokenizer.js"
import type { RawSource } from "./internal/rawSource.js"
import { truncateText } from "../internal/truncateText.js"
import { checkPortfolioFile } from "./checkPortfolioFile.js"
import { sniffFormat } from "./internal/sniffFormat.js"

export interface ReadOptions {
  /** `--map column=field` entries. */
  readonly map?: HeaderOverrides | undefined
  /** XLSX: the sheet to read (default: the first). */
  readonly sheet?: string | undefined
  /** CSV: largest accepted file in bytes (default 500 MB). */
  readonly maxCsvBytes?: number | undefined
  /** XLSX: largest accepted file in bytes (default 50 MB). */
  readonly maxFileBytes?: number | undefined
  /** XLSX: time limit of one step of the reader in ms (default 120 s). */
  readonly timeLimitMs?: number | undefined
  /** XLSX: heap limit of the reader worker in MB (default 1024). */
  readonly maxHeapMb?: number | undefined
  /** Longest accepted cell of a mapped column (default 1000 characters). */
  readonly maxCellLength?: number | undefined
  /** Most characters one row may hold over all its cells (default 100,000). */
  readonly maxRowChars?: number | undefined
  /** Most characters all cells of the file may hold together (default 500,000,000). */
  readonly maxTotalChars?: number | undefined
}

/** Characters of an over-long cell that travel on (to a rejected row) before the truncation marker. */
const KEPT_CHARS = 200

/**
 * A mapped row, with the structural problem the reader found in it if any (wrong number of
 * fields, control characters, an absurdly long cell) — such a row is rejected before any adapter
 * sees it.
 */
export interface SourceRow {
  readonly row: Adapter.PortfolioRow
  readonly issue: Adapter.RowIssue | undefined
}

export interface Portfolio {
  readonly source: SourceInfo
  readonly header: ReadonlyArray<string>
  /** Row number of the header row (after any blank rows above it). */
  readonly headerRowNumber: number
  readonly mapping: HeaderMapping
  /** Rows the file probably holds (CSV: from its size and a sample), to size tables up front. */
  readonly estimatedRows: number | undefined
  /**
   * Runs `f` on every batch of data rows in order, until the file ends or `f` gives `false`
   * (reading stops there); one pass only. A plain pull loop rather than an Effect Stream: a
   * Stream keeps each element reachable long enough that most rows of a large file are promoted
   * to the old generation (~270 MB promoted over a million rows, measured); this loop does not.
   */
  readonly forEachBatch: <E, R>(
    f: (batch: ReadonlyArray<SourceRow>) => Effect.Effect<unknown, E, R>
  ) => Effect.Effect<void, PortfolioFileError | E, R>
}

const formatOf = (path: string): "csv" | "xlsx" | "xls" | "ods" | "numbers" | "unknown" => {
  const ext = extname(path).toLowerCase()
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx"
  if (ext === ".xls") return "xls"
  if (ext === ".ods") return "ods"
  if (ext === ".numbers") return "numbers"
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv"
  return "unknown"
}

const unsupported = (path: string, what: string) =>
  new PortfolioFileError({
    file: path,
    reason: "UNSUPPORTED_FORMAT",
    message: `${path}: ${what} are not supported; save it as .xlsx or CSV.`
  })

const openSource = async (path: string, options: ReadOptions): Promise<RawSource> => {
  // Before anything opens it: a FIFO or a device would block or never end.
  await checkPortfolioFile(path)
  const format = formatOf(path)
  if (format === "xls") throw unsupported(path, "legacy .xls workbooks")
  if (format === "ods") throw unsupported(path, "OpenDocument spreadsheets (.ods)")
  if (format === "numbers") throw unsupported(path, "Apple Numbers documents")
  if (format === "xlsx") return openXlsx(path, { ...options, displayName: path })
  // A zip under a text name is some office document; say which rather than "binary data".
  const sniffed = await sniffFormat(path)
  if (sniffed !== undefined)
    throw new PortfolioFileError({
      file: path,
      reason: sniffed.reason,
      message: `${path} is ${sniffed.description}, not a CSV text file; ${sniffed.advice}.`
    })
  return openCsv(path, { displayName: path, maxFileBytes: options.maxCsvBytes })
}

const asFileError =
  (file: string) =>
  (error: unknown): PortfolioFileError =>
    error instanceof PortfolioFileError
      ? error
      : new PortfolioFileError({ file, reason: "UNREADABLE", message: `${file} could not be read.` })

const hasControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

const columnsIssue = (
  raw: SheetRow,
  source: SourceInfo,
  headerCount: number
): Adapter.RowIssue | undefined => {
  const texts = raw.texts
  let extra = false
  for (let i = headerCount; i < texts.length && !extra; i++) extra = texts[i]?.trim() !== ""
  if (!extra && texts.length >= headerCount) return undefined
  return {
    code: "E_COLUMNS",
    field: undefined,
    message: `row has ${texts.length} field(s) but the header has ${headerCount}; a stray delimiter ("${source.delimiter === "\t" ? "tab" : source.delimiter}") or a different delimiter in this row?`
  }
}

/** A row the CSV reader cut short: rejected by itself, naming the column where it overran. */
const overlongIssue = (
  overlong: Overlong,
  header: ReadonlyArray<string>,
  mapping: HeaderMapping
): Adapter.RowIssue => {
  const name = header[overlong.column]?.trim()
  const column = name === undefined || name === "" ? `column ${overlong.column + 1}` : `column "${name}"`
  return {
    code: "E_LENGTH",
    field: mapping.fields.find((f) => f.index === overlong.column)?.field,
    message: `${column} holds ${overlong.length} characters, past the limit of ${overlong.limit} for one row; the row was not read`
  }
}

const rowCharsIssue = (chars: number, maxRowChars: number): Adapter.RowIssue | undefined =>
  chars > maxRowChars
    ? {
        code: "E_LENGTH",
        field: undefined,
        message: `row holds ${chars.toLocaleString("en")} characters over all its cells (limit ${maxRowChars.toLocaleString("en")})`
      }
    : undefined

const charsOf = (texts: ReadonlyArray<string>): number => {
  let chars = 0
  for (const text of texts) chars += text.length
  return chars
}

const cellIssue = (
  field: Adapter.RowField,
  column: string,
  text: string,
  maxCellLength: number
): Adapter.RowIssue | undefined => {
  if (hasControl(text))
    return {
      code: "E_CHARSET",
      field,
      message: `column "${column}" contains control characters (e.g. NUL); the file may be damaged or in another encoding`
    }
  if (text.length > maxCellLength)
    return {
      code: "E_LENGTH",
      field,
      message: `column "${column}" holds ${text.length.toLocaleString("en")} characters (limit ${maxCellLength.toLocaleString("en")})`
    }
  return undefined
}

const toSourceRow = (
  file: string,
  mapping: HeaderMapping,
  source: SourceInfo,
  header: ReadonlyArray<string>,
  maxCellLength: number,
  maxRowChars: number
) => {
  const headerCount = header.length
  // Same for every row: shared rather than rebuilt a million times.
  const columns: Partial<Record<Adapter.RowField, string>> = Object.fromEntries(
    mapping.fields.map((f) => [f.field, f.header])
  )
  const fields = mapping.fields
  const csv = source.format === "csv"
  return (raw: SheetRow): SourceRow => {
    const cells: Partial<Record<Adapter.RowField, Adapter.Cell>> = {}
    let issue =
      raw.overlong !== undefined
        ? overlongIssue(raw.overlong, header, mapping)
        : csv
          ? columnsIssue(raw, source, headerCount)
          : undefined
    issue ??= rowCharsIssue(charsOf(raw.texts), maxRowChars)
    for (const { index, field, header } of fields) {
      const text = raw.texts[index] ?? ""
      issue ??= cellIssue(field, header, text, maxCellLength)
      // An over-long cell is rejected; only its start (and its length) travels on to the record.
      const kept = text.length > maxCellLength ? truncateText(text, KEPT_CHARS) : text
      cells[field] = { text: kept, numeric: raw.numeric?.[index] === true }
    }
    return { row: { file, rowNumber: raw.rowNumber, cells, columns }, issue }
  }
}

/**
 * Opens a portfolio (CSV or XLSX by extension), finds and maps its header row, and gives its data
 * rows batch by batch (`forEachBatch`). File-level problems fail with `PortfolioFileError`; row-level ones
 * travel with the row. The reader (file handle or parser worker) is closed with the scope.
 */
export const readPortfolio = (
  path: string,
  options: ReadOptions = {}
): Effect.Effect<Portfolio, PortfolioFileError, Scope.Scope> =>
  Effect.gen(function* () {
    const toError = asFileError(path)
    const raw = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => openSource(path, options), catch: toError }),
      (opened) => Effect.promise(() => opened.batches.return(undefined).catch(() => undefined))
    )
    // The whole file's cell text is bounded too: a shared string referenced from every cell of a
    // small workbook would otherwise expand to gigabytes of rows.
    const maxTotalChars = options.maxTotalChars ?? 500_000_000
    let totalChars = 0
    const tooMuchText = (rowNumber: number) =>
      new PortfolioFileError({
        file: path,
        reason: "TOO_LARGE",
        message: `${path}: its cells hold more than ${maxTotalChars.toLocaleString("en")} characters of text in all (the limit), reached at row ${rowNumber}; is one value repeated in a great many cells?`
      })
    const count = (
      batch: ReadonlyArray<SheetRow>
    ): Effect.Effect<ReadonlyArray<SheetRow>, PortfolioFileError> => {
      for (const row of batch) {
        totalChars += charsOf(row.texts)
        if (totalChars > maxTotalChars) return Effect.fail(tooMuchText(row.rowNumber))
      }
      return Effect.succeed(batch)
    }
    const pull: Effect.Effect<
      IteratorResult<ReadonlyArray<SheetRow>, void>,
      PortfolioFileError
    > = Effect.flatMap(
      Effect.tryPromise({ try: () => raw.batches.next(), catch: toError }),
      (next): Effect.Effect<IteratorResult<ReadonlyArray<SheetRow>, void>, PortfolioFileError> =>
        next.done === true ? Effect.succeed(next) : Effect.as(count(next.value), next)
    )
    let buffered: Array<SheetRow> = []
    while (buffered.length < 2) {
      const next = yield* pull
      if (next.done === true) break
      buffered = buffered.concat(next.value)
    }
    const headerRow = buffered.shift()
    if (headerRow === undefined)
      return yield* new PortfolioFileError({
        file: path,
        reason: "NO_ROWS",
        message: `${path} contains no rows.`
      })
    if (buffered.length === 0)
      return yield* new PortfolioFileError({
        file: path,
        reason: "NO_ROWS",
        message: `${path} has a header row but no data rows.`
      })
    const header = headerRow.texts
    const mapping = yield* mapHeaders(path, header, options.map ?? [])
    const shape = toSourceRow(
      path,
      mapping,
      raw.info,
      header,
      options.maxCellLength ?? 1000,
      options.maxRowChars ?? 100_000
    )
    let first: ReadonlyArray<SheetRow> | undefined = buffered
    const next: Effect.Effect<ReadonlyArray<SourceRow> | undefined, PortfolioFileError> = Effect.suspend(
      () => {
        if (first === undefined)
          return Effect.map(pull, (result) => (result.done === true ? undefined : result.value.map(shape)))
        const batch = first.map(shape)
        first = undefined
        return Effect.succeed(batch)
      }
    )
    const forEachBatch = <E, R>(f: (batch: ReadonlyArray<SourceRow>) => Effect.Effect<unknown, E, R>) => {
      let done = false
      return Effect.whileLoop({
        while: () => !done,
        body: () =>
          Effect.flatMap(next, (batch): Effect.Effect<unknown, E, R> => {
            if (batch !== undefined) return f(batch)
            done = true
            return Effect.void
          }),
        step: (more) => {
          if (more === false) done = true
        }
      })
    }
    return {
      source: raw.info,
      header,
      headerRowNumber: headerRow.rowNumber,
      mapping,
      estimatedRows: raw.estimatedRows,
      forEachBatch
    }
  })
