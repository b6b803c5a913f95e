import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Either, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { JournalWriter, journalWriterLayer } from "../../src/journal/JournalWriter.js"
import { tempDir } from "../helpers.js"

const dir = tempDir()

const database = (name: string) => {
  mkdirSync(join(dir, name), { recursive: true })
  return join(dir, name, "db.sqlite")
}

/** A writer on `filename`, and a second, independent connection that sees only committed data. */
const withWriter = <A, E>(
  filename: string,
  f: (
    writer: Context.Tag.Service<JournalWriter>,
    sql: SqlClient.SqlClient,
    other: SqlClient.SqlClient
  ) => Effect.Effect<A, E>
): Promise<A> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const own = yield* Layer.build(
          journalWriterLayer.pipe(Layer.provideMerge(SqliteClient.layer({ filename })))
        )
        const sql = Context.get(own, SqlClient.SqlClient)
        yield* sql`PRAGMA synchronous = FULL`
        yield* sql`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`
        const other = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
        return yield* f(Context.get(own, JournalWriter), sql, other)
      })
    )
  )

const Ids = Schema.Array(Schema.Struct({ id: Schema.Number }))
const committedIds = (other: SqlClient.SqlClient) =>
  Effect.map(Effect.flatMap(other`SELECT id FROM items ORDER BY id`, Schema.decodeUnknown(Ids)), (rows) =>
    rows.map((r) => r.id)
  )

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe("JournalWriter (group commit)", () => {
  it("answers each write only once it is committed: another connection already sees it", async () => {
    const seen = await withWriter(database("visible"), (writer, sql, other) =>
      Effect.forEach(
        range(50),
        (id) =>
          Effect.zipRight(
            writer.write(sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`),
            Effect.map(committedIds(other), (ids) => ids.includes(id))
          ),
        { concurrency: "unbounded" }
      )
    )
    expect(seen).toEqual(range(50).map(() => true))
  })

  it("runs concurrent writes in fewer transactions than writes", async () => {
    const { commits, ids } = await withWriter(database("batched"), (writer, sql, other) =>
      Effect.gen(function* () {
        const before = yield* writer.commits
        yield* Effect.forEach(
          range(200),
          (id) => writer.write(sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`),
          {
            concurrency: "unbounded",
            discard: true
          }
        )
        return { commits: (yield* writer.commits) - before, ids: yield* committedIds(other) }
      })
    )
    expect(ids).toEqual(range(200))
    expect(commits).toBeGreaterThanOrEqual(1)
    expect(commits).toBeLessThan(200)
  })

  it("a failing write fails only its caller, with its own error, and none of it is committed", async () => {
    const { outcomes, ids } = await withWriter(database("failing"), (writer, sql, other) =>
      Effect.gen(function* () {
        yield* writer.write(sql`INSERT INTO items (id, label) VALUES (${1000}, ${"taken"})`)
        const outcomes = yield* Effect.forEach(
          range(20),
          (id) =>
            Effect.either(
              writer.write(
                id === 7
                  ? // Two statements, the second violating the primary key: the first is rolled back too.
                    Effect.as(
                      Effect.zipRight(
                        sql`INSERT INTO items (id, label) VALUES (${id}, ${"half"})`,
                        sql`INSERT INTO items (id, label) VALUES (${1000}, ${"again"})`
                      ),
                      id
                    )
                  : Effect.as(sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`, id)
              )
            ),
          { concurrency: "unbounded" }
        )
        return { outcomes, ids: yield* committedIds(other) }
      })
    )
    expect(outcomes.map((o) => Either.match(o, { onLeft: (e) => e._tag, onRight: (id) => id }))).toEqual(
      range(20).map((id) => (id === 7 ? "SqlError" : id))
    )
    expect(ids).toEqual([...range(20).filter((id) => id !== 7), 1000])
  })

  it("a write that dies fails its caller only", async () => {
    const { outcomes, ids } = await withWriter(database("dies"), (writer, sql, other) =>
      Effect.gen(function* () {
        const outcomes = yield* Effect.forEach(
          range(10),
          (id) =>
            Effect.exit(
              writer.write(
                id === 3
                  ? Effect.zipRight(
                      sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`,
                      Effect.die("bug")
                    )
                  : sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`
              )
            ),
          { concurrency: "unbounded" }
        )
        return { outcomes: outcomes.map((o) => o._tag), ids: yield* committedIds(other) }
      })
    )
    expect(outcomes).toEqual(range(10).map((id) => (id === 3 ? "Failure" : "Success")))
    expect(ids).toEqual(range(10).filter((id) => id !== 3))
  })

  it("a write's result is its statement's result", async () => {
    const labels = await withWriter(database("result"), (writer, sql) =>
      Effect.zipRight(
        writer.write(sql`INSERT INTO items (id, label) VALUES (${1}, ${"one"})`),
        writer.write(sql`SELECT label FROM items WHERE id = ${1}`)
      )
    )
    expect(labels).toEqual([{ label: "one" }])
  })
})
