import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  orgNumber,
  readJson,
  runCli,
  runDirOf,
  type SimProcess,
  sha256,
  startSimulatorProcess,
  screenArgs
} from "./support.js"

interface ReportJson {
  summary: { entities: number; failures: number }
  entities: Array<{
    sessionId: string | null
    outcome: string
    artifacts: Array<{ kind: string; path: string; sha256: string; bytes: number }>
  }>
  failures: Array<{ code: string; sessionId: string | null }>
  run: {
    runId: string
    takenOver: { fromRunId: string; sessions: number; gone: number; unknown: number } | null
  }
}

const HOUR = 3_600_000
const work = mkdtempSync(join(tmpdir(), "nordscreen-takeover-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

// `slow` answers after an hour of its own (simulated) clock: a run that waits one second for each
// session gives up with SessionTimedOut, though the sessions exist and are paid for.
let slow: SimProcess
let other: SimProcess
beforeAll(async () => {
  ;[slow, other] = await Promise.all([
    startSimulatorProcess(["--json-delay-ms", String(HOUR)]),
    startSimulatorProcess()
  ])
})
afterAll(async () => {
  await Promise.all([slow.stop(), other.stop()])
})

const portfolio = (name: string, numbers: ReadonlyArray<number>): string => {
  const path = join(work, `${name}.csv`)
  const rows = numbers.map((n) => `K-${n};NO;${orgNumber(n)};Firma ${n} AS`)
  writeFileSync(path, `Kundenummer;Land;Organisasjonsnummer;Navn\n${rows.join("\n")}\n`)
  return path
}

const screen = (file: string, sim: SimProcess, workspace: string, env: Record<string, string> = {}) =>
  runCli([...screenArgs(file, sim.url, join(work, "out"), join(work, workspace))], env)
const impatient = { NORDSCREEN_SESSION_TIMEOUT_MS: "1000" }

const admin = async (sim: SimProcess, method: string, path: string, body: unknown) => {
  const response = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  expect(response.ok, `${method} /_sim/${path}`).toBe(true)
}

const created = async (sim: SimProcess, numbers: ReadonlyArray<number>) => {
  const byIdentifier = (await sim.stats()).sessionsCreatedByIdentifier
  return numbers.map((n) => byIdentifier[`organization/NO/${orgNumber(n)}`] ?? 0)
}

const reportOf = (stdout: string): { dir: string; report: ReportJson } => {
  const dir = runDirOf(stdout)
  return { dir, report: readJson(join(dir, "report.json")) as ReportJson }
}

describe("nordscreen screen takes over the sessions the previous run of the input paid for", () => {
  const follow = [1, 2, 3]
  const gone = [11, 12]

  it("follows sessions that timed out in a completed run instead of creating them again", async () => {
    const file = portfolio("follow", follow)
    const first = await screen(file, slow, "ws-follow", impatient)
    expect(first.status, first.stderr).toBe(3)
    const before = reportOf(first.stdout).report
    expect(before.failures.map((f) => f.code)).toEqual([
      "SessionTimedOut",
      "SessionTimedOut",
      "SessionTimedOut"
    ])
    expect(await created(slow, follow)).toEqual([1, 1, 1])

    // The results become READY (an hour later for the simulator); a second run of the same file.
    await admin(slow, "POST", "clock/advance", { ms: HOUR + 1_000 })
    const second = await screen(file, slow, "ws-follow")
    expect(second.status, second.stderr).toBe(0)
    expect(await created(slow, follow)).toEqual([1, 1, 1])
    expect(second.stderr).toContain(`Run ${before.run.runId} of this input created 3 session(s)`)
    expect(second.stdout).toContain(`taken over      3 sessions from run ${before.run.runId}`)
    const { dir, report } = reportOf(second.stdout)
    expect(report.run.runId).not.toBe(before.run.runId)
    expect(report.run.takenOver).toEqual({ fromRunId: before.run.runId, sessions: 3, gone: 0, unknown: 0 })
    expect(report.summary.failures).toBe(0)
    expect(report.entities.map((e) => e.sessionId)).toEqual(before.failures.map((f) => f.sessionId))
    for (const entity of report.entities) {
      expect(entity.artifacts.map((a) => a.kind).sort()).toEqual([
        "aml",
        "certificate_of_incorporation",
        "result"
      ])
      for (const artifact of entity.artifacts) {
        expect(sha256(join(dir, artifact.path))).toBe(artifact.sha256)
        expect(statSync(join(dir, artifact.path)).size).toBe(artifact.bytes)
      }
    }
  })

  it("creates a session again when the API does not know the one it took over (404)", async () => {
    const file = portfolio("gone", gone)
    const first = await screen(file, slow, "ws-gone", impatient)
    expect(first.status, first.stderr).toBe(3)
    const before = reportOf(first.stdout).report
    // Another API (a fresh simulator) has never seen those sessions.
    const second = await screen(file, other, "ws-gone")
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toContain(
      `taken over      2 sessions from run ${before.run.runId} (2 gone: created again)`
    )
    const { report } = reportOf(second.stdout)
    expect(report.run.takenOver).toEqual({ fromRunId: before.run.runId, sessions: 2, gone: 2, unknown: 0 })
    expect(await created(other, gone)).toEqual([1, 1])
    expect(await created(slow, gone)).toEqual([1, 1])
    expect(report.entities.every((e) => e.artifacts.length === 3 && e.outcome !== "failed")).toBe(true)
  })

  it("documents the takeover in screen --help", async () => {
    const help = await runCli(["screen", "--help"])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain(
      "follows the sessions the previous run of that input created but did not download"
    )
  })
})
