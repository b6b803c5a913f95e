// Session engine throughput against a rate-limited API, and engine CPU per session.
//
// The simulator runs in a child process (its own core) with a rate limit of R = 50 req/s and
// about 1 s of session latency (JSON after 500 ms, the one PDF 500 ms later). A session costs
// k = 4 calls with webhooks (create, one status check, JSON, PDF), so the ceiling is R/k = 12.5
// sessions/s. Figures: sustained sessions/s ÷ ceiling with the rate configured to R (target
// ≥ 0.95, zero 429s) and adaptive (target ≤ 2 % 429s); then, with zero latency and no limit,
// the engine's CPU time per session (target ≤ 1 ms), beside the transport floor: the same HTTP
// exchanges made by a bare client; and, deterministic, the fiber steps and bytes allocated per
// session (BENCH_ONLY=rate|adaptive|cpu|steps runs one phase).
//
// Run: pnpm bench core (builds first), or after a build: cd bench && node --import tsx core.ts
//      (BENCH_SESSIONS=n sets the sessions per throughput phase, default 400; the CPU phase runs
//      BENCH_CPU_ROUNDS rounds, default 8, of BENCH_CPU_SESSIONS sessions, default 250, for the
//      engine and for the transport floor (lib/transportFloor.ts) in turn;
//      BENCH_PROFILE=file.cpuprofile profiles the engine's rounds only, BENCH_ALLOCATIONS=
//      file.heapprofile samples their allocations)
import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import * as core from "@nordscreen/core"
import { AmlClient, AmlEngine, SessionLifecycle, Wire } from "@nordscreen/core"
import { startSimulator } from "@nordscreen/simulator"
import { Effect, ManagedRuntime, RuntimeFlags, RuntimeFlagsPatch, Supervisor } from "effect"
import { ENGINE_EVENTS, engineConfig, makeBenchAdapter, orgNumber } from "./lib/benchEngine.js"
import { makeTransportFloor } from "./lib/transportFloor.js"

const R = 50
const SESSIONS = Number(process.env["BENCH_SESSIONS"] ?? 400)
const CPU_SESSIONS = Number(process.env["BENCH_CPU_SESSIONS"] ?? 250)
const CPU_ROUNDS = Number(process.env["BENCH_CPU_ROUNDS"] ?? 8)
const STEP_SESSIONS = Number(process.env["BENCH_STEP_SESSIONS"] ?? 1_000)
/** A file for a V8 CPU profile of the measured CPU phase only (no start-up, no warm-up). */
const PROFILE = process.env["BENCH_PROFILE"]
/** A file for a sampled allocation profile (collected objects included) of the same rounds. */
const ALLOCATIONS = process.env["BENCH_ALLOCATIONS"]

// ---------------------------------------------------------------- child: the simulator

const runChild = async (): Promise<void> => {
  const sim = await startSimulator({ port: 0, tokenTtlSeconds: 3_600, webhookRetryScale: 0.01 })
  process.stdout.write(`READY ${JSON.stringify({ url: sim.url, tokenUrl: sim.tokenUrl })}\n`)
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === "exit") {
      await sim.stop()
      process.exit(0)
    }
  }
}

// ---------------------------------------------------------------- parent: the engine

const benchAdapter = makeBenchAdapter(core)

const engine = (url: string, tokenUrl: string, rps: number | undefined) =>
  AmlClient.createAmlClient({ config: engineConfig(url, tokenUrl, rps), logging: { level: "warn" } })

interface SimStats {
  readonly requestsTotal: number
  readonly rateLimited: number
  readonly sessionsCreated: number
  readonly requests: Readonly<Record<string, Readonly<Record<string, number>>>>
}

const admin = async (url: string, path: string, method = "GET", body?: unknown): Promise<unknown> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await response.text()
  return text === "" ? undefined : JSON.parse(text)
}

const stats = async (url: string): Promise<SimStats> => {
  const raw = await admin(url, "/_sim/stats")
  const n = (key: string) => (Wire.isRecord(raw) && typeof raw[key] === "number" ? raw[key] : 0)
  const requests = Wire.isRecord(raw) && Wire.isRecord(raw["requests"]) ? raw["requests"] : {}
  const routes: Record<string, Record<string, number>> = {}
  for (const [route, byStatus] of Object.entries(requests))
    if (Wire.isRecord(byStatus))
      routes[route] = Object.fromEntries(
        Object.entries(byStatus).filter((entry): entry is [string, number] => typeof entry[1] === "number")
      )
  return {
    requestsTotal: n("requestsTotal"),
    rateLimited: n("rateLimited"),
    sessionsCreated: n("sessionsCreated"),
    requests: routes
  }
}

const screenMany = async (client: ReturnType<typeof engine>, first: number, count: number) => {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      client.screen(benchAdapter, { number: orgNumber(first + i) }).then(
        () => "Done",
        (error: unknown) =>
          Wire.isRecord(error) && typeof error["_tag"] === "string" ? error["_tag"] : "defect"
      )
    )
  )
  const used = process.cpuUsage(cpu)
  return {
    seconds: (performance.now() - started) / 1000,
    cpuMs: (used.user + used.system) / 1000,
    userMs: used.user / 1000,
    done: outcomes.filter((tag) => tag === "Done").length,
    failed: outcomes.filter((tag) => tag !== "Done")
  }
}

const throughput = async (
  label: string,
  url: string,
  tokenUrl: string,
  rps: number | undefined,
  first: number
) => {
  await admin(url, "/_sim/reset", "POST")
  await admin(url, "/_sim/config", "PUT", {
    rateLimit: { rps: R, burst: 10 },
    jsonDelayMs: 500,
    reportDelayMs: 500
  })
  const client = engine(url, tokenUrl, rps)
  const result = await screenMany(client, first, SESSIONS)
  await client.close()
  const sim = await stats(url)
  const ceiling = R / 4
  const perSecond = result.done / result.seconds
  const share429 = sim.rateLimited / Math.max(1, sim.requestsTotal)
  console.log(
    `${label}: ${result.done}/${SESSIONS} sessions in ${result.seconds.toFixed(1)} s = ${perSecond.toFixed(2)} sessions/s, ` +
      `${(perSecond / ceiling).toFixed(3)} of the ceiling ${ceiling}; ` +
      `${sim.requestsTotal} requests (${(sim.requestsTotal / Math.max(1, result.done)).toFixed(2)} per session), ` +
      `${sim.rateLimited} × 429 (${(share429 * 100).toFixed(2)} %)` +
      (result.failed.length > 0 ? `; failures: ${result.failed.join(", ")}` : "")
  )
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const cpuOf = async (work: () => Promise<unknown>): Promise<number> => {
  const cpu = process.cpuUsage()
  await work()
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / 1000
}

const range = (values: ReadonlyArray<number>) =>
  `${median(values).toFixed(3)} ms (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`

/**
 * Engine and transport floor take turns in rounds against the same simulator, so that the
 * machine's drifting speed (a shared VM) touches both alike; the engine's own CPU is the
 * difference within each round.
 */
const cpuPerSession = async (url: string, tokenUrl: string) => {
  await admin(url, "/_sim/reset", "POST")
  await admin(url, "/_sim/config", "PUT", { rateLimit: null, jsonDelayMs: 0, reportDelayMs: 0 })
  const client = engine(url, tokenUrl, 100_000)
  const floor = await makeTransportFloor(url, tokenUrl, ENGINE_EVENTS)
  const numbers = (first: number) => Array.from({ length: CPU_SESSIONS }, (_, i) => orgNumber(first + i))
  // Warm-up: JIT, connection pools, token.
  await screenMany(client, 100_000, 200)
  await floor.screenMany(numbers(150_000), 128)
  await admin(url, "/_sim/reset", "POST")
  const profiler = PROFILE === undefined && ALLOCATIONS === undefined ? undefined : new Session()
  if (profiler !== undefined) {
    profiler.connect()
    if (PROFILE !== undefined) {
      await profiler.post("Profiler.enable")
      await profiler.post("Profiler.start")
    }
    if (ALLOCATIONS !== undefined)
      await profiler.post("HeapProfiler.startSampling", {
        samplingInterval: 4_096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true
      })
  }
  const engineMs: Array<number> = []
  const floorMs: Array<number> = []
  const ownMs: Array<number> = []
  let failures = 0
  for (let round = 0; round < CPU_ROUNDS; round++) {
    const first = 200_000 + round * 2 * CPU_SESSIONS
    const runEngine = () =>
      cpuOf(async () => {
        const result = await screenMany(client, first, CPU_SESSIONS)
        failures += result.failed.length
      })
    const runFloor = () => cpuOf(() => floor.screenMany(numbers(first + CPU_SESSIONS), 128))
    // Profiling looks at the engine alone; otherwise the order alternates.
    let engineCpu: number
    let floorCpu = 0
    if (profiler !== undefined) engineCpu = await runEngine()
    else if (round % 2 === 0) {
      engineCpu = await runEngine()
      floorCpu = await runFloor()
    } else {
      floorCpu = await runFloor()
      engineCpu = await runEngine()
    }
    engineMs.push(engineCpu / CPU_SESSIONS)
    floorMs.push(floorCpu / CPU_SESSIONS)
    ownMs.push((engineCpu - floorCpu) / CPU_SESSIONS)
  }
  if (profiler !== undefined) {
    if (PROFILE !== undefined)
      writeFileSync(PROFILE, JSON.stringify((await profiler.post("Profiler.stop")).profile))
    if (ALLOCATIONS !== undefined)
      writeFileSync(ALLOCATIONS, JSON.stringify((await profiler.post("HeapProfiler.stopSampling")).profile))
    profiler.disconnect()
  }
  await client.close()
  await floor.close()
  const sim = await stats(url)
  console.log(
    `cpu phase: ${JSON.stringify(sim.requests)}${failures > 0 ? `; ${failures} engine failures` : ""}`
  )
  console.log(
    `cpu (latency 0), ${CPU_ROUNDS} rounds × ${CPU_SESSIONS} sessions each, process CPU (user + system) per session, median (min–max):\n` +
      `  engine total       ${range(engineMs)}\n` +
      `  transport floor    ${range(floorMs)}\n` +
      `  engine own (total − floor, per round) ${range(ownMs)}`
  )
}

// ---------------------------------------------------------------- fiber steps and allocations

/** Counts every step the fibers under it take (`OpSupervision` on). */
class StepCounter extends Supervisor.AbstractSupervisor<number> {
  steps = 0
  get value(): Effect.Effect<number> {
    return Effect.sync(() => this.steps)
  }
  override onEffect(): void {
    this.steps++
  }
}

/**
 * Deterministic companions of the CPU figure: Effect run-loop steps and bytes allocated per
 * session (sampled, collected objects included), engine through its Effect API.
 */
const stepsPerSession = async (url: string, tokenUrl: string) => {
  await admin(url, "/_sim/reset", "POST")
  await admin(url, "/_sim/config", "PUT", { rateLimit: null, jsonDelayMs: 0, reportDelayMs: 0 })
  const runtime = ManagedRuntime.make(
    AmlEngine.amlEngineLayer({
      config: engineConfig(url, tokenUrl, 100_000),
      logging: { level: "warn" },
      adapters: [benchAdapter]
    })
  )
  const counter = new StepCounter()
  const screenAll = (first: number, count: number) =>
    runtime.runPromise(
      Effect.forEach(
        Array.from({ length: count }, (_, i) => first + i),
        (n) =>
          Effect.flatMap(SessionLifecycle.SessionLifecycle, (lifecycle) =>
            lifecycle.screen({
              adapterId: benchAdapter.id,
              input: { number: orgNumber(n) },
              entityKey: `bench-org:${n}`,
              subject: `bench-org/${n}`
            })
          ),
        { concurrency: 128, discard: true }
      ).pipe(
        Effect.withRuntimeFlagsPatch(RuntimeFlagsPatch.enable(RuntimeFlags.OpSupervision)),
        Effect.supervised(counter)
      )
    )
  await screenAll(300_000, 200)
  const inspector = new Session()
  inspector.connect()
  await inspector.post("HeapProfiler.startSampling", {
    samplingInterval: 1_024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true
  })
  counter.steps = 0
  await screenAll(310_000, STEP_SESSIONS)
  const steps = counter.steps
  const { profile } = await inspector.post("HeapProfiler.stopSampling")
  inspector.disconnect()
  await runtime.dispose()
  const bytes = (node: { selfSize: number; children: ReadonlyArray<typeof node> }): number =>
    node.children.reduce((sum, child) => sum + bytes(child), node.selfSize)
  console.log(
    `steps (latency 0, ${STEP_SESSIONS} sessions): ${(steps / STEP_SESSIONS).toFixed(1)} fiber steps and ` +
      `${(bytes(profile.head) / STEP_SESSIONS / 1024).toFixed(1)} KB allocated per session`
  )
}

const runParent = async (): Promise<void> => {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "child"], {
    stdio: ["pipe", "pipe", "inherit"]
  })
  const lines = createInterface({ input: child.stdout })
  const ready = await new Promise<{ url: string; tokenUrl: string }>((resolve) => {
    lines.on("line", (line) => {
      if (line.startsWith("READY ")) resolve(JSON.parse(line.slice(6)))
    })
  })
  try {
    console.log(
      `simulator: rate limit ${R} req/s (burst 10), JSON after 500 ms, PDF 500 ms later; ${SESSIONS} sessions per phase`
    )
    const only = process.env["BENCH_ONLY"]
    if (only === undefined || only === "rate")
      await throughput(`webhooks, rate ${R}`, ready.url, ready.tokenUrl, R, 0)
    if (only === undefined || only === "adaptive")
      await throughput("webhooks, adaptive", ready.url, ready.tokenUrl, undefined, 10_000)
    if (only === undefined || only === "cpu") await cpuPerSession(ready.url, ready.tokenUrl)
    if (only === undefined || only === "steps") await stepsPerSession(ready.url, ready.tokenUrl)
  } finally {
    child.stdin?.write("exit\n")
  }
}

if (process.argv[2] === "child") await runChild()
else await runParent()
