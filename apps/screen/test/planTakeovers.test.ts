import { join } from "node:path"
import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { JOURNAL_FILE } from "../src/journal/Journal.js"
import { RESULT_LIFETIME_MS } from "../src/plan/planTakeovers.js"
import { runScreen } from "../src/run/runScreen.js"
import type { ScreenOptions } from "../src/run/ScreenOptions.js"
import { tempDir } from "./helpers.js"
import { markCreateAttempted } from "./stepJournal.js"
import {
  defaultPlan,
  orgNumber,
  range,
  screenOptions,
  sha,
  stopAfter,
  stopWhen,
  writePortfolio
} from "./screenHelpers.js"

const dir = tempDir()
const HOUR = 60 * 60 * 1000
let sim: Simulator

// Results take an hour of simulated time: a run with a short session timeout gives up on every
// session (SessionTimedOut), and the test moves the simulator's clock instead of waiting.
beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: HOUR, reportDelayMs: 30 })
})
afterAll(async () => {
  await sim.stop()
})

const options = (
  portfolio: string,
  workspace: string,
  patch: Partial<ScreenOptions> = {},
  flags: Record<string, string | number> = {}
): ScreenOptions => screenOptions(sim.url, join(dir, "out"), portfolio, workspace, patch, flags)

const screen = (opts: ScreenOptions) => Effect.runPromise(runScreen(opts))
/** A run that gives up on its sessions after 300 ms. */
const impatient = (portfolio: string, workspace: string, patch: Partial<ScreenOptions> = {}) =>
  screen(options(portfolio, workspace, patch, { sessionTimeoutMs: 300 }))

/** Moves every time the journal holds for a run's entities back to `at`. */
const backdate = (workspace: string, runId: string, at: Date) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const iso = at.toISOString()
      yield* sql`UPDATE entities SET updated_at = ${iso} WHERE run_id = ${runId}`
    }).pipe(Effect.provide(SqliteClient.layer({ filename: join(workspace, JOURNAL_FILE) })))
  )

const created = (n: number) => sim.stats().sessionsCreatedByIdentifier[`organization/NO/${orgNumber(n)}`]
describe("a new run takes over the sessions an earlier run of the same input paid for", () => {
  it("follows timed-out sessions instead of creating them again, and downloads their results", async () => {
    sim.config({ jsonDelayMs: HOUR })
    const numbers = range(700, 704)
    const portfolio = writePortfolio(dir, "timeout.csv", numbers)
    const workspace = join(dir, "ws-timeout")
    const first = await impatient(portfolio, workspace)
    expect(first.exitCode).toBe(3)
    expect([...first.report.failures].map((f) => f.code)).toEqual(numbers.map(() => "SessionTimedOut"))
    const sessions = [...first.report.failures].map((f) => f.sessionId)
    expect(sessions.every((id) => id !== null)).toBe(true)

    sim.clock.advance(HOUR + 1_000)
    sim.config({ jsonDelayMs: 30 })
    const notices: Array<string> = []
    const second = await screen(options(portfolio, workspace, { notice: (l) => notices.push(l) }))
    expect(second.runId).not.toBe(first.runId)
    expect(second.exitCode).toBe(0)
    for (const n of numbers) expect(created(n)).toBe(1)
    expect([...second.report.entities].map((e) => e.sessionId)).toEqual(sessions)
    expect(second.report.run.takenOver).toEqual({ fromRunId: first.runId, sessions: 4, gone: 0, unknown: 0 })
    expect(notices.join("\n")).toContain(`Run ${first.runId} of this input created 4 session(s)`)
    for (const entity of second.report.entities) {
      expect(entity.artifacts.map((a) => a.kind).sort()).toEqual([
        "aml",
        "certificate_of_incorporation",
        "result"
      ])
      for (const artifact of entity.artifacts)
        expect(sha(join(second.runDir, artifact.path))).toBe(artifact.sha256)
    }

    // Everything was downloaded: the run after that has nothing to inherit and pays as usual.
    const third = await screen(options(portfolio, workspace))
    expect(third.report.run.takenOver).toBeNull()
    for (const n of numbers) expect(created(n)).toBe(2)
  })

  it("copies the artifacts the earlier run downloaded into the run that continues its sessions", async () => {
    // The first run gets each JSON, then every PDF download fails (500) until the session times
    // out: the JSON is recorded in that run's directory, the reports are missing.
    sim.config({
      jsonDelayMs: 30,
      faultRate: 1,
      faultRoutes: ["report"],
      faultWeights: { http500: 1, http502: 0, http503: 0, reset: 0 }
    })
    const numbers = range(750, 752)
    const portfolio = writePortfolio(dir, "partial.csv", numbers)
    const workspace = join(dir, "ws-partial")
    const first = await screen(options(portfolio, workspace, {}, { sessionTimeoutMs: 300, pollFastMs: 20 }))
    expect(first.exitCode).toBe(3)
    const firstFailures = [...first.report.failures]
    expect(firstFailures).toHaveLength(numbers.length)
    expect(firstFailures.every((f) => f.sessionId !== null)).toBe(true)

    sim.config({ faultRate: 0 })
    const second = await screen(options(portfolio, workspace))
    expect(second.exitCode).toBe(0)
    expect(second.report.run.takenOver?.fromRunId).toBe(first.runId)
    for (const n of numbers) expect(created(n)).toBe(1)
    for (const entity of second.report.entities) {
      expect(entity.artifacts.map((a) => a.kind).sort()).toEqual([
        "aml",
        "certificate_of_incorporation",
        "result"
      ])
      // Every file the report links is in the second run's own directory, as recorded.
      for (const artifact of entity.artifacts)
        expect(sha(join(second.runDir, artifact.path))).toBe(artifact.sha256)
    }
  })

  it("creates a session again when the one it took over has expired", async () => {
    sim.config({ jsonDelayMs: HOUR })
    const numbers = range(710, 713)
    const portfolio = writePortfolio(dir, "expired.csv", numbers)
    const workspace = join(dir, "ws-expired")
    const first = await impatient(portfolio, workspace)
    expect(first.exitCode).toBe(3)
    // Ready after an hour, expired two hours later (the wall clock still says "recent").
    sim.clock.advance(HOUR + RESULT_LIFETIME_MS + 60_000)
    sim.config({ jsonDelayMs: 30 })
    const second = await screen(options(portfolio, workspace))
    expect(second.exitCode).toBe(0)
    expect(second.report.run.takenOver).toEqual({ fromRunId: first.runId, sessions: 3, gone: 3, unknown: 0 })
    for (const n of numbers) expect(created(n)).toBe(2)
    const old = new Set([...first.report.failures].map((f) => f.sessionId))
    expect([...second.report.entities].every((e) => e.sessionId !== null && !old.has(e.sessionId))).toBe(true)
    expect([...second.report.entities].every((e) => e.artifacts.length === 3)).toBe(true)
  })

  it("does not take over sessions asked with other reports, nor sessions older than their lifetime", async () => {
    sim.config({ jsonDelayMs: HOUR })
    const numbers = range(720, 722)
    const portfolio = writePortfolio(dir, "other.csv", numbers)
    const workspace = join(dir, "ws-other")
    await impatient(portfolio, workspace)
    sim.clock.advance(HOUR + 1_000)
    sim.config({ jsonDelayMs: 30 })
    const other = await screen(options(portfolio, workspace, { plan: { ...defaultPlan, reports: ["aml"] } }))
    expect(other.exitCode).toBe(0)
    expect(other.report.run.takenOver).toBeNull()
    for (const n of numbers) expect(created(n)).toBe(2)

    // Failures recorded more than two hours ago (as the journal says) are not inherited either.
    sim.config({ jsonDelayMs: HOUR })
    const late = await impatient(portfolio, workspace)
    expect(late.exitCode).toBe(3)
    await backdate(workspace, late.runId, new Date(Date.now() - RESULT_LIFETIME_MS - 60_000))
    sim.clock.advance(HOUR + 1_000)
    sim.config({ jsonDelayMs: 30 })
    const after = await screen(options(portfolio, workspace))
    expect(after.exitCode).toBe(0)
    expect(after.report.run.takenOver).toBeNull()
    for (const n of numbers) expect(created(n)).toBe(4)
  })

  it("does not send again a create whose outcome was unknown in the previous run, unless --retry-unknown", async () => {
    sim.config({ jsonDelayMs: 30 })
    const numbers = range(730, 736)
    const portfolio = writePortfolio(dir, "unknown.csv", numbers)
    const workspace = join(dir, "ws-unknown")
    // Polling only: a session the interrupted run created is resumed by polls (its webhooks went
    // to that run's receiver), which then come every second.
    const one = { flags: { maxInFlight: 1, webhook: "false" } }
    const first = stopAfter(2)
    const interrupted = await screen(
      options(portfolio, workspace, { stop: first.stop, progress: first.progress }, one.flags)
    )
    const pending = [...interrupted.report.failures].filter((f) => f.code === "NotScreened").at(-1)
    const index = [...interrupted.report.entities].findIndex((e) => e.key === pending?.key)
    const number = numbers[index] ?? 0
    // As if the process had died inside the create POST of that entity.
    await markCreateAttempted(workspace, interrupted.runId, pending?.key ?? "")
    const completed = await screen(options(portfolio, workspace, {}, { webhook: "false" }))
    expect(completed.runId).toBe(interrupted.runId)
    expect([...completed.report.failures].map((f) => f.code)).toEqual(["CreateOutcomeUnknown"])

    const next = await screen(options(portfolio, workspace))
    expect(next.runId).not.toBe(completed.runId)
    expect(next.exitCode).toBe(3)
    expect([...next.report.failures].map((f) => [f.key, f.code])).toEqual([
      [pending?.key, "CreateOutcomeUnknown"]
    ])
    expect([...next.report.failures][0]?.message).toContain(`run ${completed.runId}`)
    expect(next.report.run.takenOver).toEqual({
      fromRunId: completed.runId,
      sessions: 0,
      gone: 0,
      unknown: 1
    })
    expect(created(number)).toBeUndefined()
    for (const n of numbers.filter((n) => n !== number)) expect(created(n)).toBe(2)

    const retried = await screen(options(portfolio, workspace, { retryUnknown: true }))
    expect(retried.exitCode).toBe(0)
    expect(retried.report.run.takenOver).toBeNull()
    expect(created(number)).toBe(1)
  })

  it("--fresh follows the sessions of the run it abandons; an interrupted takeover resumes them", async () => {
    sim.config({ jsonDelayMs: HOUR })
    const numbers = range(740, 743)
    const portfolio = writePortfolio(dir, "fresh.csv", numbers)
    const workspace = join(dir, "ws-fresh")
    // Stopped once every session is created and waits for its result: the run stays unfinished.
    const allCreated = () => numbers.every((n) => created(n) === 1)
    const stopped = await screen(options(portfolio, workspace, { stop: stopWhen(allCreated) }))
    expect(stopped.interrupted).toBe(true)
    for (const n of numbers) expect(created(n)).toBe(1)

    sim.clock.advance(HOUR + 1_000)
    sim.config({ jsonDelayMs: 30 })
    // The new run is stopped before it screens anything; what it took over is in its journal.
    const fresh = await screen(options(portfolio, workspace, { fresh: true, stop: Effect.void }))
    expect(fresh.runId).not.toBe(stopped.runId)
    expect(fresh.interrupted).toBe(true)
    const resumed = await screen(options(portfolio, workspace))
    expect(resumed.runId).toBe(fresh.runId)
    expect(resumed.exitCode).toBe(0)
    expect(resumed.report.run.takenOver).toEqual({
      fromRunId: stopped.runId,
      sessions: 3,
      gone: 0,
      unknown: 0
    })
    for (const n of numbers) expect(created(n)).toBe(1)
  })
})
