import { mkdirSync } from "node:fs"
import { CreateOutcomeUnknown, JournalError } from "@nordscreen/core"
import { Context, Deferred, Effect, Exit, Layer, Option, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { SqlClient } from "@effect/sql"
import { journalLayer } from "../src/journal/Journal.js"
import { JournalWriter } from "../src/journal/JournalWriter.js"
import {
  executionKeyOf,
  makeSqliteDurableSteps,
  makeStepTable,
  type StepTable
} from "../src/execute/sqliteDurableSteps.js"
import { tempDir } from "./helpers.js"

const dir = tempDir()

/**
 * Opens the journal of `workspace` for one effect, as a fresh process would, with its step
 * records (temporarily the journal's until core owns the step table).
 */
const withJournal = <A, E>(workspace: string, f: (steps: StepTable) => Effect.Effect<A, E>) => {
  mkdirSync(workspace, { recursive: true, mode: 0o700 })
  return Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
        f(makeStepTable(Context.get(ctx, SqlClient.SqlClient), Context.get(ctx, JournalWriter)))
      )
    )
  )
}

const Created = Schema.Struct({ sessionId: Schema.String, createdAt: Schema.Number })
const key = executionKeyOf("run1", "abc123")

const unknown = () =>
  new CreateOutcomeUnknown({ entityKeyHash: "abc123", reference: "ref", reason: "marker without answer" })

describe("SQLite durable steps", () => {
  it("records a step once and replays its decoded value in a later process without running it", async () => {
    const workspace = `${dir}/replay`
    let runs = 0
    const step = Effect.sync(() => {
      runs++
      return { sessionId: "s-1", createdAt: 1700 }
    })
    const first = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).step(key, "create", Created, step)
    )
    const second = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).step(key, "create", Created, step)
    )
    expect(first).toEqual({ sessionId: "s-1", createdAt: 1700 })
    expect(second).toEqual(first)
    expect(runs).toBe(1)
    const replayed = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).replay(key, "create", Created)
    )
    expect(Option.getOrNull(replayed)).toEqual(first)
  })

  it("keeps steps of different runs and entities apart", async () => {
    const workspace = `${dir}/apart`
    const other = executionKeyOf("run2", "abc123")
    const value = (id: string) => Effect.succeed({ sessionId: id, createdAt: 1 })
    await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).step(key, "create", Created, value("a"))
    )
    const again = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).step(other, "create", Created, value("b"))
    )
    expect(again.sessionId).toBe("b")
  })

  it("an attempted create without a recorded answer fails as CreateOutcomeUnknown and is not run again", async () => {
    const workspace = `${dir}/attempted`
    // The process dies inside the POST: the marker is written, the answer never is.
    const dies = await withJournal(workspace, (steps) =>
      Effect.exit(
        makeSqliteDurableSteps(steps).attempt(
          key,
          "create",
          Created,
          (mark) => Effect.zipRight(mark, Effect.die("killed")),
          {
            retryUnknown: false,
            onUnknown: unknown
          }
        )
      )
    )
    expect(Exit.isFailure(dies)).toBe(true)
    const state = await withJournal(workspace, (steps) => steps.read("run1", "abc123", "create"))
    expect(state).toMatchObject({ state: "attempted", valueJson: null })
    let posts = 0
    const post = Effect.sync(() => {
      posts++
      return { sessionId: "s-2", createdAt: 2 }
    })
    const resumed = await withJournal(workspace, (steps) =>
      Effect.either(
        makeSqliteDurableSteps(steps).attempt(key, "create", Created, (mark) => Effect.zipRight(mark, post), {
          retryUnknown: false,
          onUnknown: unknown
        })
      )
    )
    expect(resumed._tag === "Left" && resumed.left._tag).toBe("CreateOutcomeUnknown")
    expect(posts).toBe(0)
    const retried = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).attempt(key, "create", Created, (mark) => Effect.zipRight(mark, post), {
        retryUnknown: true,
        onUnknown: unknown
      })
    )
    expect(retried.sessionId).toBe("s-2")
    expect(posts).toBe(1)
  })

  it("writes the marker when the step marks it (before the POST) and the session id as soon as it returns", async () => {
    const workspace = `${dir}/order`
    const seen: Array<unknown> = []
    await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).attempt(
        key,
        "create",
        Created,
        (mark) =>
          Effect.zipRight(
            mark,
            Effect.flatMap(steps.read("run1", "abc123", "create"), (during) =>
              Effect.sync(() => {
                seen.push(during)
                return { sessionId: "s-3", createdAt: 3 }
              })
            ).pipe(Effect.orDie)
          ),
        { retryUnknown: false, onUnknown: unknown }
      )
    )
    expect(seen).toMatchObject([{ state: "attempted", valueJson: null }])
    const after = await withJournal(workspace, (steps) => steps.read("run1", "abc123", "create"))
    expect(after).toMatchObject({
      state: "done",
      valueJson: JSON.stringify({ sessionId: "s-3", createdAt: 3 })
    })
  })

  it("a create recorded refused is sent again by a later process, without --retry-unknown", async () => {
    const workspace = `${dir}/refused`
    const refused = await withJournal(workspace, (steps) =>
      Effect.either(
        makeSqliteDurableSteps(steps).attempt(
          key,
          "create",
          Created,
          (mark) => Effect.zipRight(mark, Effect.fail("HTTP 403")),
          {
            retryUnknown: false,
            onUnknown: unknown,
            refused: (error) => error === "HTTP 403"
          }
        )
      )
    )
    expect(refused._tag === "Left" && refused.left).toBe("HTTP 403")
    const state = await withJournal(workspace, (steps) => steps.read("run1", "abc123", "create"))
    expect(state).toMatchObject({ state: "refused", valueJson: null })
    const sent = await withJournal(workspace, (steps) =>
      makeSqliteDurableSteps(steps).attempt(
        key,
        "create",
        Created,
        (mark) => Effect.as(mark, { sessionId: "s-5", createdAt: 5 }),
        { retryUnknown: false, onUnknown: unknown }
      )
    )
    expect(sent.sessionId).toBe("s-5")
  })

  it("a step the schema cannot read back fails as JournalError instead of running again", async () => {
    const workspace = `${dir}/unreadable`
    await withJournal(workspace, (steps) =>
      steps.write("run1", "abc123", "create", { state: "done", valueJson: '{"sessionId":42}' })
    )
    const result = await withJournal(workspace, (steps) =>
      Effect.either(makeSqliteDurableSteps(steps).step(key, "create", Created, Effect.die("must not run")))
    )
    expect(result._tag === "Left" && result.left instanceof JournalError).toBe(true)
  })

  it("steps are uninterruptible: an interrupt waits until the result is recorded", async () => {
    const workspace = `${dir}/uninterruptible`
    await withJournal(workspace, (steps) =>
      Effect.gen(function* () {
        const started = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const fiber = yield* Effect.fork(
          makeSqliteDurableSteps(steps).step(
            key,
            "json",
            Created,
            Deferred.succeed(started, undefined).pipe(
              Effect.zipRight(Deferred.await(release)),
              Effect.as({ sessionId: "s-4", createdAt: 4 })
            )
          )
        )
        yield* Deferred.await(started)
        // The interrupt reaches the fiber before the step may finish: an interruptible step
        // would end here, unrecorded.
        yield* fiber.pipe((f) => f.interruptAsFork(f.id()))
        yield* Deferred.succeed(release, undefined)
        const exit = yield* fiber.await
        expect(Exit.isInterrupted(exit)).toBe(true)
        const recorded = yield* steps.read("run1", "abc123", "json")
        expect(recorded?.state).toBe("done")
      })
    )
  })
})
