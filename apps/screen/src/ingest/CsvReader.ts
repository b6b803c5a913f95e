import { stat, open } from "node:fs/promises"
import { createReadStream } from "node:fs"
import { CsvError, type Parser, parse } from "csv-parse"
import iconv from "iconv-lite"
import { PortfolioFileError } from "./PortfolioFileError.js"
import type { SheetRow } from "./SheetRow.js"
import { type Delimiter, detectDelimiter } from "./internal/detectDelimiter.js"
import { encodingFromSample, isUtf8File, type TextEncoding } from "./internal/detectEncoding.js"
import { BATCH_SIZE, type RawSource } from "./internal/rawSource.js"

export interface CsvOptions {
  /** Name used in messages; defaults to the path. */
  readonly displayName?: string | undefined
  /** A record longer than this (an unterminated quote swallowing the file) is a file error. */
  readonly maxRecordBytes?: number | undefined
}

const SAMPLE_BYTES = 64 * 1024
const DEFAULT_MAX_RECORD = 1024 * 1024
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
  readonly maxRecordBytes: number
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
  return { ...guess, delimiter: detectDelimiter(text, sample.length < SAMPLE_BYTES) }
}

/** Synchronous decoder for the encodings Node cannot read itself; UTF-8 needs none. */
const decoderFor = (encoding: TextEncoding): iconv.DecoderStream | undefined =>
  encoding === "utf-8" ? undefined : iconv.getDecoder(encoding === "utf-16be" ? "utf16-be" : encoding)

const csvMessage = (file: string, error: unknown): PortfolioFileError => {
  if (error instanceof PortfolioFileError) return error
  if (error instanceof CsvError) {
    const line = typeof error["lines"] === "number" ? ` (line ${error["lines"]})` : ""
    switch (error.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return fileError(file, "MALFORMED_CSV", `${file}: a quoted field is never closed${line}.`)
      case "CSV_MAX_RECORD_SIZE":
        return fileError(
          file,
          "MALFORMED_CSV",
          `${file}: a record is longer than allowed${line}; an unterminated quote or a binary file?`
        )
      default:
        return fileError(file, "MALFORMED_CSV", `${file}: not valid CSV${line} (${error.code}).`)
    }
  }
  return fileError(file, "UNREADABLE", `${file} could not be read.`)
}

const isBlank = (record: ReadonlyArray<string>): boolean => record.every((value) => value.trim() === "")

const isRecord = (value: unknown): value is Array<string> => Array.isArray(value)

/** Resolves when the parser has flushed its last record, or has failed. */
const ended = (parser: Parser): Promise<void> =>
  new Promise((resolve) => {
    parser.once("end", resolve)
    parser.once("error", () => resolve())
    parser.once("close", resolve)
  })

/**
 * The parser is fed one slice at a time and runs in flowing mode, so every record arrives through
 * `data` while the slice is written and lands in a plain array that is emptied before the next
 * slice is written. Pulling records with `read()` instead leaves them in the stream's linked
 * buffer: an entry that reached the old generation keeps every later entry alive through its
 * `next` link, so almost every record on a million-row file was promoted and the heap grew by
 * hundreds of megabytes between full collections.
 */
async function* batches(path: string, file: string, found: Detected) {
  const parser = parse({
    delimiter: found.delimiter satisfies Delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: found.maxRecordBytes
  })
  const records: Array<unknown> = []
  let failure: unknown
  parser.on("data", (record: unknown) => records.push(record))
  parser.on("error", (error) => {
    failure ??= error
  })
  const done = ended(parser)
  const source = createReadStream(path, { start: found.bomLength, highWaterMark: CHUNK_BYTES })
  const decoder = decoderFor(found.encoding)
  // Blank lines are parsed as records (not skipped by the parser) so that row numbers count them,
  // as a spreadsheet does; a quoted newline does not start a row.
  let rowNumber = 0
  let batch: Array<SheetRow> = []
  const take = function* () {
    for (const record of records) {
      rowNumber++
      if (isRecord(record) && !isBlank(record)) {
        batch.push({ rowNumber, texts: record })
        if (batch.length >= BATCH_SIZE) {
          yield batch
          batch = []
        }
      }
    }
    records.length = 0
  }
  try {
    for await (const chunk of source) {
      const bytes = chunk as Buffer
      for (let at = 0; at < bytes.length; at += FEED_BYTES) {
        const piece = bytes.subarray(at, at + FEED_BYTES)
        parser.write(decoder === undefined ? piece : decoder.write(piece))
        yield* take()
        if (failure !== undefined) throw csvMessage(file, failure)
      }
    }
    const rest = decoder?.end()
    if (rest !== undefined && rest !== "") parser.write(rest)
    parser.end()
    await done
    yield* take()
    if (failure !== undefined) throw csvMessage(file, failure)
    if (batch.length > 0) yield batch
  } catch (error) {
    throw csvMessage(file, error)
  } finally {
    source.destroy()
    parser.destroy()
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
  const sample = await readSample(path)
  const found = await detect(path, file, sample)
  const how = { ...found, maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD }
  return {
    info: { file, format: "csv", encoding: found.encoding, delimiter: found.delimiter },
    batches: batches(path, file, how),
    estimatedRows: estimateRows(sample, size)
  }
}
