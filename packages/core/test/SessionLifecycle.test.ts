import type { Simulator } from "@nordscreen/simulator"
import { Effect, Logger, LogLevel } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { amlEngineLayer, makeMemoryArtifactSink, sha256Hex, SessionLifecycle } from "../src/index.js"
import { createdTwice, startTestSimulator, testSettings } from "./support/simulator.js"
import { orgNumber, testOrgAdapter } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})

describe("SessionLifecycle", () => {
  it("screens an organization: JSON and PDF stored, summary decoded", async () => {
    const sink = makeMemoryArtifactSink()
    const number = orgNumber(1)
    const screening = await Effect.gen(function* () {
      const lifecycle = yield* SessionLifecycle
      return yield* lifecycle.screen({
        adapter: testOrgAdapter,
        input: { organizationNumber: number },
        entityKey: `test-org:${number}`,
        subject: number
      })
    }).pipe(
      Effect.provide(amlEngineLayer({ settings: testSettings(sim), sink })),
      Logger.withMinimumLogLevel(LogLevel.Warning),
      Effect.runPromise
    )
    expect(screening.summary.name).not.toBeNull()
    expect(Object.keys(screening.reports)).toEqual(["aml"])
    const pdf = sink.get(screening.reports["aml"]!.path)
    expect(new TextDecoder().decode(pdf!.subarray(0, 5))).toBe("%PDF-")
    expect(screening.reports["aml"]!.sha256).toBe(sha256Hex(pdf!))
    expect(screening.result?.keyInformation.organizationNumber).toBe(number)
    expect(createdTwice(sim)).toEqual([])
  })
})
