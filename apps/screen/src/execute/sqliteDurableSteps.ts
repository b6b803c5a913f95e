import { SqlClient, SqlSchema } from "@effect/sql"
import {
  DurableSteps,
  type DurableStepsShape,
  JournalError,
  makeDurableSteps,
  type StepJournal,
  type StepRecord
} from "@nordscreen/core"
import { Effect, Layer, Option, Schema } from "effect"
import { JournalFailed } from "../journal/JournalFailed.js"
import { JournalWriter, type JournalWriterShape } from "../journal/JournalWriter.js"

// TEMPORARY: until core owns the step table (its SQL step store on the generic SqlClient, with
// the journal's writer injected), this file reads and writes core's table `durable_steps`
// (journal migration 0002 moved the `steps` rows there). It goes away with that change.

/**
 * The lifecycle's execution key in this runner is `<runId>:<entity hash>`, so neither a national
 * identity number nor a raw entity key ever reaches the step table or the API's `reference`.
 */
export const executionKeyOf = (runId: string, key: string): string => `${runId}:${key}`

export interface StepTableRow {
  readonly state: "attempted" | "refused" | "done"
  /** JSON text of the encoded step result; null unless done. */
  readonly valueJson: string | null
  readonly attemptedAt: string
  readonly doneAt: string | null
}

/** Step records of an entity of a run, in `durable_steps`. */
export interface StepTable {
  readonly read: (
    runId: string,
    key: string,
    step: string
  ) => Effect.Effect<StepTableRow | undefined, JournalFailed>
  readonly write: (
    runId: string,
    key: string,
    step: string,
    record: Pick<StepTableRow, "state" | "valueJson">
  ) => Effect.Effect<void, JournalFailed>
  /** Forgets every step of the entity in the run (its taken-over session is gone). */
  readonly forget: (runId: string, key: string) => Effect.Effect<void, JournalFailed>
}

const StepRow = Schema.Struct({
  state: Schema.Literal("attempted", "refused", "done"),
  value_json: Schema.NullOr(Schema.String),
  attempted_at: Schema.String,
  done_at: Schema.NullOr(Schema.String)
})

const failed = (operation: string) => (cause: unknown) =>
  cause instanceof JournalFailed
    ? cause
    : new JournalFailed({ operation, reason: cause instanceof Error ? cause.message : String(cause) })

export const makeStepTable = (sql: SqlClient.SqlClient, writer: JournalWriterShape): StepTable => {
  const find = SqlSchema.findOne({
    Request: Schema.Struct({ execution_key: Schema.String, step: Schema.String }),
    Result: StepRow,
    execute: ({ execution_key, step }) =>
      sql`SELECT state, value_json, attempted_at, done_at FROM durable_steps WHERE execution_key = ${execution_key} AND step = ${step}`
  })
  return {
    read: (runId, key, step) =>
      find({ execution_key: executionKeyOf(runId, key), step }).pipe(
        Effect.map(
          Option.match({
            onNone: () => undefined,
            onSome: (row) => ({
              state: row.state,
              valueJson: row.value_json,
              attemptedAt: row.attempted_at,
              doneAt: row.done_at
            })
          })
        ),
        Effect.mapError(failed("read step"))
      ),
    write: (runId, key, step, record) => {
      const at = new Date().toISOString()
      const ek = executionKeyOf(runId, key)
      const statement =
        record.state === "attempted"
          ? sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at) VALUES (${ek}, ${step}, 'attempted', NULL, ${at})
              ON CONFLICT (execution_key, step) DO UPDATE SET state = 'attempted', value_json = NULL, attempted_at = ${at}, done_at = NULL`
          : record.state === "refused"
            ? sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${ek}, ${step}, 'refused', NULL, ${at}, ${at})
              ON CONFLICT (execution_key, step) DO UPDATE SET state = 'refused', value_json = NULL, done_at = ${at}`
            : sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${ek}, ${step}, 'done', ${record.valueJson}, ${at}, ${at})
              ON CONFLICT (execution_key, step) DO UPDATE SET state = 'done', value_json = ${record.valueJson}, done_at = ${at}`
      return writer.write(statement).pipe(Effect.asVoid, Effect.mapError(failed("write step")))
    },
    forget: (runId, key) =>
      writer
        .write(sql`DELETE FROM durable_steps WHERE execution_key = ${executionKeyOf(runId, key)}`)
        .pipe(Effect.asVoid, Effect.mapError(failed("forget steps")))
  }
}

const splitKey = (executionKey: string): readonly [string, string] => {
  const at = executionKey.lastIndexOf(":")
  return at < 0 ? ["", executionKey] : [executionKey.slice(0, at), executionKey.slice(at + 1)]
}

const asJournalError = (step: string) => (error: { readonly message: string }) =>
  new JournalError({ step, reason: error.message })

/** Core's `StepJournal` port on the journal's database; values are stored as JSON text. */
export const makeSqliteStepJournal = (steps: StepTable): StepJournal => ({
  read: (executionKey, step) => {
    const [runId, key] = splitKey(executionKey)
    return steps.read(runId, key, step).pipe(
      Effect.mapError(asJournalError(step)),
      Effect.flatMap((row): Effect.Effect<StepRecord | undefined, JournalError> => {
        if (row === undefined) return Effect.succeed(undefined)
        if (row.state !== "done") return Effect.succeed({ state: row.state, value: null })
        return Effect.try({
          try: () => ({ state: "done" as const, value: JSON.parse(row.valueJson ?? "null") as unknown }),
          catch: () => new JournalError({ step, reason: "recorded value is not JSON" })
        })
      })
    )
  },
  write: (executionKey, step, record) => {
    const [runId, key] = splitKey(executionKey)
    return steps
      .write(runId, key, step, {
        state: record.state,
        valueJson: record.state === "done" ? JSON.stringify(record.value) : null
      })
      .pipe(Effect.mapError(asJournalError(step)))
  }
})

/**
 * Core's step semantics on the journal's database. Core's steps are uninterruptible: Ctrl-C
 * lands between steps (or while a session is awaited), never between a POST and the record of
 * its session id, nor between a download and the record of its file.
 */
export const makeSqliteDurableSteps = (steps: StepTable): DurableStepsShape =>
  makeDurableSteps(makeSqliteStepJournal(steps))

export const sqliteDurableStepsLayer: Layer.Layer<DurableSteps, never, SqlClient.SqlClient | JournalWriter> =
  Layer.effect(
    DurableSteps,
    Effect.map(Effect.all([SqlClient.SqlClient, JournalWriter]), ([sql, writer]) =>
      makeSqliteDurableSteps(makeStepTable(sql, writer))
    )
  )
