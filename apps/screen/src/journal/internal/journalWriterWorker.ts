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

  /** What one flush has to say: answered writes, failed ones, transactions committed. */
  interface Outcome {
    readonly done: Array<number>
    readonly failed: Array<readonly [number, string]>
    commits: number
  }

  /** Commits `writes` in one transaction; if that fails, each alone, so a bad write fails only itself. */
  const commit = (writes: ReadonlyArray<Write>, outcome: Outcome) => {
    try {
      runAll.immediate(writes)
      for (const write of writes) outcome.done.push(write.id)
      outcome.commits++
    } catch (cause) {
      if (writes.length === 1) {
        const only = writes[0]
        if (only !== undefined) outcome.failed.push([only.id, messageOf(cause)])
        return
      }
      for (const write of writes) commit([write], outcome)
    }
  }
  /** Writes the batch's files; the writes whose files failed are answered and left out. */
  const withFiles = (writes: ReadonlyArray<Write>, outcome: Outcome): ReadonlyArray<Write> => {
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
    outcome.failed.push(...failed)
    return writes.filter((write) => !failed.has(write.id))
  }
  /**
   * Commits what is pending (all of it when closing) and answers in one message, which also says
   * whether the main thread may send what it gathered meanwhile (everything received is answered).
   */
  const flush = () => {
    timer = undefined
    const outcome: Outcome = { done: [], failed: [], commits: 0 }
    do {
      const writes = withFiles(pending.splice(0, MAX_BATCH), outcome)
      if (writes.length > 0) commit(writes, outcome)
      lastCommitAt = performance.now()
    } while (closing && pending.length > 0)
    post({ type: "batch", ...outcome, idle: pending.length === 0 && !closing })
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
