import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { Context, Effect, Layer, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Journal, journalLayer } from "../src/journal/Journal.js"
import { runScreen } from "../src/run/runScreen.js"
import type { ScreenOptions } from "../src/run/ScreenOptions.js"
import { rowXml, workbookZip } from "./fixtures/workbookZip.js"
import { tempDir, writeBytes, writeText } from "./helpers.js"
import { markCreateAttempted } from "./stepJournal.js"
import {
  defaultPlan,
  orgNumber,
  range,
  screenOptions,
  sha,
  stopAfter,
  writePortfolio
} from "./screenHelpers.js"

const dir = tempDir()
let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 30, reportDelayMs: 30 })
})
afterAll(async () => {
  await sim.stop()
})

const options = (portfolio: string, workspace: string, patch: Partial<ScreenOptions> = {}): ScreenOptions =>
  screenOptions(sim.url, join(dir, "out"), portfolio, workspace, patch)

const created = () => sim.stats().sessionsCreatedByIdentifier

describe("runScreen against the simulator", () => {
  it("screens the example portfolio into a run directory with every artifact on disk", async () => {
    const notices: Array<string> = []
    const result = await Effect.runPromise(
      runScreen(
        options("../../examples/portfolio.csv", join(dir, "ws-example"), { notice: (l) => notices.push(l) })
      )
    )
    expect(result.exitCode).toBe(0)
    expect(result.report.run.simulated).toBe(true)
    expect(result.report.summary).toMatchObject({ rows: 25, entities: 18, rejectedRows: 6, duplicateRows: 1 })
    expect([...result.report.entities].every((e) => e.outcome !== "failed" && e.sessionId !== null)).toBe(
      true
    )
    for (const entity of result.report.entities)
      for (const artifact of entity.artifacts) {
        const path = join(result.runDir, artifact.path)
        expect(sha(path)).toBe(artifact.sha256)
        expect(statSync(path).size).toBe(artifact.bytes)
      }
    expect(notices.join("\n")).toContain("SIMULATED DATA")
    expect(statSync(join(dir, "ws-example")).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, "ws-example", "journal.sqlite")).mode & 0o777).toBe(0o600)
    expect(statSync(result.runDir).mode & 0o777).toBe(0o700)
  })

  it("resumes an interrupted run without a second session for any entity", async () => {
    const numbers = range(100, 130)
    const portfolio = writePortfolio(dir, "resume.csv", numbers)
    const workspace = join(dir, "ws-resume")
    const first = stopAfter(8)
    const interrupted = await Effect.runPromise(
      runScreen(options(portfolio, workspace, { stop: first.stop, progress: first.progress }))
    )
    expect(interrupted.interrupted).toBe(true)
    expect(interrupted.exitCode).toBe(4)
    const notScreened = [...interrupted.report.failures].filter((f) => f.code === "NotScreened").length
    expect(notScreened).toBeGreaterThan(0)
    const notices: Array<string> = []
    const resumed = await Effect.runPromise(
      runScreen(options(portfolio, workspace, { notice: (l) => notices.push(l) }))
    )
    expect(resumed.resumed).toBe(true)
    expect(resumed.runId).toBe(interrupted.runId)
    expect(resumed.runDir).toBe(interrupted.runDir)
    expect(notices.join("\n")).toContain(`Resuming run ${interrupted.runId}`)
    expect(resumed.exitCode).toBe(0)
    expect(resumed.report.summary.entities).toBe(numbers.length)
    expect([...resumed.report.failures]).toEqual([])
    for (const n of numbers) expect(created()[`organization/NO/${orgNumber(n)}`]).toBe(1)
  })

  it("reports an entity whose create was attempted but never answered as CreateOutcomeUnknown, without POSTing", async () => {
    const numbers = range(200, 212)
    const portfolio = writePortfolio(dir, "unknown.csv", numbers)
    const workspace = join(dir, "ws-unknown")
    const first = stopAfter(2)
    const interrupted = await Effect.runPromise(
      runScreen({
        ...options(portfolio, workspace, { stop: first.stop, progress: first.progress }),
        api: { flags: { env: "simulator", apiUrl: sim.url, maxInFlight: 1, rate: 200 }, env: {} }
      })
    )
    // One session at a time: the last entity was never started.
    const pending = [...interrupted.report.failures].filter((f) => f.code === "NotScreened").at(-1)
    expect(pending).toBeDefined()
    // As if the process had died inside the create POST of that entity.
    await markCreateAttempted(workspace, interrupted.runId, pending?.key ?? "")
    const index = [...interrupted.report.entities].findIndex((e) => e.key === pending?.key)
    const identifier = `organization/NO/${orgNumber(numbers[index] ?? 0)}`
    expect(created()[identifier]).toBeUndefined()
    // No webhook will name a session (none was created): recovery gives up after 300 ms.
    const resumed = await Effect.runPromise(
      runScreen(
        screenOptions(sim.url, join(dir, "out"), portfolio, workspace, {}, { createRecoveryTimeoutMs: 300 })
      )
    )
    expect(resumed.exitCode).toBe(3)
    expect([...resumed.report.failures].map((f) => [f.key, f.code])).toEqual([
      [pending?.key, "CreateOutcomeUnknown"]
    ])
    expect([...resumed.report.entities][index]?.outcome).toBe("unknown")
    expect(created()[identifier]).toBeUndefined()
  })

  it("creates whose answers were lost are recovered from their webhooks, paid once, and counted", async () => {
    const numbers = range(230, 234)
    const portfolio = writePortfolio(dir, "lost-answers.csv", numbers)
    sim.config({
      faultRate: 1,
      faultRoutes: ["create"],
      createFaultAfter: 1,
      faultWeights: { http500: 1, http502: 1, http503: 1, reset: 1 }
    })
    try {
      const result = await Effect.runPromise(runScreen(options(portfolio, join(dir, "ws-lost"))))
      expect(result.exitCode).toBe(0)
      expect(result.report.summary.createsRecovered).toBe(numbers.length)
      expect(result.report.summary.byOutcome.unknown).toBe(0)
      for (const n of numbers) expect(created()[`organization/NO/${orgNumber(n)}`]).toBe(1)
    } finally {
      sim.config({
        faultRate: 0,
        faultRoutes: ["token", "create", "info", "json", "report"],
        createFaultAfter: 0.5
      })
    }
  })

  it("--limit stops reading the portfolio at the limit-th entity (a broken tail is never read)", async () => {
    const numbers = range(600, 603)
    const good = readFileSync(writePortfolio(dir, "limit-head.csv", numbers), "utf8")
    const portfolio = join(dir, "limit.csv")
    // Thousands of rows (many read batches), then a quote that never closes.
    writeFileSync(portfolio, `${good}${"K-x;NO;;\n".repeat(5000)}K-y;NO;"never closed\n`)
    const limited = await Effect.runPromise(
      runScreen(options(portfolio, join(dir, "ws-limit"), { plan: { ...defaultPlan, limit: 2 } }))
    )
    expect(limited.exitCode).toBe(0)
    expect(limited.report.summary.entities).toBe(2)
    const whole = await Effect.runPromise(
      Effect.either(runScreen(options(portfolio, join(dir, "ws-limit-all"))))
    )
    expect(whole._tag === "Left" ? whole.left._tag : "no error").toBe("PortfolioFileError")
  })

  it("says once, before screening, which needed column the header lacks and the --map for it", async () => {
    const portfolio = join(dir, "no-org-column.csv")
    writeFileSync(
      portfolio,
      "Customer ID;Entity type;Country;National ID;Reg code;Name\nC1;Company;NO;;910000012;Fjordlys AS\nC2;Company;NO;;910000047;Solbakken AS\nC3;Person;NO;15837512481;;Ingrid Fjellstad\n"
    )
    const notices: Array<string> = []
    const result = await Effect.runPromise(
      runScreen(options(portfolio, join(dir, "ws-no-org"), { notice: (l) => notices.push(l) }))
    )
    expect(result.report.summary.entities).toBe(1)
    const header = notices.filter((line) => line.includes("no column of organisation numbers"))
    expect(header).toHaveLength(1)
    expect(header[0]).toContain('--map "Reg code=organizationNumber"')
    expect(header[0]).toContain("2 row(s) need it and were not screened, the first is row 2.")
    expect(created()["910000012"]).toBeUndefined()
  })

  it("compares with the previous completed run of the workspace (Changes)", async () => {
    const workspace = join(dir, "ws-changes")
    const before = writePortfolio(dir, "before.csv", range(300, 306))
    const after = writePortfolio(dir, "after.csv", [...range(301, 306), 399])
    const first = await Effect.runPromise(runScreen(options(before, workspace)))
    const second = await Effect.runPromise(runScreen(options(after, workspace)))
    expect(second.report.run.previousRunId).toBe(first.runId)
    const kinds = second.report.changes.map((c) => `${c.kind}:${c.references.join()}`).sort()
    expect(kinds).toEqual(["new:K-399", "removed:K-300"])
  })

  it("sends a report or expand no adapter knows with a warning, and lets the API refuse it", async () => {
    const portfolio = writePortfolio(dir, "usage.csv", range(400, 402))
    const notices: Array<string> = []
    const result = await Effect.runPromise(
      runScreen(
        options(portfolio, join(dir, "ws-usage"), {
          plan: { ...defaultPlan, reports: ["nope"], expands: ["keyInformation", "role"] },
          notice: (line) => notices.push(line)
        })
      )
    )
    expect(notices).toContain('warning: --reports: unknown report "nope" sent as is; the API decides')
    expect(notices).toContain(
      'warning: --expand: unknown expand "role" sent as is; the API decides (did you mean "roles"?)'
    )
    expect(result.exitCode).toBe(3)
    const failures = [...result.report.failures]
    expect(failures.map((f) => f.code)).toEqual(["ApiValidationError", "ApiValidationError"])
    expect(failures[0]?.message).toContain("UNSUPPORTED_EXPAND")
  })

  it("without endpoint or credentials uses the embedded simulator and flags the data as simulated", async () => {
    const portfolio = writePortfolio(dir, "embedded.csv", range(500, 503))
    const result = await Effect.runPromise(
      runScreen({
        ...options(portfolio, join(dir, "ws-embedded")),
        api: { flags: {}, env: {} },
        embedded: { port: 0, jsonDelayMs: 20, reportDelayMs: 20 }
      })
    )
    expect(result.embedded).toBe(true)
    expect(result.report.run.simulated).toBe(true)
    expect(result.report.run.environment).toBe("simulator")
    expect(result.exitCode).toBe(0)
    expect(readFileSync(join(result.runDir, "report.html"), "utf8")).toContain("SIMULATED DATA")
  })

  describe("a portfolio refused as a file leaves no run behind", () => {
    const runsOf = (workspace: string, portfolio: string) =>
      Effect.runPromise(
        Effect.scoped(
          Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
            Context.get(ctx, Journal).findUnfinished(sha(portfolio))
          )
        )
      )
    const refusedOut = join(dir, "out-refused")
    const refusal = (portfolio: string, workspace: string) =>
      Effect.runPromise(Effect.flip(runScreen(screenOptions(sim.url, refusedOut, portfolio, workspace))))

    it("refuses a FIFO or a link to /dev/zero at once, before hashing it", async () => {
      const fifo = join(dir, "pipe.csv")
      execFileSync("mkfifo", [fifo])
      expect(await refusal(fifo, join(dir, "ws-fifo"))).toMatchObject({ reason: "NOT_A_FILE" })
      const zero = join(dir, "zero.xlsx")
      execFileSync("ln", ["-s", "/dev/zero", zero])
      expect(await refusal(zero, join(dir, "ws-fifo"))).toMatchObject({
        reason: "NOT_A_FILE",
        message: expect.stringContaining("symbolic link to a character device")
      })
    })

    it("records no run for a file refused when it is opened (no identifier column)", async () => {
      const portfolio = writeText(dir, "names.csv", "Navn;Adresse\nKari;Gata 1\n")
      const workspace = join(dir, "ws-open")
      for (let attempt = 0; attempt < 2; attempt++)
        expect(await refusal(portfolio, workspace)).toMatchObject({ reason: "NO_IDENTIFIER_COLUMN" })
      expect(Option.isNone(await runsOf(workspace, portfolio))).toBe(true)
      expect(existsSync(refusedOut)).toBe(false)
    })

    it("drops the run of a file refused halfway (shared-string fan-out over the text limit)", async () => {
      const sheet = [rowXml(1, [{ s: 0 }, { s: 1 }])]
      for (let i = 0; i < 20_000; i++) sheet.push(rowXml(i + 2, [{ n: 910000012 }, { s: 2 }]))
      const portfolio = writeBytes(
        dir,
        "fan.xlsx",
        workbookZip({
          sharedStrings: ["Orgnr", "Navn", "W".repeat(30_000)],
          sheets: [{ name: "S", rows: sheet }]
        })
      )
      const workspace = join(dir, "ws-fan")
      // The second attempt is refused the same way: nothing to resume, nothing that dies again.
      for (let attempt = 0; attempt < 2; attempt++)
        expect(await refusal(portfolio, workspace)).toMatchObject({
          reason: "TOO_LARGE",
          message: expect.stringContaining("more than 500,000,000 characters")
        })
      expect(Option.isNone(await runsOf(workspace, portfolio))).toBe(true)
      expect(existsSync(refusedOut)).toBe(false)
    }, 60_000)
  })
})
