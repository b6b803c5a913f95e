import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect, Either, Layer, Schema } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { EmbeddedDurableSteps, Errors, SessionEvents, type StepJournal } from "../src/index.js"
import { CreatedStep, JsonStep, ReportStep } from "../src/internal/schemas.js"
import { makeSqlStepJournal, STEP_MIGRATIONS_TABLE } from "../src/sql.js"

const dir = mkdtempSync(join(tmpdir(), "nordscreen-sql-steps-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const polling = { fastMs: 10, fastForMs: 1_000, slowMs: 10, safetyNetMs: 10, webhookSilenceMs: 1_000 }
const webhook = { enabled: false, host: "127.0.0.1", port: 0, path: "/hooks", publicUrl: undefined }

/** One process on the database `name`: its client, its step journal, the embedded interpreter. */
const inProcess = <A, E>(
  name: string,
  use: (
    journal: StepJournal.StepJournal,
    steps: ReturnType<typeof EmbeddedDurableSteps.makeEmbeddedDurableSteps>,
    sql: SqlClient.SqlClient
  ) => Effect.Effect<A, E, SqlClient.SqlClient>,
  write?: <X, Y>(statement: Effect.Effect<X, Y>) => Effect.Effect<X, Y>
) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const journal = yield* makeSqlStepJournal({ write })
        const steps = EmbeddedDurableSteps.makeEmbeddedDurableSteps(
          journal,
          yield* SessionEvents.makeSessionEvents(webhook, polling),
          polling
        )
        return yield* use(journal, steps, yield* SqlClient.SqlClient)
      })
    ).pipe(Effect.provide(SqliteClient.layer({ filename: join(dir, name) }).pipe(Layer.orDie)), Effect.orDie)
  )

const Row = Schema.Struct({ state: Schema.String, value_json: Schema.NullOr(Schema.String) })
const rowOf = (sql: SqlClient.SqlClient, key: string, step: string) =>
  Effect.flatMap(
    sql`SELECT state, value_json FROM durable_steps WHERE execution_key = ${key} AND step = ${step}`,
    (rows) => Schema.decodeUnknown(Schema.Array(Row))(rows)
  )

describe("the SQL step journal", () => {
  it("migrates once, in its own migrations table", async () => {
    const applied = await inProcess("migrate.sqlite", (_journal, _steps, sql) =>
      Effect.zipRight(makeSqlStepJournal(), sql`SELECT name FROM ${sql(STEP_MIGRATIONS_TABLE)}`)
    )
    expect(applied).toEqual([{ name: "create_durable_steps" }])
  })

  it("writes the marker before the POST leaves and the session as soon as it returns", async () => {
    const seen = await inProcess("order.sqlite", (_journal, steps, sql) =>
      Effect.gen(function* () {
        const during: Array<unknown> = []
        yield* steps.attempt(
          "run1:abc",
          "create",
          { success: Schema.Struct({ sessionId: Schema.String }) },
          (mark) =>
            Effect.zipRight(
              mark,
              Effect.map(Effect.orDie(rowOf(sql, "run1:abc", "create")), (rows) => {
                during.push(...rows)
                return { sessionId: "s-3" }
              })
            ),
          { retryUnknown: false, onUnknown: () => "unknown" }
        )
        return { during, after: yield* rowOf(sql, "run1:abc", "create") }
      })
    )
    expect(seen.during).toEqual([{ state: "attempted", value_json: null }])
    expect(seen.after).toEqual([{ state: "done", value_json: JSON.stringify({ sessionId: "s-3" }) }])
  })

  it("replays the steps a journal of the previous release recorded (same names, same encodings)", async () => {
    const created = {
      sessionId: "s-1",
      sessionUrl: "http://api/organization/session/no/s-1",
      createdAt: 1700
    }
    const json = {
      artifact: { path: "org-no-x/result.json", sha256: "ab", size: 3 },
      summary: null,
      issue: "no summary"
    }
    const report = { path: "org-no-x/aml.pdf", sha256: "cd", size: 5 }
    const replayed = await inProcess("previous.sqlite", (_journal, steps, sql) =>
      Effect.gen(function* () {
        // As the previous release's journal migration copies them: `<runId>:<key>`, JSON text.
        for (const [step, value] of [
          ["create", created],
          ["json", json],
          ["report:aml", report]
        ] as const)
          yield* sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at) VALUES ('run0:abc', ${step}, 'done', ${JSON.stringify(value)}, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`
        const never = Effect.dieMessage("a recorded step ran again")
        return yield* Effect.all([
          steps.attempt("run0:abc", "create", { success: CreatedStep }, () => never, {
            retryUnknown: false,
            onUnknown: () => "unknown"
          }),
          steps.step("run0:abc", "json", { success: JsonStep }, never),
          steps.step("run0:abc", "report:aml", { success: ReportStep }, never)
        ])
      })
    )
    expect(replayed).toEqual([created, json, report])
  })

  it("a value the schema cannot read back fails as JournalError instead of running the step again", async () => {
    const result = await inProcess("unreadable.sqlite", (journal, steps) =>
      Effect.zipRight(
        journal.write("run1:abc", "create", { state: "done", value: { sessionId: 42 } }),
        Effect.either(
          steps.step(
            "run1:abc",
            "create",
            { success: Schema.Struct({ sessionId: Schema.String }) },
            Effect.dieMessage("must not run")
          )
        )
      )
    )
    expect(Either.isLeft(result) && result.left instanceof Errors.JournalError).toBe(true)
  })

  it("every write goes through the injected writer (the host's group commit)", async () => {
    const written: Array<string> = []
    const value = await inProcess(
      "writer.sqlite",
      (_journal, steps) =>
        steps.attempt("run1:abc", "create", { success: Schema.String }, (mark) => Effect.as(mark, "s-9"), {
          retryUnknown: false,
          onUnknown: () => "unknown"
        }),
      (statement) =>
        Effect.zipLeft(
          statement,
          Effect.sync(() => written.push("write"))
        )
    )
    expect(value).toBe("s-9")
    expect(written).toEqual(["write", "write"])
  })
})
