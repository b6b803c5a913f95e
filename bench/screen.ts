// End-to-end screening throughput against a rate-limited API.
//
// A simulator child process answers like the API with a rate limit of R requests/s per client
// (`--rate-limit R`, 429 + Retry-After above it) and ~1 s from create to the last artifact
// (JSON after 700 ms, the AML PDF 300 ms later, both ±30 % uniform). Each entity needs k API calls: create, one
// status check, the JSON and one per PDF — with `--reports aml` k = 4, so the best any client can
// do is R/k entities/s (12.5/s at R = 50).
//   1. `nordscreen screen` (the built CLI, `--rate R --reports aml`) on BENCH_ENTITIES generated
//      valid Norwegian organisations: entities/s over the run (first create → last artifact, from
//      run.log) and end to end (process start → exit), each ÷ R/k; calls per entity from the
//      simulator's counters.
//   2. A naive loop at the same R: create a session, poll it every second until the JSON and the
//      PDF are READY, fetch both; a fixed-interval limiter at R, a 429 retried after a second. Once
//      one entity at a time (the literal loop, 30 entities), once with BENCH_CONCURRENCY workers.
// Run: pnpm bench screen   (or cd bench && node --import tsx screen.ts; needs `pnpm build` first)
// Env: BENCH_ENTITIES (default 20000: ~27 min at the ceiling), BENCH_NAIVE_ENTITIES (default
//      min(entities, 600)), BENCH_RATE (50), BENCH_CONCURRENCY (64).
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  cliBin,
  orgNumberFrom,
  type SimulatorProcess,
  startSimulatorProcess,
  stopSimulatorProcess
} from "./lib/processes.js"

const ENTITIES = Number(process.env["BENCH_ENTITIES"] ?? 20_000)
const NAIVE_ENTITIES = Number(process.env["BENCH_NAIVE_ENTITIES"] ?? Math.min(ENTITIES, 600))
const RATE = Number(process.env["BENCH_RATE"] ?? 50)
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 64)
const CALLS_PER_ENTITY = 4
const CEILING = RATE / CALLS_PER_ENTITY

const work = mkdtempSync(join(tmpdir(), "nordscreen-bench-"))

const orgNumber = orgNumberFrom(60_000_000)

type Sim = SimulatorProcess

const startSim = (): Promise<Sim> =>
  startSimulatorProcess([
    "--rate-limit",
    String(RATE),
    "--burst",
    String(RATE),
    "--json-delay-ms",
    "700",
    "--report-delay-ms",
    "300",
    "--latency-jitter",
    "0.3",
    "--token-ttl",
    "3600"
  ])

const stopSim = stopSimulatorProcess

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : {}

const requestsTotal = async (url: string): Promise<{ total: number; limited: number }> => {
  const stats = record(await (await fetch(`${url}/_sim/stats`)).json())
  return { total: Number(stats["requestsTotal"] ?? 0), limited: Number(stats["rateLimited"] ?? 0) }
}

// ---------------------------------------------------------------- 1. nordscreen screen

const runCli = async (sim: Sim) => {
  const portfolio = join(work, "portfolio.csv")
  const lines = ["Kundenummer;Land;Organisasjonsnummer;Navn"]
  for (let i = 1; i <= ENTITIES; i++) lines.push(`B-${i};NO;${orgNumber(i)};Bench ${i} AS`)
  writeFileSync(portfolio, `${lines.join("\n")}\n`)
  const before = await requestsTotal(sim.url)
  const started = Date.now()
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        cliBin,
        "screen",
        portfolio,
        "--env",
        "simulator",
        "--api-url",
        sim.url,
        "--rate",
        String(RATE),
        "--reports",
        "aml",
        "--concurrency",
        String(CONCURRENCY),
        "--out",
        join(work, "out"),
        "--workspace",
        join(work, "ws"),
        "--log-level",
        "info"
      ],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NORDSCREEN_NO_OPEN: "1" } }
    )
    child.once("exit", resolve)
  })
  const wallSeconds = (Date.now() - started) / 1000
  const after = await requestsTotal(sim.url)
  const runDir = join(work, "out", readdirSync(join(work, "out"))[0] ?? "")
  const times = readFileSync(join(runDir, "run.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"session created"') || line.includes('"report stored"'))
    .map((line) => Date.parse(String(record(JSON.parse(line))["time"])))
  const runSeconds = (Math.max(...times) - Math.min(...times)) / 1000
  const report = record(JSON.parse(readFileSync(join(runDir, "report.json"), "utf8")))
  const summary = record(report["summary"])
  return {
    code,
    screened: ENTITIES - Number(summary["failures"] ?? 0),
    failures: Number(summary["failures"] ?? 0),
    wallSeconds,
    runSeconds,
    calls: after.total - before.total,
    limited: after.limited - before.limited
  }
}

// ---------------------------------------------------------------- 2. the naive loop

const naiveLoop = async (sim: Sim, workers: number, entities: number, first: number) => {
  const interval = 1000 / RATE
  let next = Date.now()
  const slot = async () => {
    const now = Date.now()
    next = Math.max(next, now)
    const wait = next - now
    next += interval
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  }
  const basic = Buffer.from("simulator-client:simulator-secret").toString("base64")
  const tokenAnswer = record(
    await (
      await fetch(`${sim.url}/auth/realms/sim/protocol/openid-connect/token`, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials"
      })
    ).json()
  )
  const auth = { authorization: `Bearer ${String(tokenAnswer["access_token"])}` }
  const call = async (url: string, init: RequestInit = {}): Promise<Response> => {
    for (;;) {
      await slot()
      const answer = await fetch(url, { ...init, headers: { ...auth, ...(init.headers ?? {}) } })
      if (answer.status !== 429) return answer
      await answer.arrayBuffer()
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
  const before = await requestsTotal(sim.url)
  const started = Date.now()
  let cursor = 0
  let done = 0
  const worker = async () => {
    while (cursor < entities) {
      const n = first + cursor++
      const created = await call(`${sim.url}/organization/session/no`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          identifier: orgNumber(n),
          nationality: "NO",
          expands: ["keyInformation", "aml", "links.reports.aml"]
        })
      })
      const sessionId = String(record(await created.json())["sessionId"])
      const session = `${sim.url}/organization/session/no/${sessionId}`
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000))
        const info = record(await (await call(session)).json())
        const json = record(info["jsonData"])["status"]
        const aml = record(record(info["reports"])["aml"])["status"]
        if (json === "READY" && aml === "READY") break
      }
      await (await call(`${session}/json`)).arrayBuffer()
      await (await call(`${session}/report/aml`)).arrayBuffer()
      done++
    }
  }
  await Promise.all(Array.from({ length: workers }, worker))
  const seconds = (Date.now() - started) / 1000
  const after = await requestsTotal(sim.url)
  return { done, seconds, calls: after.total - before.total }
}

const main = async () => {
  const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits
  console.log(
    `R = ${RATE} requests/s, reports: aml, k = ${CALLS_PER_ENTITY} calls/entity → ceiling ${CEILING} entities/s; ${ENTITIES} entities, concurrency ${CONCURRENCY}`
  )
  const sim = await startSim()
  try {
    const cli = await runCli(sim)
    const overRun = cli.screened / cli.runSeconds
    const overWall = cli.screened / cli.wallSeconds
    console.log(`nordscreen screen: exit ${cli.code}, ${cli.screened} screened, ${cli.failures} failed`)
    console.log(
      `  run (first create → last PDF): ${round(cli.runSeconds, 1)} s, ${round(overRun)} entities/s = ${round(overRun / CEILING, 3)} of the ceiling`
    )
    console.log(
      `  end to end (process start → exit): ${round(cli.wallSeconds, 1)} s, ${round(overWall)} entities/s = ${round(overWall / CEILING, 3)} of the ceiling`
    )
    console.log(
      `  API calls ${cli.calls} (${round(cli.calls / ENTITIES)} per entity), 429 answers ${cli.limited}`
    )
    for (const [workers, entities, first] of [
      [1, Math.min(NAIVE_ENTITIES, 30), 100_000],
      [CONCURRENCY, NAIVE_ENTITIES, 200_000]
    ] as const) {
      const naive = await naiveLoop(sim, workers, entities, first)
      const naiveRate = naive.done / naive.seconds
      console.log(
        `naive loop (${workers === 1 ? "one entity at a time" : `${workers} workers`}, poll every 1 s): ${naive.done} entities in ${round(naive.seconds, 1)} s = ${round(naiveRate)} entities/s = ${round(naiveRate / CEILING, 3)} of the ceiling; ${round(naive.calls / Math.max(1, naive.done))} calls per entity`
      )
    }
  } finally {
    await stopSim(sim)
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
