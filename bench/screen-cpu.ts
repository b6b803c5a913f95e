// CPU and memory of the CLI process on a large portfolio against a fast local API (issue 10, part 4).
//
// A simulator child process with no rate limit answers the JSON after 200 ms and the AML PDF
// 200 ms later; the built CLI screens BENCH_ENTITIES generated valid synthetic Norwegian
// organisations (`--reports aml --concurrency 128`, no `--rate`). The CLI's own process is measured:
// user + system CPU and peak RSS from `process.resourceUsage()` written at exit by a preloaded
// script (`lib/resourceUsage.cjs`, via NODE_OPTIONS), plus its RSS sampled from /proc every second
// (how it evolves over the run). Targets: ≤ 3 ms CPU per entity, peak RSS ≤ 300 MB at 20,000 and
// not growing with the portfolio.
// Run: pnpm bench screen-cpu   (or cd bench && node --import tsx screen-cpu.ts; needs `pnpm build`)
// Env: BENCH_ENTITIES (default 20000), BENCH_CONCURRENCY (128), BENCH_CLI_NODE_FLAGS (extra
//      node flags for the CLI, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_KEEP=1 keeps the
//      work folder (portfolio, out, workspace) and prints its path, BENCH_SIM_FLAGS replaces the
//      simulator's flags (default "--json-delay-ms 200 --report-delay-ms 200 --token-ttl 3600"),
//      BENCH_CLI_WRAPPER runs the CLI
//      under a command (e.g. "perf record -F 499 -g -o /tmp/perf.data --" with
//      BENCH_CLI_NODE_FLAGS=--perf-basic-prof; the RSS samples are then the wrapper's).
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  cliBin,
  orgNumberFrom,
  type SimulatorProcess,
  startSimulatorProcess,
  stopSimulatorProcess
} from "./lib/processes.js"

const ENTITIES = Number(process.env["BENCH_ENTITIES"] ?? 20_000)
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 128)
const NODE_FLAGS = (process.env["BENCH_CLI_NODE_FLAGS"] ?? "").split(" ").filter((flag) => flag !== "")
const KEEP = process.env["BENCH_KEEP"] === "1"
const WRAPPER = (process.env["BENCH_CLI_WRAPPER"] ?? "").split(" ").filter((word) => word !== "")

const work = mkdtempSync(join(tmpdir(), "nordscreen-bench-cpu-"))
const usageFile = join(work, "usage.json")
const preload = fileURLToPath(new URL("./lib/resourceUsage.cjs", import.meta.url))
const orgNumber = orgNumberFrom(70_000_000)

type Sim = SimulatorProcess

const startSim = (): Promise<Sim> =>
  startSimulatorProcess(
    (process.env["BENCH_SIM_FLAGS"] ?? "--json-delay-ms 200 --report-delay-ms 200 --token-ttl 3600").split(
      " "
    )
  )

const stopSim = stopSimulatorProcess

/** user + system CPU seconds of a live process, from /proc (Linux only; 0 elsewhere). */
const procCpuSeconds = (pid: number | undefined): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

const procRssMb = (pid: number | undefined): number | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8")
    const match = /VmRSS:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

interface Usage {
  readonly userCPUTime: number
  readonly systemCPUTime: number
  readonly maxRSS: number
}

const isUsage = (value: unknown): value is Usage =>
  typeof value === "object" &&
  value !== null &&
  "userCPUTime" in value &&
  "systemCPUTime" in value &&
  "maxRSS" in value

const main = async () => {
  const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits
  console.log(
    `${ENTITIES} entities, --reports aml --concurrency ${CONCURRENCY}, simulator JSON 200 ms + PDF 200 ms, no rate limit`
  )
  const portfolio = join(work, "portfolio.csv")
  const lines = ["Kundenummer;Land;Organisasjonsnummer;Navn"]
  for (let i = 1; i <= ENTITIES; i++) lines.push(`C-${i};NO;${orgNumber(i)};Bench ${i} AS`)
  writeFileSync(portfolio, `${lines.join("\n")}\n`)
  const sim = await startSim()
  const simCpuBefore = procCpuSeconds(sim.child.pid)
  try {
    const started = Date.now()
    const [file = process.execPath, ...args] = [
      ...WRAPPER,
      process.execPath,
      ...NODE_FLAGS,
      cliBin,
      "screen",
      portfolio,
      "--env",
      "simulator",
      "--api-url",
      sim.url,
      "--reports",
      "aml",
      "--concurrency",
      String(CONCURRENCY),
      "--out",
      join(work, "out"),
      "--workspace",
      join(work, "ws")
    ]
    const child = spawn(file, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        NORDSCREEN_NO_OPEN: "1",
        BENCH_USAGE_FILE: usageFile,
        NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} --require ${preload}`.trim()
      }
    })
    // CPU at the phase boundaries the CLI prints: the plan recorded, every entity done.
    const phaseCpu: { planned?: number; executed?: number } = {}
    let pending = ""
    child.stderr?.setEncoding("utf8")
    child.stderr?.on("data", (text: string) => {
      process.stderr.write(text)
      const lines = (pending + text).split("\n")
      pending = lines.pop() ?? ""
      for (const line of lines) {
        if (phaseCpu.planned === undefined && line.includes("entities to screen"))
          phaseCpu.planned = procCpuSeconds(child.pid)
        if (phaseCpu.executed === undefined && line.startsWith("progress: 100%"))
          phaseCpu.executed = procCpuSeconds(child.pid)
      }
    })
    const samples: Array<{ readonly second: number; readonly rssMb: number }> = []
    const sampler = setInterval(() => {
      const rssMb = procRssMb(child.pid)
      if (rssMb !== undefined) samples.push({ second: (Date.now() - started) / 1000, rssMb })
    }, 1000)
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
    clearInterval(sampler)
    const wallSeconds = (Date.now() - started) / 1000
    const simCpu = procCpuSeconds(sim.child.pid) - simCpuBefore
    const parsed: unknown = JSON.parse(readFileSync(usageFile, "utf8"))
    if (!isUsage(parsed)) throw new Error("no resource usage written by the CLI")
    const user = parsed.userCPUTime / 1e6
    const system = parsed.systemCPUTime / 1e6
    const runDir = join(work, "out", readdirSync(join(work, "out"))[0] ?? "")
    const report: unknown = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8"))
    const summary =
      typeof report === "object" && report !== null && "summary" in report
        ? JSON.stringify(report.summary)
        : "?"
    console.log(`nordscreen screen: exit ${code}, wall ${round(wallSeconds, 1)} s, summary ${summary}`)
    console.log(
      `  CLI CPU: ${round(user, 1)} s user + ${round(system, 1)} s system = ${round(((user + system) * 1000) / ENTITIES, 3)} ms per entity`
    )
    if (phaseCpu.planned !== undefined && phaseCpu.executed !== undefined) {
      const execution = phaseCpu.executed - phaseCpu.planned
      console.log(
        `  by phase: start + plan ${round(phaseCpu.planned, 1)} s, execution ${round(execution, 1)} s (${round((execution * 1000) / ENTITIES, 3)} ms per entity), report + exit ${round(user + system - phaseCpu.executed, 1)} s`
      )
    }
    console.log(`  CLI peak RSS: ${round(parsed.maxRSS / 1024, 1)} MB`)
    const quarter = (q: number) => samples[Math.min(samples.length - 1, Math.floor((samples.length - 1) * q))]
    console.log(
      `  RSS over the run (MB at 10/25/50/75/100 % of the wall time): ${[0.1, 0.25, 0.5, 0.75, 1]
        .map((q) => round(quarter(q)?.rssMb ?? 0, 0))
        .join(" / ")}`
    )
    console.log(`  simulator CPU over the run: ${round(simCpu, 1)} s`)
    const outputs = readdirSync(runDir)
      .filter((name) => name.startsWith("report."))
      .map((name) => `${name} ${round(statSync(join(runDir, name)).size / 1e6, 1)} MB`)
    console.log(`  reports: ${outputs.join(", ")}`)
  } finally {
    await stopSim(sim)
    if (KEEP) console.log(`work folder kept: ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

await main()
