// Journal writes, one transaction each (the journal before group commit) vs. group commit
// through JournalWriter (its own connection, compiled statements): N entities × 5 writes (a marker, three step records, the outcome),
// the entities' writes in sequence, `fibers` entities at a time, on a real journal file (WAL,
// synchronous = FULL). Prints wall time and process CPU (user + system) for each mode.
//
// Run (from apps/screen): node --import tsx test/journal/groupCommit.bench.ts [entities] [fibers] [mode]
//   entities default 20000, fibers default 128, mode "both" | "alone" | "group"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer } from "effect"
import { type JournalStatement, JournalWriter, journalWriterLayer } from "../../src/journal/JournalWriter.js"

const entities = Number(process.argv[2] ?? 20000)
const fibers = Number(process.argv[3] ?? 128)
const mode = process.argv[4] ?? "both"
const value = JSON.stringify({ path: "entities/K-1001/aml.pdf", sha256: "0".repeat(64), size: 14008 })

const bench = (grouped: boolean) =>
  Effect.gen(function* () {
    const dir = mkdtempSync(join(tmpdir(), "journal-bench-"))
    yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
    const filename = join(dir, "journal.sqlite")
    const sql = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
    yield* sql`PRAGMA synchronous = FULL`
    yield* sql`CREATE TABLE durable_steps (execution_key TEXT NOT NULL, step TEXT NOT NULL, state TEXT NOT NULL, value_json TEXT, attempted_at TEXT NOT NULL, done_at TEXT, PRIMARY KEY (execution_key, step))`
    const writer = Context.get(yield* Layer.build(journalWriterLayer(filename)), JournalWriter)
    const write = (statement: JournalStatement) => (grouped ? writer.write([statement]) : statement)
    const step = (key: string, name: string, state: string) => {
      const at = new Date().toISOString()
      return write(
        sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES (${key}, ${name}, ${state}, ${state === "done" ? value : null}, ${at}, ${at})
            ON CONFLICT (execution_key, step) DO UPDATE SET state = ${state}, value_json = ${state === "done" ? value : null}, done_at = ${at}`
      )
    }
    const entity = (i: number) => {
      const key = `run:${i}`
      return Effect.all(
        [
          step(key, "create", "attempted"),
          step(key, "create", "done"),
          step(key, "json", "done"),
          step(key, "report:aml", "done"),
          step(key, "outcome", "done")
        ],
        { discard: true }
      )
    }
    const cpu = process.cpuUsage()
    const start = performance.now()
    yield* Effect.forEach(
      Array.from({ length: entities }, (_, i) => i),
      entity,
      { concurrency: fibers, discard: true }
    )
    const wall = performance.now() - start
    const used = process.cpuUsage(cpu)
    const commits = grouped ? yield* writer.commits : entities * 5
    const writes = entities * 5
    console.log(
      `${grouped ? "group commit" : "one transaction per write"}: ${writes} writes, ${commits} commits, ` +
        `wall ${(wall / 1000).toFixed(2)} s, CPU ${((used.user + used.system) / 1e6).toFixed(2)} s ` +
        `(user ${(used.user / 1e6).toFixed(2)} s, system ${(used.system / 1e6).toFixed(2)} s), ` +
        `${((used.user + used.system) / 1000 / writes).toFixed(3)} ms CPU per write`
    )
  }).pipe(Effect.scoped)

const modes = mode === "both" ? [false, true] : [mode === "group"]
Effect.runPromise(Effect.forEach(modes, bench, { discard: true })).catch((error) => {
  console.error(error)
  process.exit(1)
})
