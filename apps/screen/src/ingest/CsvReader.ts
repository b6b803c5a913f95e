import { stat, open } from "node:fs/promises"
import { createReadStream } from "node:fs"
import { StringDecoder } from "node:string_decoder"
import iconv from "iconv-lite"
import { PortfolioFileError } from "./PortfolioFileError.js"
import type { SheetRow } from "./SheetRow.js"
import { type Delimiter, detectDelimiter } from "./internal/detectDelimiter.js"
import { encodingFromSample, isUtf8File, type TextEncoding } from "./internal/detectEncoding.js"
import { CsvTokenizer } from "./internal/CsvTokenizer.js"
import { BATCH_SIZE, type RawSource } from "./internal/rawSource.js"

export interface CsvOptions {
  /** Name used in messages; defaults to the path. */
  readonly displayName?: string | undefined
  /** Largest accepted file in bytes (default 500 MB). */
  readonly maxFileBytes?: number | undefined
  /**
   * A row holding more characters than this (default 1 MiB) is cut at that point and rejected
   * with its row and column; the rows after it are read as usual.
   */
  readonly maxRecordChars?: number | undefined
}

const SAMPLE_BYTES = 64 * 1024
const DEFAULT_MAX_RECORD = 1024 * 1024
const DEFAULT_MAX_FILE = 500 * 1024 * 1024
const CHUNK_BYTES = 64 * 1024
// The parser gets a chunk in slices, and a slice's records (~170 rows of a typical portfolio) are
// handed on before the next slice is parsed. Records held for a whole chunk while the planner works
// through them outlive two young-generation collections and are promoted, to die in the old
// generation: with 64 KB at once that was ~300 MB promoted over a million rows.
const FEED_BYTES = 8 * 1024

interface Detected {
  readonly encoding: TextEncoding
  readonly bomLength: number
  readonly delimiter: Delimiter
  readonly maxRecordChars: number
}

const readSample = async (path: string): Promise<Buffer> => {
  const handle = await open(path, "r")
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

const isControl = (byte: number): boolean => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d

/** A spreadsheet or other binary saved under a .csv name, recognised before it is parsed as text. */
const binaryKind = (sample: Buffer): string | undefined => {
  if (sample[0] === 0x50 && sample[1] === 0x4b) return "a ZIP archive (an .xlsx workbook saved as .csv?)"
  if (sample.readUInt32BE(0) === 0xd0cf11e0) return "an OLE compound file (a legacy .xls workbook?)"
  const head = sample.subarray(0, 8192)
  let control = 0
  for (const byte of head) if (isControl(byte)) control++
  // A stray NUL is a row problem; many control bytes mean the file is not text at all.
  return control > Math.max(8, head.length * 0.01) ? "binary data, not text" : undefined
}

const fileError = (file: string, reason: PortfolioFileError["reason"], message: string) =>
  new PortfolioFileError({ file, reason, message })

const detect = async (path: string, file: string, sample: Buffer) => {
  if (sample.length === 0) throw fileError(file, "EMPTY", `${file} is empty.`)
  const marked = encodingFromSample(sample)
  if (marked === undefined && sample.length >= 4) {
    const kind = binaryKind(sample)
    if (kind !== undefined) throw fileError(file, "BINARY", `${file} is ${kind}; expected a CSV text file.`)
  }
  const guess = marked ?? {
    encoding: (await isUtf8File(path, 0)) ? ("utf-8" as const) : ("windows-1252" as const),
    bomLength: 0
  }
  const body = sample.subarray(guess.bomLength)
  if (body.length === 0) throw fileError(file, "EMPTY", `${file} holds only a byte-order mark and no rows.`)
  const text = iconv.decode(body, guess.encoding)
  // Without a line break in the sample the header cannot be split (and the delimiter not told):
  // say so, instead of reading one enormous column and finding no identifier in it.
  if (sample.length === SAMPLE_BYTES && !/[\r\n]/.test(text.replace(/^\s+/, "")))
    throw fileError(
      file,
      "HEADER_TOO_LONG",
      `${file}: the header row is longer than ${SAMPLE_BYTES / 1024} KiB (${SAMPLE_BYTES} bytes) without a line break; is it a CSV file with one header row?`
    )
  return { ...guess, delimiter: detectDelimiter(text, sample.length < SAMPLE_BYTES) }
}

/** A decoder that carries a character cut at a slice's end over to the next slice. */
const decoderFor = (encoding: TextEncoding): { write(bytes: Buffer): string; end(): string | undefined } =>
  encoding === "utf-8"
    ? new StringDecoder("utf8")
    : iconv.getDecoder(encoding === "utf-16be" ? "utf16-be" : encoding)

const MB = 1024 * 1024

const unreadable = (file: string, error: unknown): PortfolioFileError =>
  error instanceof PortfolioFileError ? error : fileError(file, "UNREADABLE", `${file} could not be read.`)

const isBlank = (record: ReadonlyArray<string>): boolean => record.every((value) => value.trim() === "")

/** Column name for a message: the header's text when there is one, else the column's number. */
const columnName = (header: ReadonlyArray<string> | undefined, index: number): string => {
  const text = header?.[index]?.trim()
  return text === undefined || text === "" ? `column ${index + 1}` : `column "${text.slice(0, 40)}"`
}

/**
 * The file is read in 64 KB chunks and split 8 KB at a time; the records of each slice are handed
 * on before the next slice is split, so that none lives long enough to be promoted.
 */
async function* batches(path: string, file: string, found: Detected) {
  // Blank lines are records too (a spreadsheet numbers them), skipped here and not before, so
  // that row numbers count them; a quoted line break does not start a row.
  let rowNumber = 0
  let header: ReadonlyArray<string> | undefined
  let batch: Array<SheetRow> = []
  const full: Array<Array<SheetRow>> = []
  const tokenizer = new CsvTokenizer(found.delimiter, found.maxRecordChars, (texts, _line, overlong) => {
    rowNumber++
    if (overlong === undefined && isBlank(texts)) return
    header ??= texts
    batch.push(overlong === undefined ? { rowNumber, texts } : { rowNumber, texts, overlong })
    if (batch.length >= BATCH_SIZE) {
      full.push(batch)
      batch = []
    }
  })
  const take = function* () {
    for (const ready of full) yield ready
    full.length = 0
  }
  const source = createReadStream(path, { start: found.bomLength, highWaterMark: CHUNK_BYTES })
  const decoder = decoderFor(found.encoding)
  try {
    for await (const chunk of source) {
      const bytes = chunk as Buffer
      for (let at = 0; at < bytes.length; at += FEED_BYTES) {
        tokenizer.write(decoder.write(bytes.subarray(at, at + FEED_BYTES)))
        yield* take()
      }
    }
    tokenizer.write(decoder.end() ?? "")
    const unclosed = tokenizer.end()
    if (unclosed !== undefined)
      throw fileError(
        file,
        "MALFORMED_CSV",
        `${file}: row ${rowNumber + 1}, ${columnName(header, unclosed.column)}: the quote that opens this cell on line ${unclosed.line} is never closed, so the rest of the file would be read as one cell. Close the quote, or write a quote inside a cell as "".`
      )
    yield* take()
    if (batch.length > 0) yield batch
  } catch (error) {
    throw unreadable(file, error)
  } finally {
    source.destroy()
  }
}

/** Line breaks in the sample scaled to the file: enough to size tables up front. */
const estimateRows = (sample: Buffer, size: number): number => {
  let lines = 0
  for (const byte of sample) if (byte === 0x0a) lines++
  return sample.length === 0 ? 0 : Math.ceil((Math.max(lines, 1) * size) / sample.length)
}

/**
 * Opens a CSV portfolio as a stream of records. The encoding (BOM, UTF-16, else UTF-8 when the
 * whole file is valid UTF-8, else Windows-1252) and the delimiter are detected first; every cell
 * stays text. Rejects with `PortfolioFileError`.
 */
export const openCsv = async (path: string, options: CsvOptions = {}): Promise<RawSource> => {
  const file = options.displayName ?? path
  let size = 0
  try {
    const info = await stat(path)
    if (!info.isFile()) throw fileError(file, "UNREADABLE", `${file} is not a file.`)
    size = info.size
  } catch (error) {
    if (error instanceof PortfolioFileError) throw error
    throw fileError(file, "NOT_FOUND", `${file} does not exist or cannot be opened.`)
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE
  if (size > maxFileBytes)
    throw fileError(
      file,
      "TOO_LARGE",
      `${file} is ${Math.ceil(size / MB)} MB; the limit for a CSV file is ${Math.floor(maxFileBytes / MB)} MB (raise it with --max-csv-mb).`
    )
  const sample = await readSample(path)
  const found = await detect(path, file, sample)
  const how = { ...found, maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD }
  return {
    info: { file, format: "csv", encoding: found.encoding, delimiter: found.delimiter },
    batches: batches(path, file, how),
    estimatedRows: estimateRows(sample, size)
  }
}
