import { Migrator, SqlClient, type Statement } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Effect, Layer, Schema } from "effect"
import type { AmlConfig } from "../AmlConfig.js"
import type { DurableSteps } from "../DurableSteps.js"
import { embeddedDurableStepsLayer } from "../EmbeddedDurableSteps.js"
import { JournalError } from "../Errors.js"
import type { SessionEvents } from "../SessionEvents.js"
import type { StepJournal, StepRecord } from "../StepJournal.js"

/** Where the step journal's own migrations are recorded (apart from any host's migrations). */
export const STEP_MIGRATIONS_TABLE = "nordscreen_step_migrations"

/**
 * The step journal's versioned migrations. Version 1 is the table a host may also create (and
 * fill from an older schema) in its own migrations: `IF NOT EXISTS` keeps either order right.
 * Portable SQL (SQLite, PostgreSQL): text times in ISO-8601, JSON values as text.
 */
export const stepJournalMigrations = Migrator.fromRecord({
  "1_create_durable_steps": Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql`CREATE TABLE IF NOT EXISTS durable_steps (execution_key TEXT NOT NULL, step TEXT NOT NULL, state TEXT NOT NULL, value_json TEXT, attempted_at TEXT NOT NULL, done_at TEXT, PRIMARY KEY (execution_key, step))`
  )
})

/** Runs the step journal's migrations on the current `SqlClient`. */
export const migrateStepJournal: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  Migrator.MigrationError | SqlError,
  SqlClient.SqlClient
> = Migrator.make({})({ loader: stepJournalMigrations, table: STEP_MIGRATIONS_TABLE })

export interface SqlStepJournalOptions {
  /**
   * Runs each write statement (default: on the `SqlClient`, as it is). A host can batch them
   * into one transaction (group commit) or run their compiled text (`statement.compile()`) on a
   * connection of its own; a write must not succeed before its statement is durable. A failure
   * (say, the commit) becomes a `JournalError` with its message.
   */
  readonly write?:
    | ((statement: Statement.Statement<unknown>) => Effect.Effect<void, { readonly message: string }>)
    | undefined
  /**
   * Runs each read (default: on the `SqlClient`). A host that writes on a connection of its own
   * reads there too, so a read sees every write that succeeded.
   */
  readonly read?:
    | ((
        statement: Statement.Statement<unknown>
      ) => Effect.Effect<ReadonlyArray<unknown>, { readonly message: string }>)
    | undefined
  /** Skip the migrations (the host ran `migrateStepJournal` already). */
  readonly migrate?: boolean | undefined
}

const StepRow = Schema.Struct({
  state: Schema.Literal("attempted", "refused", "done"),
  value_json: Schema.NullOr(Schema.String)
})
const decodeRows = Schema.decodeUnknownEither(Schema.Array(StepRow))

const failure = (step: string) => (error: { readonly message: string }) =>
  new JournalError({ step, reason: error.message })

const parseValue = (step: string, text: string | null): Effect.Effect<unknown, JournalError> =>
  Effect.try({
    try: (): unknown => (text === null ? null : JSON.parse(text)),
    catch: () => new JournalError({ step, reason: "recorded value is not JSON" })
  })

/**
 * The embedded interpreter's step journal on the generic `@effect/sql` client (SQLite in the
 * CLI, PostgreSQL later): table `durable_steps`, one row per (execution, step). Reads are point
 * reads by primary key.
 */
export const makeSqlStepJournal = (
  options: SqlStepJournalOptions = {}
): Effect.Effect<StepJournal, Migrator.MigrationError | SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    if (options.migrate !== false) yield* migrateStepJournal
    const write = options.write ?? ((statement: Statement.Statement<unknown>) => Effect.asVoid(statement))
    const query = options.read ?? ((statement: Statement.Statement<unknown>) => statement)

    const read = (executionKey: string, step: string): Effect.Effect<StepRecord | undefined, JournalError> =>
      query(
        sql`SELECT state, value_json FROM durable_steps WHERE execution_key = ${executionKey} AND step = ${step}`
      ).pipe(
        Effect.mapError(failure(step)),
        Effect.flatMap((rows): Effect.Effect<StepRecord | undefined, JournalError> => {
          const decoded = decodeRows(rows)
          if (decoded._tag === "Left")
            return Effect.fail(new JournalError({ step, reason: "recorded step row unreadable" }))
          const row = decoded.right[0]
          if (row === undefined) return Effect.succeed(undefined)
          if (row.state !== "done") return Effect.succeed({ state: row.state, value: null })
          return Effect.map(
            parseValue(step, row.value_json),
            (value): StepRecord => ({ state: "done", value })
          )
        })
      )

    const statement = (executionKey: string, step: string, record: StepRecord, at: string) => {
      switch (record.state) {
        case "attempted":
          return sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${executionKey}, ${step}, 'attempted', NULL, ${at}, NULL)
            ON CONFLICT (execution_key, step) DO UPDATE SET state = 'attempted', value_json = NULL, attempted_at = ${at}, done_at = NULL`
        case "refused":
          return sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${executionKey}, ${step}, 'refused', NULL, ${at}, ${at})
            ON CONFLICT (execution_key, step) DO UPDATE SET state = 'refused', value_json = NULL, done_at = ${at}`
        case "done": {
          const json = JSON.stringify(record.value)
          return sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${executionKey}, ${step}, 'done', ${json}, ${at}, ${at})
            ON CONFLICT (execution_key, step) DO UPDATE SET state = 'done', value_json = ${json}, done_at = ${at}`
        }
      }
    }

    return {
      read,
      write: (executionKey, step, record) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.mapError(
            write(statement(executionKey, step, record, new Date(now).toISOString())),
            (error) => (error instanceof JournalError ? error : failure(step)(error))
          )
        )
    } satisfies StepJournal
  })

/** The embedded interpreter on the current `SqlClient` (migrated when built). */
export const sqlDurableStepsLayer = (
  options: SqlStepJournalOptions = {}
): Layer.Layer<
  DurableSteps,
  Migrator.MigrationError | SqlError,
  SqlClient.SqlClient | SessionEvents | AmlConfig
> => Layer.unwrapEffect(Effect.map(makeSqlStepJournal(options), embeddedDurableStepsLayer))
