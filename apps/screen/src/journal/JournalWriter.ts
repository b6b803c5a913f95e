import { SqlClient } from "@effect/sql"
import {
  Cause,
  type Chunk,
  Context,
  Data,
  Deferred,
  Effect,
  Exit,
  Fiber,
  Layer,
  Queue,
  Ref,
  type Scope
} from "effect"
import { JournalFailed } from "./JournalFailed.js"

/**
 * Group commit for every write to the journal. A write is queued; one writer fiber runs all the
 * writes queued at that moment in one transaction and answers each caller only after COMMIT
 * returned. With `synchronous = FULL` a COMMIT is on disk (fsync) when it returns, so an
 * answered write survives `kill -9` and power loss, and N concurrent writes cost one fsync
 * instead of N.
 *
 * If the batch fails (a statement fails, or the COMMIT), it is rolled back and its writes run
 * again one transaction each, so a bad write fails only its own caller.
 */
export interface JournalWriterShape {
  /**
   * Runs `statement` (one or more SQL statements on the journal's `SqlClient`) atomically in the
   * next group commit and returns its result once it is committed. Fails with the statement's
   * own error (nothing of it is committed), or `JournalFailed` if the transaction could not be
   * committed. The statement runs on the writer fiber: it must not call `write` itself, and it
   * is not part of a transaction the caller may have open.
   */
  readonly write: <A, E>(statement: Effect.Effect<A, E>) => Effect.Effect<A, E | JournalFailed>
  /** Transactions committed so far (a batch, or a write run alone after a failed batch). */
  readonly commits: Effect.Effect<number>
}

export class JournalWriter extends Context.Tag("@nordscreen/screen/JournalWriter")<
  JournalWriter,
  JournalWriterShape
>() {}

/** The most writes one transaction takes (the rest wait for the next one). */
const MAX_BATCH = 1024

/** A statement of the batch failed: roll the batch back. */
class StatementFailed extends Data.TaggedError("StatementFailed") {}

interface Pending {
  /** Runs the statement and keeps its outcome; fails (rolling back) if the statement failed. */
  readonly run: Effect.Effect<void, StatementFailed>
  /** Answers the caller with the outcome kept by the last `run`. */
  readonly settle: Effect.Effect<void>
  readonly fail: (error: JournalFailed) => Effect.Effect<void>
}

const reasonOf = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  if (typeof error === "object" && error !== null && "cause" in error && error.cause instanceof Error)
    return error.cause.message
  return error instanceof Error ? error.message : String(error)
}

const statementFailed = (cause: Cause.Cause<unknown>): boolean =>
  Cause.failureOption(cause).pipe(
    (failure) => failure._tag === "Some" && failure.value instanceof StatementFailed
  )

/** The writer of the journal on `SqlClient`; its fiber lives as long as `scope`. */
export const makeJournalWriter: Effect.Effect<JournalWriterShape, never, SqlClient.SqlClient | Scope.Scope> =
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const queue = yield* Queue.unbounded<Pending>()
    const commits = yield* Ref.make(0)
    let closed = false

    const transaction = (items: ReadonlyArray<Pending>) =>
      Effect.zipLeft(
        sql.withTransaction(Effect.forEach(items, (item) => item.run, { discard: true })),
        Ref.update(commits, (n) => n + 1)
      )

    const alone = (item: Pending) =>
      transaction([item]).pipe(
        Effect.matchCauseEffect({
          onSuccess: () => item.settle,
          onFailure: (cause) =>
            statementFailed(cause)
              ? item.settle
              : item.fail(new JournalFailed({ operation: "commit", reason: reasonOf(cause) }))
        })
      )

    const runBatch = (chunk: Chunk.Chunk<Pending>) => {
      const items = Array.from(chunk)
      return transaction(items).pipe(
        Effect.matchCauseEffect({
          onSuccess: () => Effect.forEach(items, (item) => item.settle, { discard: true }),
          onFailure: () => Effect.forEach(items, alone, { discard: true })
        })
      )
    }

    // A batch is never cut short: its callers are answered even when the journal is closing.
    const loop = Effect.forever(
      Effect.flatMap(Queue.takeBetween(queue, 1, MAX_BATCH), (items) =>
        Effect.uninterruptible(runBatch(items))
      )
    )
    const writer = yield* Effect.forkDaemon(loop)
    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        closed = true
        yield* Fiber.interrupt(writer)
        const rest = yield* Queue.takeAll(queue)
        if (rest.length > 0) yield* runBatch(rest)
        yield* Queue.shutdown(queue)
      })
    )

    const write = <A, E>(statement: Effect.Effect<A, E>): Effect.Effect<A, E | JournalFailed> =>
      Effect.gen(function* () {
        if (closed) return yield* new JournalFailed({ operation: "write", reason: "the journal is closed" })
        const done = yield* Deferred.make<A, E | JournalFailed>()
        let outcome: Exit.Exit<A, E> | undefined
        const item: Pending = {
          run: Effect.flatMap(Effect.exit(statement), (exit) => {
            outcome = exit
            return Exit.isSuccess(exit) ? Effect.void : Effect.fail(new StatementFailed())
          }),
          settle: Effect.suspend(() =>
            outcome === undefined
              ? Deferred.fail(
                  done,
                  new JournalFailed({ operation: "write", reason: "the statement did not run" })
                )
              : Deferred.done(done, outcome)
          ),
          fail: (error) => Deferred.fail(done, error)
        }
        yield* Queue.offer(queue, item)
        return yield* Deferred.await(done)
      })

    return { write, commits: Ref.get(commits) }
  })

export const journalWriterLayer: Layer.Layer<JournalWriter, never, SqlClient.SqlClient> = Layer.scoped(
  JournalWriter,
  makeJournalWriter
)
