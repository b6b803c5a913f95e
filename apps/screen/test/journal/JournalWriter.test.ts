import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Either, ExecutionStrategy, Exit, Fiber, Layer, Schema, Scope } from "effect"
import { describe, expect, it } from "vitest"
import {
  JournalWriter,
  type JournalWriterShape,
  journalWriterLayer,
  makeJournalWriter
} from "../../src/journal/JournalWriter.js"
import { tempDir } from "../helpers.js"

const dir = tempDir()

const database = (name: string) => {
  mkdirSync(join(dir, name), { recursive: true })
  return join(dir, name, "db.sqlite")
}

/**
 * A writer on `filename` (its own connection), the `SqlClient` the statements are built with,
 * and a second, independent connection that sees only committed data.
 */
const withWriter = <A, E>(
  filename: string,
  f: (
    writer: JournalWriterShape,
    sql: SqlClient.SqlClient,
    other: SqlClient.SqlClient
  ) => Effect.Effect<A, E, Scope.Scope>,
  windowMs?: number
): Promise<A> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const sql = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
        yield* sql`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`
        const other = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
        const writer = yield* makeJournalWriter(filename, { windowMs })
        return yield* f(writer, sql, other)
      })
    )
  )

const Ids = Schema.Array(Schema.Struct({ id: Schema.Number }))
const committedIds = (other: SqlClient.SqlClient) =>
  Effect.map(Effect.flatMap(other`SELECT id FROM items ORDER BY id`, Schema.decodeUnknown(Ids)), (rows) =>
    rows.map((r) => r.id)
  )

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe("JournalWriter (group commit on its own connection)", () => {
  it("answers each write only once it is committed: another connection already sees it", async () => {
    const seen = await withWriter(database("visible"), (writer, sql, other) =>
      Effect.forEach(
        range(50),
        (id) =>
          Effect.zipRight(
            writer.write([sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`]),
            Effect.map(committedIds(other), (ids) => ids.includes(id))
          ),
        { concurrency: "unbounded" }
      )
    )
    expect(seen).toEqual(range(50).map(() => true))
  })

  it("commits concurrent writes in fewer transactions than writes", async () => {
    const { commits, ids } = await withWriter(database("batched"), (writer, sql, other) =>
      Effect.gen(function* () {
        const before = yield* writer.commits
        yield* Effect.forEach(
          range(200),
          (id) => writer.write([sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`]),
          { concurrency: "unbounded", discard: true }
        )
        return { commits: (yield* writer.commits) - before, ids: yield* committedIds(other) }
      })
    )
    expect(ids).toEqual(range(200))
    expect(commits).toBeGreaterThanOrEqual(1)
    expect(commits).toBeLessThan(200)
  })

  it("a write to an idle writer is committed at once, whatever the window", async () => {
    // With a window of a minute, a write that waited for the window would time the test out.
    const ids = await withWriter(
      database("idle"),
      (writer, sql, other) =>
        Effect.zipRight(
          writer.write([sql`INSERT INTO items (id, label) VALUES (${1}, ${"first"})`]),
          committedIds(other)
        ),
      60_000
    )
    expect(ids).toEqual([1])
  })

  it("a failing write fails only its caller, and none of its statements is committed", async () => {
    const { outcomes, ids } = await withWriter(database("failing"), (writer, sql, other) =>
      Effect.gen(function* () {
        yield* writer.write([sql`INSERT INTO items (id, label) VALUES (${1000}, ${"taken"})`])
        const outcomes = yield* Effect.forEach(
          range(20),
          (id) =>
            Effect.either(
              Effect.as(
                writer.write(
                  id === 7
                    ? // Two statements, the second violating the primary key: the first is rolled back too.
                      [
                        sql`INSERT INTO items (id, label) VALUES (${id}, ${"half"})`,
                        sql`INSERT INTO items (id, label) VALUES (${1000}, ${"again"})`
                      ]
                    : [sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`]
                ),
                id
              )
            ),
          { concurrency: "unbounded" }
        )
        return { outcomes, ids: yield* committedIds(other) }
      })
    )
    expect(outcomes.map((o) => Either.match(o, { onLeft: (e) => e._tag, onRight: (id) => id }))).toEqual(
      range(20).map((id) => (id === 7 ? "JournalFailed" : id))
    )
    const failed = outcomes[6]
    expect(failed !== undefined && Either.isLeft(failed) ? failed.left.reason : "").toMatch(/UNIQUE/)
    expect(ids).toEqual([...range(20).filter((id) => id !== 7), 1000])
  })

  it("writes a write's files durably in place (owner-only, no temp left) before its statements commit", async () => {
    const root = join(dir, "files-out")
    const bytesOf = (id: number) => new TextEncoder().encode(`file ${id} `.repeat(id * 100))
    const ids = await withWriter(database("files"), (writer, sql, other) =>
      Effect.zipRight(
        Effect.forEach(
          range(30),
          (id) =>
            writer.write(
              [sql`INSERT INTO items (id, label) VALUES (${id}, ${"with file"})`],
              [{ path: join(root, `e${id % 4}`, `f${id}.pdf`), bytes: bytesOf(id) }]
            ),
          { concurrency: "unbounded", discard: true }
        ),
        committedIds(other)
      )
    )
    expect(ids).toEqual(range(30))
    for (const id of range(30)) {
      const path = join(root, `e${id % 4}`, `f${id}.pdf`)
      expect(readFileSync(path)).toEqual(Buffer.from(bytesOf(id)))
      expect(statSync(path).mode & 0o777).toBe(0o600)
    }
    expect(statSync(join(root, "e1")).mode & 0o777).toBe(0o700)
    const names = readdirSync(root, { recursive: true }).map(String)
    expect(names.filter((name) => name.includes(".tmp-"))).toEqual([])
  })

  it("a write whose file cannot be written fails alone, with none of its statements committed", async () => {
    const root = join(dir, "files-bad")
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, "not-a-directory"), "x")
    const { outcomes, ids } = await withWriter(database("files-bad"), (writer, sql, other) =>
      Effect.gen(function* () {
        const outcomes = yield* Effect.forEach(
          range(10),
          (id) =>
            Effect.either(
              writer.write(
                [sql`INSERT INTO items (id, label) VALUES (${id}, ${"x"})`],
                [
                  {
                    path: id === 4 ? join(root, "not-a-directory", "f.pdf") : join(root, "ok", `f${id}.pdf`),
                    bytes: new Uint8Array([id])
                  }
                ]
              )
            ),
          { concurrency: "unbounded" }
        )
        return { outcomes, ids: yield* committedIds(other) }
      })
    )
    expect(outcomes.map((outcome) => (Either.isLeft(outcome) ? outcome.left.reason : "ok"))).toEqual(
      range(10).map((id) => (id === 4 ? expect.stringMatching(/not-a-directory.*(ENOTDIR|EEXIST)/) : "ok"))
    )
    expect(ids).toEqual(range(10).filter((id) => id !== 4))
    expect(readdirSync(join(root, "ok")).sort()).toEqual(
      range(10)
        .filter((id) => id !== 4)
        .map((id) => `f${id}.pdf`)
        .sort()
    )
  })

  it("reads on the writer's connection see every answered write; booleans are stored as 0/1", async () => {
    const rows = await withWriter(database("read"), (writer, sql) =>
      Effect.zipRight(
        writer.write([sql`INSERT INTO items (id, label) VALUES (${1}, ${"one"})`]),
        writer.read(sql`SELECT label, ${true} AS yes FROM items WHERE id = ${1}`)
      )
    )
    expect(rows).toEqual([{ label: "one", yes: 1 }])
  })

  it("closing commits what is queued, then refuses writes", async () => {
    const filename = database("close")
    const outcome = await Effect.runPromise(
      Effect.gen(function* () {
        const sql = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
        yield* sql`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`
        const scope = yield* Effect.scope
        const writerScope = yield* Scope.fork(scope, ExecutionStrategy.sequential)
        const writer = yield* makeJournalWriter(filename, { windowMs: 60_000 }).pipe(
          Scope.extend(writerScope)
        )
        yield* writer.write([sql`INSERT INTO items (id, label) VALUES (${1}, ${"now"})`])
        // Within the (long) window: these wait for the next commit, which closing makes.
        const queued = yield* Effect.fork(
          Effect.forEach(
            range(5).map((n) => n + 1),
            (id) => writer.write([sql`INSERT INTO items (id, label) VALUES (${id}, ${"queued"})`]),
            { concurrency: "unbounded", discard: true }
          )
        )
        while ((yield* writer.pending) < 5) yield* Effect.yieldNow()
        yield* Scope.close(writerScope, Exit.void)
        yield* Fiber.join(queued)
        const after = yield* Effect.either(
          writer.write([sql`INSERT INTO items (id, label) VALUES (${9}, ${"late"})`])
        )
        return { ids: yield* committedIds(sql), after: Either.isLeft(after) ? after.left.reason : "written" }
      }).pipe(Effect.scoped)
    )
    expect(outcome).toEqual({ ids: range(6), after: "the journal is closed" })
  })

  it("is the layer's service", async () => {
    const filename = database("layer")
    const commits = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const sql = Context.get(yield* Layer.build(SqliteClient.layer({ filename })), SqlClient.SqlClient)
          yield* sql`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`
          return yield* Effect.provide(
            Effect.gen(function* () {
              const writer = yield* JournalWriter
              yield* writer.write([sql`INSERT INTO items (id, label) VALUES (${1}, ${"x"})`])
              return yield* writer.commits
            }),
            journalWriterLayer(filename)
          )
        })
      )
    )
    expect(commits).toBe(1)
  })
})
