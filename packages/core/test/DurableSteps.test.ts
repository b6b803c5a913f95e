import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either, Redacted, Schema } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { AmlEngine, EmbeddedDurableSteps, HashKey, SessionEvents, StepJournal } from "../src/index.js"
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
  it("the embedded interpreter reads nothing for the steps of an execution it created live", async () => {
    const memory = StepJournal.makeMemoryJournal()
    const reads: Array<string> = []
    const journal = {
      read: (executionKey: string, step: string) =>
        Effect.zipRight(
          Effect.sync(() => reads.push(step)),
          memory.read(executionKey, step)
        ),
      write: memory.write
    }
    const polling = { fastMs: 10, fastForMs: 1_000, slowMs: 10, safetyNetMs: 10, webhookSilenceMs: 1_000 }
    const webhook = { enabled: false, host: "127.0.0.1", port: 0, path: "/hooks", publicUrl: undefined }
    const values = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const steps = EmbeddedDurableSteps.makeEmbeddedDurableSteps(
            journal,
            yield* SessionEvents.makeSessionEvents(webhook, polling),
            polling
          )
          const created = yield* steps.attempt(
            "e",
            "create",
            { success: Schema.String },
            (mark) => Effect.as(mark, "s-1"),
            {
              retryUnknown: false,
              onUnknown: () => "unknown"
            }
          )
          const count = steps.step("e", "count", { success: Schema.NumberFromString }, Effect.succeed(7))
          return [created, yield* count, yield* count] as const
        })
      )
    )
    expect(values).toEqual(["s-1", 7, 7])
    // The create is looked up (it may be recorded); `count` only once it was recorded here.
    expect(reads).toEqual(["create", "count"])
    expect(memory.records.get("e")?.get("count")).toEqual({ state: "done", value: "7" })
  })

  it("a create the API surely refused is recorded so: the next run sends it without --retry-unknown", async () => {
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(302)
    const createOf = (n: string) => journal.records.get(`test-org:${n}`)?.get("create")
    // The token endpoint refuses the client: no create is ever sent.
    const badClient = await runWith(
      AmlEngine.amlEngineLayer({
        settings: testSettings(sim, { clientSecret: Redacted.make("wrong") }),
        journal
      }),
      screenOrg(number)
    )
    expect(outcomeTag(badClient)).toBe("Unauthorized")
    // Nothing was sent (the marker is written right before the request), so nothing is recorded.
    expect(createOf(number)).toBeUndefined()
    const later = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(later)).toBe("Done")
    // 400: the API validated and refused the body; asking again gets the same answer, not "unknown".
    const invalid = "12345"
    const layer = AmlEngine.amlEngineLayer({ settings: testSettings(sim), journal })
    expect(outcomeTag(await runWith(layer, screenOrg(invalid)))).toBe("ApiValidationError")
    expect(createOf(invalid)).toEqual({ state: "refused", value: null })
    expect(outcomeTag(await runWith(layer, screenOrg(invalid)))).toBe("ApiValidationError")
    expect(sim.stats().sessionsCreated).toBe(1)
  })

  it("a finished entity replays from the journal without calling the API", async () => {
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(300)
    const first = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim), journal }),
      screenOrg(number)
    )
    const requests = sim.stats().requestsTotal
    const second = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(second)).toBe("Done")
    expect(Either.isRight(first) && Either.isRight(second) && second.right.sessionId).toBe(
      Either.isRight(first) && first.right.sessionId
    )
    expect(sim.stats().requestsTotal).toBe(requests)
    expect(sim.stats().sessionsCreated).toBe(1)
  })

  it("a crash between the create marker and its answer is reported, not paid twice", async () => {
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(301)
    await Effect.runPromise(
      journal.write(`test-org:${number}`, "create", { state: "attempted", value: null })
    )
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(outcome)).toBe("CreateOutcomeUnknown")
    expect(
      Either.isLeft(outcome) && outcome.left._tag === "CreateOutcomeUnknown" && outcome.left.reference
    ).toBe(HashKey.hashKey(`test-org:${number}`, "test-key-secret"))
    expect(sim.stats().sessionsCreated).toBe(0)
    const retried = await runWith(
      AmlEngine.amlEngineLayer({ settings: testSettings(sim, { retryUnknown: true }), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(retried)).toBe("Done")
    expect(sim.stats().sessionsCreated).toBe(1)
  })
})
