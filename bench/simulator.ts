// Simulator throughput and memory. The simulator runs in a child process (its own core); this
// process is the load generator.
//   1. GET session info for ~10 s with autocannon and one pre-fetched bearer token → req/s, latency.
//   2. 200,000 create POSTs through the real HTTP API and session store, then the clock is moved
//      past expiry + 24 h so the sweep drops them; heap/RSS measured after forced GC each time.
// Run: cd bench && node --expose-gc --import tsx simulator.ts
// Env: BENCH_SECONDS (default 10), BENCH_SESSIONS (default 200000).
import { type ChildProcess, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { DEFAULT_CLIENT, startSimulator } from "@nordscreen/simulator"
import { Wire } from "@nordscreen/core"

const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 10)
const SESSIONS = Number(process.env["BENCH_SESSIONS"] ?? 200_000)
const HOUR = 3_600_000

// ---------------------------------------------------------------- child: simulator + GC probe

interface Probe {
  readonly label: string
  readonly heapUsedMb: number
  readonly rssMb: number
  readonly sessionsLive: number
}

const runChild = async (): Promise<void> => {
  const gc = globalThis.gc
  const sim = await startSimulator({ port: 0, tokenTtlSeconds: 3600 })
  process.stdout.write(`READY ${sim.url}\n`)
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, label = ""] = line.trim().split(" ")
    if (command === "measure") {
      for (let i = 0; i < 3; i++) gc?.()
      const memory = process.memoryUsage()
      const probe: Probe = {
        label,
        heapUsedMb: mb(memory.heapUsed),
        rssMb: mb(memory.rss),
        sessionsLive: sim.stats().sessionsLive
      }
      process.stdout.write(`PROBE ${JSON.stringify(probe)}\n`)
    } else if (command === "exit") {
      await sim.stop()
      process.exit(0)
    }
  }
}

// ---------------------------------------------------------------- parent: load generator

interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number }
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number }
  readonly non2xx: number
  readonly errors: number
  readonly duration: number
}

interface LoadOptions {
  readonly url: string
  readonly connections: number
  readonly duration?: number
  readonly amount?: number
  readonly method?: string
  readonly headers: Record<string, string>
  readonly body?: string
  readonly requests?: ReadonlyArray<{ readonly method: string; readonly path: string }>
}

type Autocannon = (options: LoadOptions) => Promise<unknown>

const num = (v: unknown, key: string): number =>
  Wire.isRecord(v) && typeof v[key] === "number" ? v[key] : Number.NaN

const loadAutocannon = (): Autocannon => {
  const loaded: unknown = createRequire(import.meta.url)("autocannon")
  if (typeof loaded !== "function") throw new Error("autocannon did not load")
  return (options) => Promise.resolve(Reflect.apply(loaded, undefined, [options]))
}

const toResult = (raw: unknown): LoadResult => {
  const record = Wire.isRecord(raw) ? raw : {}
  return {
    requests: { average: num(record["requests"], "average"), total: num(record["requests"], "total") },
    latency: {
      p50: num(record["latency"], "p50"),
      p99: num(record["latency"], "p99"),
      average: num(record["latency"], "average")
    },
    non2xx: num(record, "non2xx"),
    errors: num(record, "errors"),
    duration: num(record, "duration")
  }
}

class Child {
  private readonly waiting: Array<(line: string) => void> = []

  constructor(private readonly process: ChildProcess) {
    if (process.stdout === null) throw new Error("child without stdout")
    createInterface({ input: process.stdout }).on("line", (line) => this.waiting.shift()?.(line))
  }

  static spawn(): Child {
    const self = fileURLToPath(import.meta.url)
    const execArgv = process.execArgv.includes("--expose-gc")
      ? process.execArgv
      : ["--expose-gc", ...process.execArgv]
    return new Child(
      spawn(process.execPath, [...execArgv, self, "--child"], { stdio: ["pipe", "pipe", "inherit"] })
    )
  }

  next(): Promise<string> {
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  async probe(label: string): Promise<Probe> {
    const line = this.next()
    this.process.stdin?.write(`measure ${label}\n`)
    const text = await line
    const parsed: unknown = JSON.parse(text.replace(/^PROBE /, ""))
    return {
      label,
      heapUsedMb: num(parsed, "heapUsedMb"),
      rssMb: num(parsed, "rssMb"),
      sessionsLive: num(parsed, "sessionsLive")
    }
  }

  stop(): void {
    this.process.stdin?.write("exit\n")
  }
}

const token = async (url: string): Promise<string> => {
  const basic = Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString("base64")
  const response = await fetch(`${url}/auth/realms/sim/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    body: "grant_type=client_credentials"
  })
  const body: unknown = await response.json()
  const accessToken = Wire.isRecord(body) ? body["access_token"] : undefined
  if (typeof accessToken !== "string") throw new Error(`token request failed: ${response.status}`)
  return accessToken
}

const ORG_BODY = JSON.stringify({
  identifier: "913579240",
  nationality: "NO",
  expands: ["keyInformation", "roles", "ownership.beneficials", "aml", "links.reports.aml"]
})

const createSession = async (url: string, bearer: string): Promise<string> => {
  const response = await fetch(`${url}/organization/session/no`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: ORG_BODY
  })
  const location = response.headers.get("location")
  if (response.status !== 201 || location === null) throw new Error(`create failed: ${response.status}`)
  return location
}

const advance = (url: string, ms: number) =>
  fetch(`${url}/_sim/clock/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms })
  })

const throughput = async (autocannon: Autocannon, url: string, bearer: string): Promise<LoadResult> => {
  const paths = await Promise.all(Array.from({ length: 8 }, () => createSession(url, bearer)))
  await advance(url, 5000) // every session DONE, as a poller sees it at the end
  return toResult(
    await autocannon({
      url,
      connections: 32,
      duration: SECONDS,
      headers: { authorization: `Bearer ${bearer}` },
      requests: paths.map((path) => ({ method: "GET", path }))
    })
  )
}

const createMany = async (autocannon: Autocannon, url: string, bearer: string): Promise<LoadResult> =>
  toResult(
    await autocannon({
      url: `${url}/organization/session/no`,
      connections: 32,
      amount: SESSIONS,
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: ORG_BODY
    })
  )

const runParent = async (): Promise<void> => {
  const autocannon = loadAutocannon()
  const child = Child.spawn()
  const ready = await child.next()
  const url = ready.replace(/^READY /, "")
  const bearer = await token(url)

  const load = await throughput(autocannon, url, bearer)
  console.log(`GET session info, ${SECONDS} s, 32 connections, simulator in its own process:`)
  console.log(
    `  ${Math.round(load.requests.average)} req/s (total ${load.requests.total}, non-2xx ${load.non2xx}, errors ${load.errors})`
  )
  console.log(
    `  latency p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, mean ${load.latency.average} ms`
  )

  await fetch(`${url}/_sim/reset`, { method: "POST" })
  const baseline = await child.probe("baseline")
  const created = await createMany(autocannon, url, bearer)
  const full = await child.probe("after-create")
  await advance(url, 2 * HOUR + 24 * HOUR + HOUR)
  const swept = await child.probe("after-sweep")
  child.stop()

  console.log(
    `\nMemory, ${SESSIONS} sessions created over HTTP (${Math.round(created.requests.average)} creates/s):`
  )
  for (const probe of [baseline, full, swept]) {
    console.log(
      `  ${probe.label.padEnd(13)} heapUsed ${String(probe.heapUsedMb).padStart(7)} MB  rss ${String(probe.rssMb).padStart(7)} MB  sessions live ${probe.sessionsLive}`
    )
  }
  const perSession = ((full.heapUsedMb - baseline.heapUsedMb) * 1024 * 1024) / Math.max(1, full.sessionsLive)
  console.log(`  ≈ ${Math.round(perSession)} bytes of heap per live session`)
  if (created.non2xx > 0 || swept.sessionsLive !== 0) process.exitCode = 1
}

if (process.argv.includes("--child")) await runChild()
else await runParent()
