import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { Context, Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { Journal, journalLayer, type PlanBatch } from "../../src/journal/Journal.js"
import { tempDir } from "../helpers.js"

const dir = tempDir()

const withJournal = <A, E>(
  name: string,
  f: (journal: Context.Tag.Service<Journal>) => Effect.Effect<A, E>
) => {
  const workspace = join(dir, name)
  mkdirSync(workspace, { recursive: true, mode: 0o700 })
  return Effect.runPromise(
    Effect.scoped(Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) => f(Context.get(ctx, Journal))))
  )
}

const newRun = (runId: string, startedAt: string, sha = "sha-1") => ({
  runId,
  inputPath: "portfolio.csv",
  inputSha256: sha,
  optionsJson: "{}",
  startedAt,
  outDir: `/out/${runId}`,
  environment: "simulator",
  simulated: true
})

const plan = (keys: ReadonlyArray<string>, input = "{}"): PlanBatch => ({
  entities: keys.map((key, i) => ({
    key,
    ordinal: i + 1,
    adapterId: "org-no",
    inputJson: input,
    subject: `subject ${key}`,
    directory: `dir-${key}`,
    warningsJson: "[]"
  })),
  rows: keys.map((key, i) => ({ rowNumber: i + 2, key, reference: `R-${i}` })),
  rejected: [{ rowNumber: keys.length + 2, json: '{"code":"InvalidId"}' }]
})

describe("journal stores", () => {
  it("entity rows: read a page at a time in portfolio order, again on each iteration, after the journal is closed", async () => {
    const keys = Array.from({ length: 1_300 }, (_, i) => `k${String(i).padStart(5, "0")}`)
    const rows = await withJournal("pages", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("r1", "2026-01-01T00:00:00Z"))
        // Two batches, so the plan is more than one statement's worth and spans pages.
        yield* journal.insertPlan("r1", { ...plan(keys.slice(0, 700)), rejected: [] })
        const rest = plan(keys.slice(700))
        yield* journal.insertPlan("r1", {
          entities: rest.entities.map((e) => ({ ...e, ordinal: e.ordinal + 700 })),
          rows: rest.rows.map((r) => ({ ...r, rowNumber: r.rowNumber + 700 })),
          rejected: []
        })
        yield* journal.markDone("r1", "k00003", "s-3", '{"summary":1}')
        return journal.entityRows("r1")
      })
    )
    // Iterated after the journal's scope closed: each iteration reads on a connection of its own.
    const first = Array.from(rows)
    expect(first.map((r) => r.key)).toEqual(keys)
    expect(first.map((r) => r.ordinal)).toEqual(keys.map((_, i) => i + 1))
    expect(first.find((r) => r.key === "k00003")?.status).toBe("done")
    expect(Array.from(rows).length).toBe(keys.length)
  })

  it("runs: created planning, then running, then completed; found by input and status", async () => {
    const found = await withJournal("runs", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("r1", "2026-01-01T00:00:00Z"))
        const planning = yield* journal.findUnfinished("sha-1")
        yield* journal.setPlanned("r1", '{"file":"p.csv"}', '{"rows":1}')
        const running = yield* journal.findUnfinished("sha-1")
        yield* journal.setStatus("r1", "completed", "2026-01-01T01:00:00Z")
        return {
          planning,
          running,
          after: yield* journal.findUnfinished("sha-1"),
          last: yield* journal.lastCompleted("other"),
          previous: yield* journal.previousRunOf("sha-1", "r2"),
          notOther: yield* journal.previousRunOf("sha-2", "r2")
        }
      })
    )
    expect(Option.map(found.planning, (r) => r.status)).toEqual(Option.some("planning"))
    expect(Option.getOrUndefined(found.running)).toMatchObject({
      status: "running",
      source_json: '{"file":"p.csv"}',
      counts_json: '{"rows":1}',
      simulated: 1
    })
    expect(Option.isNone(found.after)).toBe(true)
    expect(Option.getOrUndefined(found.last)).toMatchObject({
      run_id: "r1",
      finished_at: "2026-01-01T01:00:00Z"
    })
    expect(Option.map(found.previous, (r) => r.run_id)).toEqual(Option.some("r1"))
    expect(Option.isNone(found.notOther)).toBe(true)
  })

  it("plan: entities, row links and rejected rows; outcomes; pages of entities to screen", async () => {
    const read = await withJournal("plan", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("r1", "2026-01-01T00:00:00Z"))
        yield* journal.insertPlan("r1", plan(["a", "b", "c", "d"]))
        yield* journal.markDone("r1", "a", "s-a", '{"summary":1}')
        yield* journal.markFailed("r1", "b", "s-b", '{"code":"SessionFailed"}')
        yield* journal.markFailed("r1", "b", null, '{"code":"Again"}')
        return {
          counts: yield* journal.counts("r1"),
          entities: yield* journal.entities("r1"),
          rows: yield* journal.rowLinks("r1"),
          rejected: yield* journal.rejected("r1"),
          all: yield* journal.toScreen("r1", 0, 1, () => true),
          pendingOnly: yield* journal.toScreen("r1", 0, 10, () => false)
        }
      })
    )
    expect(read.counts).toEqual({ pending: 2, done: 1, failed: 1 })
    expect(read.entities.map((e) => [e.key, e.status, e.session_id])).toEqual([
      ["a", "done", "s-a"],
      ["b", "failed", "s-b"],
      ["c", "pending", null],
      ["d", "pending", null]
    ])
    expect(read.entities[1]?.failure_json).toBe('{"code":"Again"}')
    expect(read.rows).toEqual([
      { row_number: 2, key: "a", reference: "R-0" },
      { row_number: 3, key: "b", reference: "R-1" },
      { row_number: 4, key: "c", reference: "R-2" },
      { row_number: 5, key: "d", reference: "R-3" }
    ])
    expect(read.rejected).toEqual(['{"code":"InvalidId"}'])
    expect(read.all.map((e) => e.key)).toEqual(["b"])
    // The failed entity is skipped page by page until pending ones fill the page.
    expect(read.pendingOnly.map((e) => e.key)).toEqual(["c", "d"])
  })

  it("clearPlan forgets the plan; dropPlanningRun the run too, only while it is planning", async () => {
    const read = await withJournal("clear", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("r1", "2026-01-01T00:00:00Z"))
        yield* journal.insertPlan("r1", plan(["a"]))
        yield* journal.clearPlan("r1")
        const cleared = { entities: yield* journal.entities("r1"), rejected: yield* journal.rejected("r1") }
        yield* journal.insertPlan("r1", plan(["a"]))
        yield* journal.dropPlanningRun("r1")
        const dropped = yield* journal.findUnfinished("sha-1")
        yield* journal.createRun(newRun("r2", "2026-01-02T00:00:00Z"))
        yield* journal.setPlanned("r2", "{}", "{}")
        yield* journal.dropPlanningRun("r2")
        return { cleared, dropped, running: yield* journal.findUnfinished("sha-1") }
      })
    )
    expect(read.cleared).toEqual({ entities: [], rejected: [] })
    expect(Option.isNone(read.dropped)).toBe(true)
    expect(Option.map(read.running, (r) => r.run_id)).toEqual(Option.some("r2"))
  })

  it("takeovers: unfinished entities planned identically, inherited, counted, dropped with their artifacts", async () => {
    const read = await withJournal("takeovers", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("old", "2026-01-01T00:00:00Z"))
        yield* journal.insertPlan("old", plan(["a", "b", "c"]))
        yield* journal.markDone("old", "a", "s-a", "{}")
        yield* journal.markFailed("old", "b", "s-b", '{"code":"Timeout"}')
        yield* journal.setStatus("old", "completed", "2026-01-01T01:00:00Z")
        yield* journal.createRun(newRun("new", "2026-01-02T00:00:00Z"))
        // `c` is planned with another input: not the same entity request.
        const same = plan(["a", "b", "c"])
        yield* journal.insertPlan("new", {
          ...same,
          entities: same.entities.map((e) => (e.key === "c" ? { ...e, inputJson: '{"other":1}' } : e))
        })
        const unfinished = yield* journal.unfinishedIn("old", "new", 0, 10)
        yield* journal.insertTakeovers("new", [
          { key: "b", fromRunId: "old", sessionId: "s-b", state: "follow", seenAt: "2026-01-01T00:30:00Z" }
        ])
        const screen = yield* journal.toScreen("new", 0, 10, () => true)
        yield* journal.recordArtifact("new", {
          key: "b",
          kind: "json",
          path: "b/result.json",
          sha256: "h",
          bytes: 1
        })
        yield* journal.recordArtifact("new", {
          key: "b",
          kind: "json",
          path: "b/result.json",
          sha256: "h2",
          bytes: 2
        })
        yield* journal.recordArtifact("new", {
          key: "a",
          kind: "json",
          path: "a/result.json",
          sha256: "h",
          bytes: 1
        })
        const artifacts = yield* journal.artifacts("new")
        yield* journal.dropTakeover("new", "b")
        return {
          unfinished,
          screen,
          artifacts,
          counts: yield* journal.takeoverCounts("new"),
          none: yield* journal.takeoverCounts("old"),
          afterDrop: yield* journal.artifacts("new")
        }
      })
    )
    expect(read.unfinished).toEqual([
      {
        key: "b",
        ordinal: 2,
        status: "failed",
        session_id: "s-b",
        failure_json: '{"code":"Timeout"}',
        updated_at: expect.any(String),
        takeover_state: null,
        takeover_session_id: null,
        takeover_seen_at: null,
        takeover_from: null
      }
    ])
    expect(read.screen.map((e) => [e.key, e.takeover_state, e.takeover_session_id, e.takeover_from])).toEqual(
      [
        ["a", null, null, null],
        ["b", "follow", "s-b", "old"],
        ["c", null, null, null]
      ]
    )
    expect(read.artifacts).toEqual([
      { key: "a", kind: "json", path: "a/result.json", sha256: "h", bytes: 1 },
      { key: "b", kind: "json", path: "b/result.json", sha256: "h2", bytes: 2 }
    ])
    expect(read.counts).toEqual({ fromRunId: "old", sessions: 1, gone: 1, unknown: 0 })
    expect(read.none).toBeUndefined()
    expect(read.afterDrop.map((a) => a.key)).toEqual(["a"])
  })

  it("a write that breaks a constraint fails with JournalFailed and leaves the journal as it was", async () => {
    const read = await withJournal("constraint", (journal) =>
      Effect.gen(function* () {
        yield* journal.createRun(newRun("r1", "2026-01-01T00:00:00Z"))
        yield* journal.insertPlan("r1", plan(["a"]))
        // The same plan again: the entity's key is taken, so none of the batch is written.
        const again = yield* Effect.either(journal.insertPlan("r1", { ...plan(["a"]), rows: [] }))
        return { again, rows: yield* journal.rowLinks("r1"), entities: yield* journal.entities("r1") }
      })
    )
    expect(read.again._tag === "Left" && read.again.left._tag).toBe("JournalFailed")
    expect(read.rows).toHaveLength(1)
    expect(read.entities).toHaveLength(1)
  })
})
