import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either, Logger, LogLevel } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Adapter, AmlEngine, ArtifactSink, Wire } from "../src/index.js"
import { runWith, screenOrg, screenWith } from "./support/run.js"
import { createdTwice, startTestSimulator, testSettings } from "./support/simulator.js"
import {
  makeTestOrgAdapter,
  orgNumber,
  type TestOrgInput,
  type TestOrgResult,
  testOrgAdapter
} from "./support/testAdapter.js"

/** Defaults to both PDFs, but its body asks only for the reports its expands name (as org-no). */
const bothReports = makeTestOrgAdapter(["aml", "certificate_of_incorporation"])
const expandingAdapter: Adapter.Adapter<TestOrgInput, TestOrgResult> = {
  ...bothReports,
  expands: {
    all: [...bothReports.expands.all, "links.reports.aml", "links.reports.certificate_of_incorporation"],
    defaults: bothReports.expands.defaults
  },
  requestBody: (input, options) => ({
    identifier: input.organizationNumber,
    nationality: "NO",
    expands: Wire.chooseExpands(expandingAdapter, options).expands,
    language: "en"
  })
}

const screenExpanding = (number: string, options: Adapter.RequestOptions) =>
  screenWith(
    expandingAdapter,
    { organizationNumber: number },
    {
      entityKey: `test-org:${number}`,
      subject: number,
      options
    }
  ).pipe(
    Effect.provide(
      AmlEngine.amlEngineLayer({
        settings: testSettings(sim, {
          timeouts: { requestMs: 2_000, createMs: 2_000, tokenMs: 2_000, sessionMs: 5_000 }
        })
      })
    ),
    Logger.withMinimumLogLevel(LogLevel.Warning),
    Effect.runPromise
  )

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})

describe("SessionLifecycle", () => {
  it("screens an organization: JSON and PDF stored, summary decoded", async () => {
    const sink = ArtifactSink.makeMemoryArtifactSink()
    const number = orgNumber(1)
    const screening = await screenWith(
      testOrgAdapter,
      { organizationNumber: number },
      {
        entityKey: `test-org:${number}`,
        subject: number
      }
    ).pipe(
      Effect.provide(AmlEngine.amlEngineLayer({ settings: testSettings(sim), sink })),
      Logger.withMinimumLogLevel(LogLevel.Warning),
      Effect.runPromise
    )
    expect(screening.summary.name).not.toBeNull()
    expect(Object.keys(screening.reports)).toEqual(["aml"])
    const pdf = sink.get(screening.reports["aml"]!.path)
    expect(new TextDecoder().decode(pdf!.subarray(0, 5))).toBe("%PDF-")
    expect(screening.reports["aml"]!.sha256).toBe(ArtifactSink.sha256Hex(pdf!))
    expect(screening.result?.keyInformation.organizationNumber).toBe(number)
    expect(createdTwice(sim)).toEqual([])
  })

  it("awaits exactly the reports the create body asked for, not the adapter's defaults", async () => {
    const none = await screenExpanding(orgNumber(2), { expands: ["keyInformation", "aml"] })
    expect(none.reports).toEqual({})
    expect(none.summary.name).not.toBeNull()
    const one = await screenExpanding(orgNumber(3), {
      expands: ["keyInformation", "aml", "links.reports.certificate_of_incorporation"]
    })
    expect(Object.keys(one.reports)).toEqual(["certificate_of_incorporation"])
  })

  it("a session that FAILED keeps what was READY: the JSON is downloaded and handed over with the failure", async () => {
    sim.config({ sessionFailRate: 1, reportDelayMs: 200 })
    try {
      const sink = ArtifactSink.makeMemoryArtifactSink()
      const layer = AmlEngine.amlEngineLayer({ settings: testSettings(sim), sink })
      const outcomes = await runWith(
        layer,
        Effect.forEach([10, 11, 12, 13, 14, 15, 16, 17], (n) => screenOrg(orgNumber(n)), { concurrency: 8 })
      )
      const failures = outcomes.flatMap((outcome) => (Either.isLeft(outcome) ? [outcome.left] : []))
      expect(failures.map((failure) => failure._tag)).toEqual(outcomes.map(() => "SessionFailed"))
      const kept = failures.flatMap((failure) =>
        failure._tag === "SessionFailed" && failure.artifacts["json"] !== undefined ? [failure] : []
      )
      // Some sessions failed at their report, after the JSON was READY: that JSON is kept.
      expect(kept.length).toBeGreaterThan(0)
      for (const failure of kept) {
        const ref = failure._tag === "SessionFailed" ? failure.artifacts["json"] : undefined
        const bytes = ref === undefined ? undefined : sink.get(ref.path)
        expect(bytes === undefined ? undefined : ArtifactSink.sha256Hex(bytes)).toBe(ref?.sha256)
        expect(failure.sessionId).toBeDefined()
      }
    } finally {
      sim.config({ sessionFailRate: 0, reportDelayMs: 30 })
    }
  })
})
