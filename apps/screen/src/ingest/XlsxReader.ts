import { open, readFile } from "node:fs/promises"
import type { Worker, WorkerOptions } from "node:worker_threads"
import { Either, Schema } from "effect"
import { type FileErrorReason, PortfolioFileError } from "./PortfolioFileError.js"
import type { SheetRow } from "./SheetRow.js"
import { startWorker } from "../internal/startWorker.js"
import { BATCH_SIZE, type RawSource } from "./internal/rawSource.js"
import { checkPortfolioFile } from "./checkPortfolioFile.js"
import { inspectZip } from "./internal/zipGuard.js"
import { describeZipKind } from "./internal/zipKind.js"

export interface XlsxOptions {
  readonly displayName?: string | undefined
  /** Sheet to read; the first sheet when absent. */
  readonly sheet?: string | undefined
  /** Largest accepted file, default 50 MB. */
  readonly maxFileBytes?: number | undefined
  /** Sum of the zip's declared uncompressed sizes, default 20 × maxFileBytes capped at 1 GiB. */
  readonly maxUncompressedBytes?: number | undefined
  /** Largest shared-string table (unpacked XML) held in memory, default 128 MB. */
  readonly maxSharedStringsBytes?: number | undefined
  /** Longest step of the reader (opening the workbook, or one batch of rows), default 120 s. */
  readonly timeLimitMs?: number | undefined
  /** Old-generation heap of the worker, default 1024 MB. */
  readonly maxHeapMb?: number | undefined
}

const MB = 1024 * 1024
/** Longer than Excel's own cell limit (32,767): enough to tell such a cell is over any limit. */
const MAX_CELL_CHARS = 32_768
const YOUNG_GENERATION_MB = 32

const WorkerMessage = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("meta"),
    sheet: Schema.String,
    sheets: Schema.Array(Schema.String),
    date1904: Schema.Boolean
  }),
  Schema.Struct({
    type: Schema.Literal("rows"),
    rows: Schema.Array(
      Schema.Struct({
        rowNumber: Schema.Number,
        texts: Schema.Array(Schema.String),
        numeric: Schema.Array(Schema.Boolean)
      })
    )
  }),
  Schema.Struct({ type: Schema.Literal("end") }),
  Schema.Struct({ type: Schema.Literal("error"), reason: Schema.String, message: Schema.String })
)
type WorkerMessage = typeof WorkerMessage.Type
type Event =
  | WorkerMessage
  | { readonly type: "fault"; readonly reason: FileErrorReason; readonly message: string }

const decodeMessage = Schema.decodeUnknownEither(WorkerMessage)

/** Events from the worker in arrival order, awaited one at a time. */
class Mailbox {
  private readonly queue: Array<Event> = []
  private waiting: ((event: Event) => void) | undefined
  push(event: Event) {
    const waiting = this.waiting
    this.waiting = undefined
    if (waiting !== undefined) waiting(event)
    else this.queue.push(event)
  }
  next(): Promise<Event> {
    const event = this.queue.shift()
    if (event !== undefined) return Promise.resolve(event)
    return new Promise((resolve) => {
      this.waiting = resolve
    })
  }
}

const workerReasons: ReadonlyArray<FileErrorReason> = [
  "NOT_A_WORKBOOK",
  "ENCRYPTED",
  "SHEET_NOT_FOUND",
  "TOO_LARGE",
  "NO_ROWS"
]

const startXlsxWorker = (options: WorkerOptions): Worker =>
  startWorker(import.meta.url, "./internal/xlsxWorker", options)

const readHead = async (path: string, bytes: number): Promise<Buffer> => {
  const handle = await open(path, "r")
  try {
    const head = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(head, 0, bytes, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

const preflight = async (path: string, file: string, maxFileBytes: number): Promise<number> => {
  const err = (reason: FileErrorReason, message: string) => new PortfolioFileError({ file, reason, message })
  const { size } = await checkPortfolioFile(path, file)
  if (size === 0) throw err("EMPTY", `${file} is empty.`)
  if (size > maxFileBytes)
    throw err("TOO_LARGE", `${file} is ${Math.ceil(size / MB)} MB; the limit is ${maxFileBytes / MB} MB.`)
  const head = await readHead(path, 4)
  if (head.length === 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    // Office encrypts an .xlsx by wrapping it in an OLE container with an EncryptedPackage stream.
    if ((await readFile(path)).includes(Buffer.from("EncryptedPackage", "utf16le")))
      throw err("ENCRYPTED", `${file} is password-protected; remove the password in Excel and save again.`)
    throw err("UNSUPPORTED_FORMAT", `${file} is a legacy .xls workbook; save it as .xlsx or CSV.`)
  }
  if (head.length < 4 || head.readUInt32BE(0) !== 0x504b0304)
    throw err("NOT_A_WORKBOOK", `${file} is not an Excel workbook (.xlsx): it is not a zip archive.`)
  return size
}

/**
 * What a workbook may unpack to: 100 times its own size (real sheets compress 5–20-fold), at
 * least 64 MB, at most 1 GiB or 20 times the file-size limit. A small file that inflates to
 * hundreds of megabytes of XML would take minutes to parse: it is refused up front.
 */
const inflateLimit = (size: number, maxFileBytes: number): number =>
  Math.min(1024 * MB, 20 * maxFileBytes, Math.max(64 * MB, 100 * size))

/** The next event, or a TIMEOUT fault (and the worker stopped) when none comes in time. */
const nextWithin = async (mailbox: Mailbox, worker: Worker, file: string, ms: number): Promise<Event> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Event>((resolve) => {
    timer = setTimeout(() => {
      void worker.terminate()
      resolve({
        type: "fault",
        reason: "TIMEOUT",
        message: `${file}: the workbook reader took longer than ${ms / 1000} s for one step (the limit).`
      })
    }, ms)
  })
  try {
    return await Promise.race([mailbox.next(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function* batches(mailbox: Mailbox, worker: Worker, file: string, timeLimit: number) {
  try {
    for (;;) {
      worker.postMessage("next")
      const event = await nextWithin(mailbox, worker, file, timeLimit)
      if (event.type === "end") return
      if (event.type === "rows") yield event.rows satisfies ReadonlyArray<SheetRow>
      else if (event.type === "fault" || event.type === "error") throw toError(file, event)
    }
  } finally {
    await worker.terminate()
  }
}

const toError = (file: string, event: Event): PortfolioFileError => {
  if (event.type === "fault")
    return new PortfolioFileError({ file, reason: event.reason, message: event.message })
  if (event.type === "error") {
    const reason = workerReasons.find((known) => known === event.reason) ?? "NOT_A_WORKBOOK"
    return new PortfolioFileError({ file, reason, message: `${file} ${event.message}.` })
  }
  return new PortfolioFileError({ file, reason: "UNREADABLE", message: `${file} could not be read.` })
}

/**
 * Opens an XLSX portfolio. The file is checked first (a regular file, size, zip directory: entry
 * count and expansion, ZIP64 understood), then a worker thread reads it as a stream (see
 * xlsxWorker) under a heap limit and a time limit per step; rows come back in batches, one batch
 * per request. Number cells keep `numeric: true`; date-formatted cells become their calendar date
 * (`YYYY-MM-DD`) in the workbook's date system. Rejects with `PortfolioFileError`.
 */
export const openXlsx = async (path: string, options: XlsxOptions = {}): Promise<RawSource> => {
  const file = options.displayName ?? path
  const maxFileBytes = options.maxFileBytes ?? 50 * MB
  const size = await preflight(path, file, maxFileBytes)
  const verdict = await inspectZip(path, {
    maxEntries: 10_000,
    maxUncompressedBytes: options.maxUncompressedBytes ?? inflateLimit(size, maxFileBytes),
    maxRatio: 1000
  })
  if (!verdict.ok) {
    if (verdict.reason === "OTHER_DOCUMENT") {
      const { description, advice } = describeZipKind[verdict.kind ?? "zip"]
      throw new PortfolioFileError({
        file,
        reason: "UNSUPPORTED_FORMAT",
        message: `${file} is ${description}, not an Excel workbook (.xlsx); ${advice}.`
      })
    }
    const message =
      verdict.reason === "ZIP_BOMB"
        ? `${file} ${verdict.detail}; refusing to unpack it (possible zip bomb).`
        : verdict.reason === "ENCRYPTED"
          ? `${file} ${verdict.detail}; remove the password and save again.`
          : `${file} is not an Excel workbook (.xlsx): it ${verdict.detail}.`
    throw new PortfolioFileError({ file, reason: verdict.reason, message })
  }
  const maxHeapMb = options.maxHeapMb ?? 1024
  const worker = startXlsxWorker({
    workerData: {
      path,
      sheet: options.sheet,
      batchSize: BATCH_SIZE,
      maxSharedStringsBytes: options.maxSharedStringsBytes ?? 128 * MB,
      maxCellChars: MAX_CELL_CHARS
    },
    // The heap is what grows with a workbook here: the reader streams, so the buffers outside the
    // heap are the inflater's and one chunk of XML at a time.
    resourceLimits: {
      maxOldGenerationSizeMb: maxHeapMb,
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      stackSizeMb: 4
    },
    stdout: true,
    stderr: true
  })
  const mailbox = new Mailbox()
  worker.on("message", (raw: unknown) => {
    const decoded = decodeMessage(raw)
    if (Either.isRight(decoded)) mailbox.push(decoded.right)
    else
      mailbox.push({
        type: "fault",
        reason: "UNREADABLE",
        message: `${file}: the workbook reader misbehaved.`
      })
  })
  worker.on("error", (error: Error & { code?: unknown }) => {
    const oom = error.code === "ERR_WORKER_OUT_OF_MEMORY"
    mailbox.push({
      type: "fault",
      reason: oom ? "OUT_OF_MEMORY" : "NOT_A_WORKBOOK",
      message: oom
        ? `${file} needs more memory to read than the reader's limit (${maxHeapMb} MB heap + ${YOUNG_GENERATION_MB} MB young generation).`
        : `${file} could not be read as an Excel workbook.`
    })
  })
  worker.on("exit", () =>
    mailbox.push({ type: "fault", reason: "UNREADABLE", message: `${file}: the workbook reader stopped.` })
  )
  const timeLimit = options.timeLimitMs ?? 120_000
  const first = await nextWithin(mailbox, worker, file, timeLimit)
  if (first.type !== "meta") {
    await worker.terminate()
    throw toError(file, first)
  }
  return {
    info: { file, format: "xlsx", sheet: first.sheet, date1904: first.date1904 },
    batches: batches(mailbox, worker, file, timeLimit)
  }
}
