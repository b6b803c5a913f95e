import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { Simulator } from "@nordscreen/simulator"
import { Deferred, Effect, Either, Fiber } from "effect"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { type AmlConfig, AmlEngine, AmlHttp, StepJournal } from "../src/index.js"
import { outcomeTag, runWith, screenOrg } from "./support/run.js"
import { createdTwice, startTestSimulator, testSettings } from "./support/simulator.js"
import { orgNumber, testOrgAdapter } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => {
  sim.reset()
  sim.config({
    faultRate: 0,
    createFaultAfter: 0.5,
    faultRoutes: ["token", "create", "info", "json", "report"]
  })
  sim.config({ webhookLoss: 0, jsonDelayMs: 30, reportDelayMs: 30, webhookRetryScale: 0.001 })
})

/** Every create is answered 500: after the session was created (`after`), or before. */
const loseCreateAnswers = (after: boolean) =>
  sim.config({
    faultRate: 1,
    faultRoutes: ["create"],
    faultWeights: { http500: 1, http502: 0, http503: 0, reset: 0 },
    createFaultAfter: after ? 1 : 0
  })

const settings = (patch: Partial<AmlConfig.AmlConfigShape> = {}, recoveryMs = 20_000) =>
  testSettings(sim, {
    timeouts: { requestMs: 2_000, createMs: 2_000, tokenMs: 2_000, sessionMs: 30_000, recoveryMs },
    ...patch
  })

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

describe("a create's outcome", () => {
  it("is marked attempted only when the request is sent: a crash while waiting for a token leaves nothing", async () => {
    const tokenAsked = Effect.runSync(Deferred.make<void>())
    // A token endpoint that never answers: the create waits for its token, as it would in a queue.
    const hanging: Server = createServer((request) => {
      request.resume()
      Effect.runSync(Deferred.succeed(tokenAsked, undefined))
    })
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve))
    const { port } = hanging.address() as AddressInfo
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(501)
    try {
      const recorded = await runWith(
        AmlEngine.amlEngineLayer({
          settings: settings({
            tokenUrl: `http://127.0.0.1:${port}/token`,
            timeouts: { requestMs: 2_000, createMs: 2_000, tokenMs: 200, sessionMs: 30_000 },
            retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 }
          }),
          journal
        }),
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(screenOrg(number))
          yield* Deferred.await(tokenAsked)
          // This is the moment a kill -9 would freeze: what is in the journal now?
          const atCrash = journal.records.get(`test-org:${number}`)?.get("create")
          yield* Fiber.interrupt(fiber)
          return atCrash
        })
      )
      expect(recorded).toBeUndefined()
    } finally {
      hanging.closeAllConnections()
      hanging.close()
    }
    expect(sim.stats().sessionsCreated).toBe(0)
  })

  it("lost on the wire is recovered from the session's webhook: one session, paid once", async () => {
    loseCreateAnswers(true)
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(502)
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings(), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(outcome)).toBe("Done")
    expect(Either.isRight(outcome) && outcome.right.recoveredCreate).toBe(true)
    expect(sim.stats().faults.createAfter).toBe(1)
    expect(sim.stats().sessionsCreated).toBe(1)
    expect(journal.records.get(`test-org:${number}`)?.get("create")).toMatchObject({
      state: "done",
      value: { recovered: true }
    })
  })

  it("stays unknown when no session was created (nothing names one), and nothing is sent again", async () => {
    loseCreateAnswers(false)
    const journal = StepJournal.makeMemoryJournal()
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings({}, 300), journal }),
      screenOrg(orgNumber(503))
    )
    expect(outcomeTag(outcome)).toBe("CreateOutcomeUnknown")
    expect(sim.stats().faults.createBefore).toBe(1)
    expect(sim.stats().sessionsCreated).toBe(0)
    expect(sim.stats().requests["create"]?.["500"]).toBe(1)
  })

  it("stays unknown without webhooks: polling alone cannot tell which session is ours", async () => {
    loseCreateAnswers(true)
    const polling = settings({
      webhook: { enabled: false, host: "127.0.0.1", port: 0, path: "/hooks/aml", publicUrl: undefined }
    })
    const outcome = await runWith(AmlEngine.amlEngineLayer({ settings: polling }), screenOrg(orgNumber(504)))
    expect(outcomeTag(outcome)).toBe("CreateOutcomeUnknown")
    expect(sim.stats().sessionsCreated).toBe(1)
  })

  it("left unknown by a process that died is recovered by the next one from the API's webhook retries", async () => {
    // The first process loses the answer and stops before the session's webhook comes (its JSON
    // takes longer than that process waits); the API retries delivery to the same URL, where the
    // next process (same journal, same key secret) now listens.
    loseCreateAnswers(true)
    sim.config({ jsonDelayMs: 400, webhookRetryScale: 0.01 })
    const port = await freePort()
    const webhook = { enabled: true, host: "127.0.0.1", port, path: "/hooks/aml", publicUrl: undefined }
    const journal = StepJournal.makeMemoryJournal()
    const number = orgNumber(505)
    const first = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings({ webhook }, 1), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(first)).toBe("CreateOutcomeUnknown")
    expect(journal.records.get(`test-org:${number}`)?.get("create")).toEqual({
      state: "attempted",
      value: null
    })
    sim.config({ faultRate: 0 })
    const second = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings({ webhook }), journal }),
      screenOrg(number)
    )
    expect(outcomeTag(second)).toBe("Done")
    expect(Either.isRight(second) && second.right.recoveredCreate).toBe(true)
    expect(sim.stats().sessionsCreated).toBe(1)
    expect(createdTwice(sim)).toEqual([])
  })
})

describe("a webhook is a hint, never an instruction", () => {
  it("a report the session did not request, or one the client does not know, starts no download", async () => {
    // The API lists and announces two reports this session did not ask for (an additive change).
    sim.config({ unrequestedReports: ["certificate_of_incorporation", "ownership_chart"] })
    try {
      const outcome = await runWith(
        AmlEngine.amlEngineLayer({ settings: settings() }),
        screenOrg(orgNumber(506))
      )
      expect(outcomeTag(outcome)).toBe("Done")
      expect(Either.isRight(outcome) && Object.keys(outcome.right.reports)).toEqual(["aml"])
      const downloads = sim.stats().requests["report"] ?? {}
      expect(downloads).toEqual({ "200": 1 })
    } finally {
      sim.config({ unrequestedReports: [] })
    }
  })
})

describe("404 ENTITY_NOT_REQUESTED", () => {
  it("is its own error, not a session that is gone", async () => {
    const outcome = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings() }),
      screenOrg(orgNumber(507))
    )
    if (Either.isLeft(outcome)) throw new Error(`screening failed: ${outcome.left._tag}`)
    const { sessionId } = outcome.right
    const error = await runWith(
      AmlEngine.amlEngineLayer({ settings: settings() }),
      Effect.flatMap(AmlHttp.AmlHttp, (http) =>
        Effect.flip(
          http.download(
            `${sim.url}/organization/session/no/${sessionId}/report/certificate_of_incorporation`,
            "application/pdf",
            testOrgAdapter.scopes,
            { sessionId, entity: "certificate_of_incorporation" }
          )
        )
      )
    )
    expect(error._tag).toBe("EntityNotRequested")
  })
})
