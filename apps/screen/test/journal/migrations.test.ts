import { copyFileSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer, Option, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { JOURNAL_FILE, Journal, journalLayer } from "../../src/journal/Journal.js"
import { JOURNAL_MIGRATIONS_TABLE, migrateJournal } from "../../src/journal/journalMigrations.js"
import { tempDir } from "../helpers.js"

const dir = tempDir()
const FIXTURE = fileURLToPath(new URL("../fixtures/journal-v0.sqlite", import.meta.url))

/** The two runs of the fixture (see fixtures/journal-v0.md). */
const COMPLETED = "b5ca7f95"
const INTERRUPTED = "618b1b2f"
const ATTEMPTED_KEY = "a41d786464a309331b2c"

const workspaceWith = (name: string, fixture: boolean): string => {
  const workspace = join(dir, name)
  mkdirSync(workspace, { recursive: true, mode: 0o700 })
  if (fixture) copyFileSync(FIXTURE, join(workspace, JOURNAL_FILE))
  return workspace
}

/** Opens the journal of `workspace` as a fresh process would, for one effect. */
const open = <A, E>(
  workspace: string,
  f: (journal: Context.Tag.Service<Journal>, sql: SqlClient.SqlClient) => Effect.Effect<A, E>
): Promise<A> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
        f(Context.get(ctx, Journal), Context.get(ctx, SqlClient.SqlClient))
      )
    )
  )

const Applied = Schema.Struct({ migration_id: Schema.Number, name: Schema.String })
const Named = Schema.Struct({ name: Schema.String, sql: Schema.NullOr(Schema.String) })
const StepRow = Schema.Struct({
  execution_key: Schema.String,
  step: Schema.String,
  state: Schema.String,
  value_json: Schema.NullOr(Schema.String),
  attempted_at: Schema.String,
  done_at: Schema.NullOr(Schema.String)
})

const rows = <A, I>(schema: Schema.Schema<A, I>, statement: Effect.Effect<ReadonlyArray<unknown>, unknown>) =>
  Effect.flatMap(statement, Schema.decodeUnknown(Schema.Array(schema)))

const applied = (sql: SqlClient.SqlClient) =>
  rows(Applied, sql`SELECT migration_id, name FROM ${sql(JOURNAL_MIGRATIONS_TABLE)} ORDER BY migration_id`)
const tables = (sql: SqlClient.SqlClient) =>
  rows(Named, sql`SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name`)
const durableSteps = (sql: SqlClient.SqlClient) =>
  rows(StepRow, sql`SELECT * FROM durable_steps ORDER BY execution_key, step`)

const ALL_MIGRATIONS = [
  { migration_id: 1, name: "initial" },
  { migration_id: 2, name: "durable_steps" }
]

describe("journal migrations", () => {
  it("migrates a journal of the release before migrations: its runs, plan and artifacts read back", async () => {
    const workspace = workspaceWith("v0", true)
    const read = await open(workspace, (journal, sql) =>
      Effect.gen(function* () {
        const sha = yield* rows(
          Schema.Struct({ input_sha256: Schema.String }),
          sql`SELECT input_sha256 FROM runs WHERE run_id = ${INTERRUPTED}`
        )
        return {
          migrations: yield* applied(sql),
          tables: (yield* tables(sql)).map((t) => t.name),
          unfinished: yield* journal.findUnfinished(sha[0]?.input_sha256 ?? ""),
          lastCompleted: yield* journal.lastCompleted(INTERRUPTED),
          entities: yield* journal.entities(COMPLETED),
          pending: yield* journal.counts(INTERRUPTED),
          rows: yield* journal.rowLinks(COMPLETED),
          rejected: yield* journal.rejected(COMPLETED),
          artifacts: yield* journal.artifacts(COMPLETED)
        }
      })
    )
    expect(read.migrations).toEqual(ALL_MIGRATIONS)
    expect(read.tables).not.toContain("steps")
    expect(read.tables).toContain("durable_steps")
    expect(Option.map(read.unfinished, (r) => [r.run_id, r.status])).toEqual(
      Option.some([INTERRUPTED, "interrupted"])
    )
    expect(Option.map(read.lastCompleted, (r) => [r.run_id, r.status])).toEqual(
      Option.some([COMPLETED, "completed"])
    )
    expect(read.entities.map((e) => e.status)).toEqual(["done", "done", "done"])
    expect(read.entities.every((e) => e.session_id !== null && e.summary_json !== null)).toBe(true)
    expect(read.pending).toEqual({ pending: 3, done: 0, failed: 0 })
    expect(read.rows.map((r) => r.row_number)).toEqual([2, 3, 4])
    expect(read.rejected).toHaveLength(1)
    expect(JSON.parse(read.rejected[0] ?? "{}")).toMatchObject({ rowNumber: 5 })
    expect(read.artifacts).toHaveLength(6)
    expect(new Set(read.artifacts.map((a) => a.kind))).toEqual(new Set(["json", "aml"]))
  })

  it("moves every step record into core's durable_steps under the execution key <run id>:<key>", async () => {
    const workspace = workspaceWith("steps", true)
    const steps = await open(workspace, (_, sql) => durableSteps(sql))
    expect(steps).toHaveLength(12)
    // Every entity of the completed run: create, json and its report, all done.
    const entities = await open(workspace, (journal) => journal.entities(COMPLETED))
    for (const entity of entities) {
      const of = steps.filter((s) => s.execution_key === `${COMPLETED}:${entity.key}`)
      expect(of.map((s) => [s.step, s.state])).toEqual([
        ["create", "done"],
        ["json", "done"],
        ["report:aml", "done"]
      ])
      const created = JSON.parse(of[0]?.value_json ?? "null")
      expect(created.sessionId).toBe(entity.session_id)
    }
    // The interrupted run: two creates answered, one attempted without an answer.
    const interrupted = steps.filter((s) => s.execution_key.startsWith(`${INTERRUPTED}:`))
    expect(interrupted.map((s) => s.state).sort()).toEqual(["attempted", "done", "done"])
    expect(interrupted.find((s) => s.state === "attempted")).toEqual({
      execution_key: `${INTERRUPTED}:${ATTEMPTED_KEY}`,
      step: "create",
      state: "attempted",
      value_json: null,
      attempted_at: "2026-12-03T12:19:04.300Z",
      done_at: null
    })
  })

  it("a second open is a no-op", async () => {
    const workspace = workspaceWith("twice", true)
    const before = await open(workspace, (_, sql) =>
      Effect.all({ tables: tables(sql), steps: durableSteps(sql), migrations: applied(sql) })
    )
    const again = await open(workspace, (_, sql) =>
      Effect.all({
        now: Effect.provideService(migrateJournal, SqlClient.SqlClient, sql),
        tables: tables(sql),
        steps: durableSteps(sql),
        migrations: applied(sql)
      })
    )
    expect(again.now).toEqual([])
    expect(again.tables).toEqual(before.tables)
    expect(again.steps).toEqual(before.steps)
    expect(again.migrations).toEqual(ALL_MIGRATIONS)
  })

  it("a new journal gets the same tables as a migrated one", async () => {
    const migrated = await open(workspaceWith("old", true), (_, sql) => tables(sql))
    const fresh = await open(workspaceWith("new", false), (_, sql) =>
      Effect.all({ tables: tables(sql), migrations: applied(sql) })
    )
    expect(fresh.migrations).toEqual(ALL_MIGRATIONS)
    expect(fresh.tables).toEqual(migrated)
  })

  it("moves the steps also when core's migrator created durable_steps first", async () => {
    const workspace = workspaceWith("core-first", true)
    // Core's table, as its own migrator creates it, before the journal's migrations run.
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(
          Layer.build(SqliteClient.layer({ filename: join(workspace, JOURNAL_FILE) })),
          (ctx) => {
            const sql = Context.get(ctx, SqlClient.SqlClient)
            return sql`CREATE TABLE IF NOT EXISTS durable_steps (execution_key TEXT NOT NULL, step TEXT NOT NULL, state TEXT NOT NULL, value_json TEXT, attempted_at TEXT NOT NULL, done_at TEXT, PRIMARY KEY (execution_key, step))`
          }
        )
      )
    )
    const steps = await open(workspace, (_, sql) => durableSteps(sql))
    expect(steps).toHaveLength(12)
  })
})
