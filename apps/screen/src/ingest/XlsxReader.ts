import { readFile, stat } from "node:fs/promises"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { Worker, type WorkerOptions } from "node:worker_threads"
import { Either, Schema } from "effect"
import { type FileErrorReason, PortfolioFileError } from "./PortfolioFileError.js"
import type { SheetRow } from "./SheetRow.js"
import { BATCH_SIZE, type RawSource } from "./internal/rawSource.js"
import { inspectZip } from "./internal/zipGuard.js"

export interface XlsxOptions {
  readonly displayName?: string | undefined
  /** Sheet to read; the first sheet when absent. */
  readonly sheet?: string | undefined
  /** Largest accepted file, default 50 MB. */
  readonly maxFileBytes?: number | undefined
  /** Sum of the zip's declared uncompressed sizes, default 20 × maxFileBytes capped at 1 GiB. */
  readonly maxUncompressedBytes?: number | undefined
  /** Time the worker may take to parse the workbook, default 120 s. */
  readonly timeLimitMs?: number | undefined
  /** Old-generation heap of the worker, default 1536 MB. */
  readonly maxHeapMb?: number | undefined
}

const MB = 1024 * 1024

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

const workerReasons: ReadonlyArray<FileErrorReason> = ["NOT_A_WORKBOOK", "ENCRYPTED", "SHEET_NOT_FOUND"]

// Tests run this module from TypeScript sources. Node 20 does not apply ESM loader hooks inside
// worker threads, so there the worker is started through tsx's in-thread CommonJS hook instead.
const startWorker = (options: WorkerOptions): Worker => {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./internal/xlsxWorker.js", import.meta.url), options)
  const hook = createRequire(import.meta.url).resolve("tsx/cjs")
  const entry = fileURLToPath(new URL("./internal/xlsxWorker.ts", import.meta.url))
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)})`, {
    ...options,
    eval: true
  })
}

const preflight = async (path: string, file: string, maxFileBytes: number): Promise<Buffer> => {
  const err = (reason: FileErrorReason, message: string) => new PortfolioFileError({ file, reason, message })
  const info = await stat(path).catch(() => undefined)
  if (info === undefined || !info.isFile())
    throw err("NOT_FOUND", `${file} does not exist or cannot be opened.`)
  if (info.size === 0) throw err("EMPTY", `${file} is empty.`)
  if (info.size > maxFileBytes)
    throw err(
      "TOO_LARGE",
      `${file} is ${Math.ceil(info.size / MB)} MB; the limit is ${maxFileBytes / MB} MB.`
    )
  const buffer = await readFile(path)
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    // Office encrypts an .xlsx by wrapping it in an OLE container with an EncryptedPackage stream.
    if (buffer.includes(Buffer.from("EncryptedPackage", "utf16le")))
      throw err("ENCRYPTED", `${file} is password-protected; remove the password in Excel and save again.`)
    throw err("UNSUPPORTED_FORMAT", `${file} is a legacy .xls workbook; save it as .xlsx or CSV.`)
  }
  if (buffer.length < 4 || buffer.readUInt32BE(0) !== 0x504b0304)
    throw err("NOT_A_WORKBOOK", `${file} is not an Excel workbook (.xlsx): it is not a zip archive.`)
  return buffer
}

async function* batches(mailbox: Mailbox, worker: Worker, file: string) {
  try {
    for (;;) {
      worker.postMessage("next")
      const event = await mailbox.next()
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
 * Opens an XLSX portfolio. The zip is inspected first (size, entry count, expansion), then
 * SheetJS parses it in a worker thread with a heap limit and a time limit; rows come back in
 * batches, one batch per request. Number cells keep `numeric: true`; date-formatted cells become
 * their calendar date (`YYYY-MM-DD`) in the workbook's date system. Rejects with
 * `PortfolioFileError`.
 */
export const openXlsx = async (path: string, options: XlsxOptions = {}): Promise<RawSource> => {
  const file = options.displayName ?? path
  const maxFileBytes = options.maxFileBytes ?? 50 * MB
  const buffer = await preflight(path, file, maxFileBytes)
  const verdict = await inspectZip(buffer, {
    maxEntries: 10_000,
    maxUncompressedBytes: options.maxUncompressedBytes ?? Math.min(1024 * MB, 20 * maxFileBytes),
    maxRatio: 1000
  })
  if (!verdict.ok) {
    const message =
      verdict.reason === "ZIP_BOMB"
        ? `${file} ${verdict.detail}; refusing to unpack it (possible zip bomb).`
        : verdict.reason === "ENCRYPTED"
          ? `${file} ${verdict.detail}; remove the password and save again.`
          : `${file} is not an Excel workbook (.xlsx): it ${verdict.detail}.`
    throw new PortfolioFileError({ file, reason: verdict.reason, message })
  }
  // A copy we own, so transferring it cannot detach memory that something else shares.
  const owned = new ArrayBuffer(buffer.byteLength)
  const bytes = new Uint8Array(owned)
  bytes.set(buffer)
  const worker = startWorker({
    workerData: { buffer: bytes, sheet: options.sheet, batchSize: BATCH_SIZE },
    transferList: [owned],
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1536, maxYoungGenerationSizeMb: 64 },
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
        ? `${file} needs more memory to parse than the ${options.maxHeapMb ?? 1536} MB allowed.`
        : `${file} could not be parsed as an Excel workbook.`
    })
  })
  worker.on("exit", () =>
    mailbox.push({ type: "fault", reason: "UNREADABLE", message: `${file}: the workbook reader stopped.` })
  )
  const timeLimit = options.timeLimitMs ?? 120_000
  const timer = setTimeout(() => {
    mailbox.push({
      type: "fault",
      reason: "TIMEOUT",
      message: `${file} took longer than ${timeLimit / 1000} s to parse.`
    })
    void worker.terminate()
  }, timeLimit)
  const first = await mailbox.next()
  clearTimeout(timer)
  if (first.type !== "meta") {
    await worker.terminate()
    throw toError(file, first)
  }
  return {
    info: { file, format: "xlsx", sheet: first.sheet, date1904: first.date1904 },
    batches: batches(mailbox, worker, file)
  }
}
