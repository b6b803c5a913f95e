import type { Worker } from "node:worker_threads"
import type { Statement } from "@effect/sql"
import Database from "better-sqlite3"
import { Context, Effect, Layer, type Scope } from "effect"
import { startWorker } from "../internal/startWorker.js"
import { statementCache } from "./internal/statementCache.js"
import type {
  Bindable,
  CompiledStatement,
  DurableFile,
  WriterData,
  WriterReply,
  WriterRequest,
  WrittenStatements
} from "./internal/writerProtocol.js"
import { JournalFailed } from "./JournalFailed.js"

export type { DurableFile } from "./internal/writerProtocol.js"

/** A statement built with the journal's `SqlClient` (`sql\`…\``); the writer runs its compiled text. */
export type JournalStatement = Statement.Statement<unknown>

/**
 * Group commit for every write to the journal. The journal's one write connection lives in a
 * worker thread: a write's statements are compiled at once and sent there; the thread commits
 * what has arrived in one transaction at most every `windowMs` (at once when it was idle) and
 * each caller is answered only after COMMIT returned. With `synchronous = FULL` a COMMIT is on
 * disk (fsync) when it returns, so an answered write survives `kill -9` and power loss; the
 * writes of one window cost one fsync instead of one each, and the fsync never blocks this
 * thread.
 *
 * If a batch fails (a statement, or the COMMIT), it is rolled back and its writes are committed
 * again one transaction each, so a bad write fails only its own caller.
 *
 * Reads (WAL) never wait for a commit: `read` (a connection on this thread, for point reads on
 * the hot path) and the `SqlClient` see every write that was answered.
 */
export interface JournalWriterShape {
  /**
   * Commits `statements` atomically in the next group commit; succeeds once they are durable.
   * `files` are first written durably by the writer thread (each to a temp name, flushed, renamed
   * into place, its directory synced, the files of one batch together); if one cannot be written
   * the write fails and its statements are not committed.
   */
  readonly write: (
    statements: ReadonlyArray<JournalStatement>,
    files?: ReadonlyArray<DurableFile>
  ) => Effect.Effect<void, JournalFailed>
  /** Runs a query on the writer's read connection (a point read on the hot path, without the `SqlClient`'s overhead). */
  readonly read: (statement: JournalStatement) => Effect.Effect<ReadonlyArray<unknown>, JournalFailed>
  /**
   * A read connection of its own, synchronous, for a reader that outlives this scope (a report's
   * records are read a page at a time while a writer iterates them, possibly after the run).
   * Its caller closes it.
   */
  readonly openReader: () => JournalReader
  /** Transactions committed so far (a batch, or a write committed alone after a failed batch). */
  readonly commits: Effect.Effect<number>
  /** Writes waiting for their commit. */
  readonly pending: Effect.Effect<number>
}

/** A synchronous read connection (`all` throws `JournalFailed`). */
export interface JournalReader {
  readonly all: (statement: JournalStatement) => ReadonlyArray<unknown>
  readonly close: () => void
}

export class JournalWriter extends Context.Tag("@nordscreen/screen/JournalWriter")<
  JournalWriter,
  JournalWriterShape
>() {}

export interface JournalWriterOptions {
  /**
   * The shortest time between two commits while writes keep coming (default 8 ms): the longest
   * a write waits for its batch. 0 commits every turn of the event loop.
   */
  readonly windowMs?: number | undefined
}

type Resume = (effect: Effect.Effect<void, JournalFailed>) => void

const bindable = (value: unknown): Bindable => {
  if (value === null || value === undefined) return null
  if (typeof value === "boolean") return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value
  if (value instanceof Uint8Array) return value
  return JSON.stringify(value)
}

const compiled = (statement: JournalStatement): CompiledStatement => {
  const [sql, params] = statement.compile()
  return [sql, params.map(bindable)]
}

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

const failure = (operation: string, reason: string) => new JournalFailed({ operation, reason })

/** A connection that only reads (WAL: it never waits for the writer's commits). */
const openReadConnection = (filename: string): Database.Database => {
  const db = new Database(filename)
  db.pragma("busy_timeout = 5000")
  db.pragma("query_only = ON")
  return db
}

/** Starts the writer thread on `data` and waits until its connection is open. */
const startWriter = (data: WriterData) =>
  Effect.async<Worker, JournalFailed>((resume) => {
    const worker = startWorker(import.meta.url, "./internal/journalWriterWorker", { workerData: data })
    const onMessage = (reply: WriterReply) => {
      worker.off("error", onError)
      if (reply.type === "open") resume(Effect.succeed(worker))
      else {
        void worker.terminate()
        resume(
          Effect.fail(
            failure("open", `${data.filename}: ${reply.type === "openFailed" ? reply.reason : reply.type}`)
          )
        )
      }
    }
    const onError = (cause: unknown) => {
      worker.off("message", onMessage)
      resume(Effect.fail(failure("open", `${data.filename}: ${messageOf(cause)}`)))
    }
    worker.once("message", onMessage)
    worker.once("error", onError)
  })

/**
 * The writer of the SQLite journal at `filename` (which the `SqlClient` has opened and migrated:
 * WAL mode): a worker thread owns the write connection, and a read connection stays on this
 * thread. Both live as long as `scope`; closing it commits what is queued first.
 */
export const makeJournalWriter = (
  filename: string,
  options: JournalWriterOptions = {}
): Effect.Effect<JournalWriterShape, JournalFailed, Scope.Scope> =>
  Effect.gen(function* () {
    const waiting = new Map<number, Resume>()
    let nextId = 0
    let commits = 0
    let stopped: string | undefined
    const stop = (reason: string) => {
      stopped ??= reason
      for (const resume of waiting.values()) resume(Effect.fail(failure("write", reason)))
      waiting.clear()
    }

    const worker = yield* Effect.acquireRelease(
      startWriter({ filename, windowMs: Math.max(0, options.windowMs ?? 8) }),
      (worker) =>
        Effect.async<void>((resume) => {
          if (stopped !== undefined) {
            resume(Effect.void)
            return
          }
          worker.once("exit", () => resume(Effect.void))
          post()
          worker.postMessage({ type: "close" } satisfies WriterRequest)
        }).pipe(Effect.ensuring(Effect.sync(() => stop("the journal is closed"))))
    )
    worker.on("message", (reply: WriterReply) => {
      if (reply.type !== "batch") return
      commits += reply.commits
      for (const id of reply.done) {
        waiting.get(id)?.(Effect.void)
        waiting.delete(id)
      }
      for (const [id, reason] of reply.failed) {
        waiting.get(id)?.(Effect.fail(failure("write", reason)))
        waiting.delete(id)
      }
      if (reply.idle) {
        busy = false
        if (outbox.length > 0) post()
      }
    })
    worker.on("error", (cause) => stop(`the journal writer stopped: ${messageOf(cause)}`))
    worker.on("exit", () => stop("the journal is closed"))

    // Writes go to the writer thread one message per commit: those of one turn of the event loop
    // when it is idle, else all that gathered until it says it is idle again (it commits at most
    // once per window, so this is when the next commit can take them).
    let outbox: Array<WrittenStatements> = []
    let busy = false
    let scheduled = false
    const post = () => {
      scheduled = false
      const writes = outbox
      outbox = []
      if (writes.length === 0 || stopped !== undefined) return
      busy = true
      worker.postMessage({ type: "write", writes } satisfies WriterRequest)
    }
    const send = (write: WrittenStatements) => {
      outbox.push(write)
      if (!busy && !scheduled) {
        scheduled = true
        setImmediate(() => {
          if (!busy) post()
          else scheduled = false
        })
      }
    }

    const reader = yield* Effect.acquireRelease(
      Effect.try({
        try: () => openReadConnection(filename),
        catch: (cause) => failure("open", `${filename}: ${messageOf(cause)}`)
      }),
      (db) => Effect.sync(() => db.close())
    )
    const readStatement = statementCache(reader)

    const write = (
      statements: ReadonlyArray<JournalStatement>,
      files?: ReadonlyArray<DurableFile>
    ): Effect.Effect<void, JournalFailed> =>
      Effect.suspend(() => {
        if (stopped !== undefined) return Effect.fail(failure("write", stopped))
        if (statements.length === 0 && (files === undefined || files.length === 0)) return Effect.void
        const write = { id: nextId++, statements: statements.map(compiled), files }
        return Effect.async<void, JournalFailed>((resume) => {
          waiting.set(write.id, resume)
          send(write)
        })
      })

    const read = (statement: JournalStatement): Effect.Effect<ReadonlyArray<unknown>, JournalFailed> =>
      Effect.try({
        try: (): ReadonlyArray<unknown> => {
          const [sql, params] = compiled(statement)
          return readStatement(sql).all(...params)
        },
        catch: (cause) => failure("read", messageOf(cause))
      })

    const openReader = (): JournalReader => {
      const db = openReadConnection(filename)
      const statementOf = statementCache(db)
      return {
        all: (statement) => {
          try {
            const [sql, params] = compiled(statement)
            return statementOf(sql).all(...params)
          } catch (cause) {
            throw failure("read", messageOf(cause))
          }
        },
        close: () => db.close()
      }
    }

    return {
      write,
      read,
      openReader,
      commits: Effect.sync(() => commits),
      pending: Effect.sync(() => waiting.size)
    }
  })

export const journalWriterLayer = (
  filename: string,
  options?: JournalWriterOptions
): Layer.Layer<JournalWriter, JournalFailed> =>
  Layer.scoped(JournalWriter, makeJournalWriter(filename, options))
