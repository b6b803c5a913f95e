import type { Simulator } from "@nordscreen/simulator"
import { Deferred, Effect, Either, Exit, Fiber, Redacted, Schema } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { amlEngineLayer, hashKey, makeDurableSteps, makeMemoryJournal } from "../src/index.js"
import { startTestSimulator, testSettings } from "./support/simulator.js"
import { outcomeTag, runWith, screenOrg } from "./support/run.js"
import { orgNumber } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => sim.reset())

describe("DurableSteps", () => {
  it("runs a step once and replays its recorded value", async () => {
    const steps = makeDurableSteps(makeMemoryJournal())
    let runs = 0
    const step = steps.step(
      "entity",
      "count",
      Schema.NumberFromString,
      Effect.sync(() => ++runs)
    )
    const values = await Effect.runPromise(Effect.all([step, step, step]))
    expect(values).toEqual([1, 1, 1])
    expect(runs).toBe(1)
  })

  it("a fresh step records without asking the journal first; a transforming schema is encoded", async () => {
    const memory = makeMemoryJournal()
    let reads = 0
    const journal = {
      read: (entityKey: string, step: string) =>
        Effect.zipRight(
          Effect.sync(() => reads++),
          memory.read(entityKey, step)
        ),
      write: memory.write
    }
    const steps = makeDurableSteps(journal)
    const value = await Effect.runPromise(
      steps.step("entity", "count", Schema.NumberFromString, Effect.succeed(7), { fresh: true })
    )
    expect(value).toBe(7)
    expect(reads).toBe(0)
    // Recorded in its encoded form, and replayed from it by a step that does look.
    expect(memory.records.get("entity")?.get("count")).toEqual({ state: "done", value: "7" })
    const replayed = await Effect.runPromise(
      steps.step("entity", "count", Schema.NumberFromString, Effect.succeed(8))
    )
    expect(replayed).toBe(7)
    expect(reads).toBe(1)
  })

  it("an attempt without a recorded result is unknown, unless retried on purpose", async () => {
    const journal = makeMemoryJournal()
    const steps = makeDurableSteps(journal)
    await Effect.runPromise(journal.write("entity", "create", { state: "attempted", value: null }))
    const unknown = (retryUnknown: boolean) =>
      Effect.runPromise(
        Effect.either(
          steps.attempt("entity", "create", Schema.String, (mark) => Effect.as(mark, "session-1"), {
            retryUnknown,
            onUnknown: () => "unknown" as const
          })
        )
      )
    expect(await unknown(false)).toEqual(Either.left("unknown"))
    expect(await unknown(true)).toEqual(Either.right("session-1"))
    expect(journal.records.get("entity")?.get("create")).toEqual({ state: "done", value: "session-1" })
  })

  it("a refused attempt may run again; any other failure leaves its outcome unknown", async () => {
    const journal = makeMemoryJournal()
    const steps = makeDurableSteps(journal)
    const attempt = (effect: Effect.Effect<string, string>) =>
      Effect.runPromise(
        Effect.either(
          steps.attempt("entity", "create", Schema.String, (mark) => Effect.zipRight(mark, effect), {
            retryUnknown: false,
            onUnknown: () => "unknown",
            refused: (error) => error === "refused"
          })
        )
      )
    expect(await attempt(Effect.fail("refused"))).toEqual(Either.left("refused"))
    expect(journal.records.get("entity")?.get("create")).toEqual({ state: "refused", value: null })
    expect(await attempt(Effect.fail("timed out after sending"))).toEqual(
      Either.left("timed out after sending")
    )
    expect(journal.records.get("entity")?.get("create")).toEqual({ state: "attempted", value: null })
    expect(await attempt(Effect.succeed("session-1"))).toEqual(Either.left("unknown"))
  })

  it("steps are uninterruptible: an interruption waits until the result is recorded", async () => {
    const journal = makeMemoryJournal()
    const steps = makeDurableSteps(journal)
    const interruptWhileRunning = (run: (effect: Effect.Effect<string>) => Effect.Effect<string, unknown>) =>
      Effect.gen(function* () {
        const started = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const effect = Deferred.succeed(started, undefined).pipe(
          Effect.zipRight(Deferred.await(release)),
          Effect.as("v")
        )
        const fiber = yield* Effect.fork(run(effect))
        yield* Deferred.await(started)
        // The interrupt reaches the fiber before the step may finish: an interruptible step
        // would end here, unrecorded.
        yield* fiber.interruptAsFork(fiber.id())
        yield* Deferred.succeed(release, undefined)
        expect(Exit.isInterrupted(yield* Fiber.await(fiber))).toBe(true)
      })
    await Effect.runPromise(
      Effect.zipRight(
        interruptWhileRunning((effect) => steps.step("entity", "json", Schema.String, effect)),
        interruptWhileRunning((effect) =>
          steps.attempt("entity", "create", Schema.String, (mark) => Effect.zipRight(mark, effect), {
            retryUnknown: false,
            onUnknown: () => "?"
          })
        )
      )
    )
    expect(journal.records.get("entity")?.get("json")).toEqual({ state: "done", value: "v" })
    expect(journal.records.get("entity")?.get("create")).toEqual({ state: "done", value: "v" })
  })

  it("a create the API surely refused is recorded so: the next run sends it without --retry-unknown", async () => {
    const journal = makeMemoryJournal()
    const number = orgNumber(302)
    const createOf = (n: string) => journal.records.get(`test-org:${n}`)?.get("create")
    // The token endpoint refuses the client: no create is ever sent.
    const badClient = await runWith(
      amlEngineLayer({ settings: testSettings(sim, { clientSecret: Redacted.make("wrong") }), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(badClient)).toBe("Unauthorized")
    // Nothing was sent (the marker is written right before the request), so nothing is recorded.
    expect(createOf(number)).toBeUndefined()
    const later = await runWith(amlEngineLayer({ settings: testSettings(sim), journal }), screenOrg(number))
    expect(outcomeTag(later)).toBe("Done")
    // 400: the API validated and refused the body; asking again gets the same answer, not "unknown".
    const invalid = "12345"
    const layer = amlEngineLayer({ settings: testSettings(sim), journal })
    expect(outcomeTag(await runWith(layer, screenOrg(invalid)))).toBe("ApiValidationError")
    expect(createOf(invalid)).toEqual({ state: "refused", value: null })
    expect(outcomeTag(await runWith(layer, screenOrg(invalid)))).toBe("ApiValidationError")
    expect(sim.stats().sessionsCreated).toBe(1)
  })

  it("a finished entity replays from the journal without calling the API", async () => {
    const journal = makeMemoryJournal()
    const number = orgNumber(300)
    const first = await runWith(amlEngineLayer({ settings: testSettings(sim), journal }), screenOrg(number))
    const requests = sim.stats().requestsTotal
    const second = await runWith(amlEngineLayer({ settings: testSettings(sim), journal }), screenOrg(number))
    expect(outcomeTag(second)).toBe("Done")
    expect(Either.isRight(first) && Either.isRight(second) && second.right.sessionId).toBe(
      Either.isRight(first) && first.right.sessionId
    )
    expect(sim.stats().requestsTotal).toBe(requests)
    expect(sim.stats().sessionsCreated).toBe(1)
  })

  it("a crash between the create marker and its answer is reported, not paid twice", async () => {
    const journal = makeMemoryJournal()
    const number = orgNumber(301)
    await Effect.runPromise(
      journal.write(`test-org:${number}`, "create", { state: "attempted", value: null })
    )
    const outcome = await runWith(amlEngineLayer({ settings: testSettings(sim), journal }), screenOrg(number))
    expect(outcomeTag(outcome)).toBe("CreateOutcomeUnknown")
    expect(
      Either.isLeft(outcome) && outcome.left._tag === "CreateOutcomeUnknown" && outcome.left.reference
    ).toBe(hashKey(`test-org:${number}`, "test-key-secret"))
    expect(sim.stats().sessionsCreated).toBe(0)
    const retried = await runWith(
      amlEngineLayer({ settings: testSettings(sim, { retryUnknown: true }), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(retried)).toBe("Done")
    expect(sim.stats().sessionsCreated).toBe(1)
  })
})
