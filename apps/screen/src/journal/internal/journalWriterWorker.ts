// The journal's write connection, in a worker thread: it commits the queued writes in one
// transaction (`synchronous = FULL`: the fsync happens here, not on the main thread), at most
// once per window while writes keep coming, and answers each batch with the ids it committed.
import { parentPort, workerData } from "node:worker_threads"
import Database from "better-sqlite3"
import { writeDurably } from "./durableFiles.js"
import { statementCache } from "./statementCache.js"
import type {
  DurableFile,
  WriterData,
  WriterReply,
  WriterRequest,
  WrittenStatements as Write
} from "./writerProtocol.js"

/** The most writes one transaction takes (the rest wait for the next one). */
const MAX_BATCH = 4096

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

const serve = (port: NonNullable<typeof parentPort>, data: WriterData) => {
  const post = (reply: WriterReply) => port.postMessage(reply)
  let db: Database.Database
  try {
    db = new Database(data.filename)
    db.pragma("journal_mode = WAL")
    db.pragma("synchronous = FULL")
    db.pragma("busy_timeout = 5000")
  } catch (cause) {
    post({ type: "openFailed", reason: messageOf(cause) })
    return
  }
  const statementOf = statementCache(db)
  const runAll = db.transaction((writes: ReadonlyArray<Write>) => {
    for (const write of writes) for (const [sql, params] of write.statements) statementOf(sql).run(...params)
  })

  const pending: Array<Write> = []
  let lastCommitAt = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | undefined
  let closing = false

  /** Commits `writes` in one transaction; if that fails, each alone, so a bad write fails only itself. */
  const commit = (writes: ReadonlyArray<Write>) => {
    try {
      runAll.immediate(writes)
      post({ type: "batch", done: writes.map((w) => w.id), failed: [], commits: 1 })
    } catch (cause) {
      if (writes.length === 1) {
        const only = writes[0]
        if (only !== undefined)
          post({ type: "batch", done: [], failed: [[only.id, messageOf(cause)]], commits: 0 })
        return
      }
      for (const write of writes) commit([write])
    }
  }
  /** Writes the batch's files; the writes whose files failed are answered and left out. */
  const withFiles = (writes: ReadonlyArray<Write>): ReadonlyArray<Write> => {
    const files: Array<DurableFile> = []
    const owners: Array<number> = []
    for (const write of writes)
      for (const file of write.files ?? []) {
        files.push(file)
        owners.push(write.id)
      }
    if (files.length === 0) return writes
    const failed = writeDurably(files, owners)
    if (failed.size === 0) return writes
    post({ type: "batch", done: [], failed: [...failed], commits: 0 })
    return writes.filter((write) => !failed.has(write.id))
  }
  const flush = () => {
    timer = undefined
    do {
      const writes = withFiles(pending.splice(0, MAX_BATCH))
      if (writes.length > 0) commit(writes)
      lastCommitAt = performance.now()
    } while (closing && pending.length > 0)
    // Everything received is committed: the main thread may send what it gathered meanwhile.
    if (pending.length === 0 && !closing) post({ type: "idle" })
    schedule()
  }
  const schedule = () => {
    if (timer !== undefined || pending.length === 0 || closing) return
    timer = setTimeout(flush, Math.max(0, lastCommitAt + data.windowMs - performance.now()))
  }

  port.on("message", (request: WriterRequest) => {
    if (request.type === "write") {
      for (const write of request.writes) pending.push(write)
      schedule()
      return
    }
    closing = true
    if (timer !== undefined) clearTimeout(timer)
    if (pending.length > 0) flush()
    db.close()
    post({ type: "closed" })
    port.close()
  })
  post({ type: "open" })
}

if (parentPort !== null) serve(parentPort, workerData as WriterData)
