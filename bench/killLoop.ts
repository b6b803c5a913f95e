// Money under faults and kill -9 (issue 9, item 2).
//
// A simulator child process injects faults into 5 % of API requests (500/502/503/connection
// reset; on a create, half of them strike after the session was created, so its answer is lost)
// and loses 10 % of webhook events. `nordscreen screen` (the built CLI, webhooks on, its default
// workspace port) screens BENCH_ENTITIES generated Norwegian organisations and is killed with
// SIGKILL BENCH_KILLS times at random moments, then run again until the run completes.
// Reported, from the simulator's counters and the final report.json:
//   - double payments: identifiers for which the simulator created more than one session;
//   - entities left with an unknown create outcome, split by what the simulator knows: a session
//     exists (a lost answer that was not recovered) or none does (the create failed before the
//     API created anything, which no client can tell from a lost answer);
//   - creates recovered from the webhook of a session whose answer was lost.
// Run: pnpm bench killLoop   (or cd bench && node --import tsx killLoop.ts; needs `pnpm build`)
// Env: BENCH_ENTITIES (default 600), BENCH_KILLS (8), BENCH_SEED (11), BENCH_RETRY_SCALE (0.1:
//      the simulator's webhook retries after 0.5 s, 3 s, 12 s, 60 s, 180 s instead of 5 s … 30 min).
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cliBin, orgNumberFrom, startSimulatorProcess } from "./lib/processes.js"

const ENTITIES = Number(process.env["BENCH_ENTITIES"] ?? 600)
const KILLS = Number(process.env["BENCH_KILLS"] ?? 8)
const SEED = Number(process.env["BENCH_SEED"] ?? 11)
const RETRY_SCALE = Number(process.env["BENCH_RETRY_SCALE"] ?? 0.1)

const work = mkdtempSync(join(tmpdir(), "nordscreen-killloop-"))

const orgNumber = orgNumberFrom(70_000_000)

interface SimStats {
  readonly sessionsCreated: number
  readonly sessionsCreatedByIdentifier: Record<string, number>
  readonly faults: Record<string, number>
  readonly webhooks: Record<string, number>
}

const startSim = () =>
  startSimulatorProcess([
    "--seed",
    String(SEED),
    "--fault-rate",
    "0.05",
    "--webhook-loss",
    "0.1",
    "--webhook-retry-scale",
    String(RETRY_SCALE),
    "--json-delay-ms",
    "400",
    "--report-delay-ms",
    "300",
    "--latency-jitter",
    "0.3"
  ])

const statsOf = async (url: string): Promise<SimStats> =>
  (await (await fetch(`${url}/_sim/stats`)).json()) as SimStats

const runCli = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [cliBin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NORDSCREEN_NO_OPEN: "1" }
  })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString()
  })
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString()
  })
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr }))
  )
  return { child, done }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const main = async () => {
  const sim = await startSim()
  const portfolio = join(work, "portfolio.csv")
  const numbers = Array.from({ length: ENTITIES }, (_, i) => orgNumber(i + 1))
  writeFileSync(
    portfolio,
    ["Kundenummer;Land;Organisasjonsnummer", ...numbers.map((n, i) => `K-${i + 1};NO;${n}`)].join("\n")
  )
  const args = [
    "screen",
    portfolio,
    "--env",
    "simulator",
    "--api-url",
    sim.url,
    "--out",
    join(work, "out"),
    "--workspace",
    join(work, "ws"),
    "--rate",
    "100",
    "--concurrency",
    "32",
    "--reports",
    "aml"
  ]
  const started = Date.now()
  let kills = 0
  try {
    // Kill at random moments spread over the run: each process lives until a random share of
    // the portfolio more has been created, then dies with SIGKILL.
    for (let i = 0; i < KILLS; i++) {
      const before = (await statsOf(sim.url)).sessionsCreated
      const target = before + Math.max(4, Math.floor((ENTITIES / (KILLS + 2)) * (0.5 + Math.random())))
      const run = runCli(args)
      let exited = false
      void run.done.then(() => {
        exited = true
      })
      while (!exited && (await statsOf(sim.url)).sessionsCreated < target) await pause(25)
      if (exited) break
      run.child.kill("SIGKILL")
      await run.done
      kills++
    }
    let final: Awaited<ReturnType<typeof runCli>["done"]> | undefined
    for (let attempt = 0; attempt < 6 && final === undefined; attempt++) {
      const ended = await runCli(args).done
      if (ended.code === 0 || ended.code === 3) final = ended
      else process.stderr.write(`run ended with ${ended.code}: ${ended.stderr.slice(-500)}\n`)
    }
    if (final === undefined) throw new Error("the run never completed")
    const runDir = /Report: (.+)\/report\.html/.exec(final.stdout)?.[1]
    if (runDir === undefined) throw new Error(`no run directory in:\n${final.stdout}`)
    const report = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8")) as {
      summary: { entities: number; byOutcome: Record<string, number>; createsRecovered: number }
      entities: Array<{ identifier: string; outcome: string }>
    }
    const stats = await statsOf(sim.url)
    const created = (identifier: string) =>
      stats.sessionsCreatedByIdentifier[`organization/NO/${identifier}`] ?? 0
    const doublePaid = Object.values(stats.sessionsCreatedByIdentifier).filter((n) => n > 1).length
    const unknown = report.entities.filter((e) => e.outcome === "unknown")
    const unknownWithSession = unknown.filter((e) => created(e.identifier) > 0).length
    const figures = {
      entities: report.summary.entities,
      kills,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      sessionsCreated: stats.sessionsCreated,
      doublePaid,
      unknown: unknown.length,
      unknownShare: `${((100 * unknown.length) / report.summary.entities).toFixed(2)} %`,
      unknownWithSession,
      unknownWithoutSession: unknown.length - unknownWithSession,
      createsRecovered: report.summary.createsRecovered,
      byOutcome: report.summary.byOutcome,
      createFaultsAfterSession: stats.faults["createAfter"] ?? 0,
      createFaultsBeforeSession: stats.faults["createBefore"] ?? 0,
      webhooksLost: stats.webhooks["lost"] ?? 0
    }
    console.log(JSON.stringify(figures, null, 2))
    if (doublePaid > 0) process.exitCode = 1
  } finally {
    sim.child.kill("SIGTERM")
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
