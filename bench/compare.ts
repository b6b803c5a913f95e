// Engine CPU per session, two builds of @nordscreen/core in one process: a saved earlier build
// against the current one, with the transport floor, in rotating rounds (so the machine's
// drifting speed touches all three alike). For judging a change to the engine.
//
// Save a baseline build inside packages/core (so that it resolves the same dependencies):
//   git stash && pnpm --filter @nordscreen/core build && cp -r packages/core/dist packages/core/dist-before
//   git stash pop && pnpm --filter @nordscreen/core build
// then: BENCH_BASELINE=packages/core/dist-before pnpm bench compare
// (BENCH_ROUNDS rounds, default 12, of BENCH_SESSIONS sessions, default 250). Without
// BENCH_BASELINE it prints this and does nothing. Both builds must have the namespace surface
// (`AmlClient.createAmlClient`); a build from before it (flat `createAmlClient`) does not load.
import { spawn } from "node:child_process"
import { resolve } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath, pathToFileURL } from "node:url"
import type * as Core from "@nordscreen/core"
import * as current from "@nordscreen/core"
import { ENGINE_EVENTS, engineConfig, makeBenchAdapter, orgNumber } from "./lib/benchEngine.js"
import { makeTransportFloor } from "./lib/transportFloor.js"

const BASELINE = process.env["BENCH_BASELINE"]
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 12)
const SESSIONS = Number(process.env["BENCH_SESSIONS"] ?? 250)

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const startSimulatorChild = async () => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./core.ts", import.meta.url)), "child"],
    { stdio: ["pipe", "pipe", "inherit"] }
  )
  const ready = await new Promise<{ url: string; tokenUrl: string }>((done) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("READY ")) done(JSON.parse(line.slice(6)))
    })
  })
  await fetch(`${ready.url}/_sim/config`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rateLimit: null, jsonDelayMs: 0, reportDelayMs: 0 })
  })
  return { ...ready, stop: () => child.stdin.write("exit\n") }
}

/** One build's engine: screens `SESSIONS` organizations from `first` at once. */
const contender = (core: typeof Core, url: string, tokenUrl: string) => {
  const adapter = makeBenchAdapter(core)
  const client = core.AmlClient.createAmlClient({
    config: engineConfig(url, tokenUrl, 100_000),
    logging: { level: "warn" }
  })
  return {
    run: async (first: number) => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: SESSIONS }, (_, i) => client.screen(adapter, { number: orgNumber(first + i) }))
      )
      const failed = outcomes.filter((outcome) => outcome.status === "rejected").length
      if (failed > 0) console.log(`  ${failed} sessions failed`)
    },
    close: () => client.close()
  }
}

const cpuPerSession = async (work: () => Promise<unknown>): Promise<number> => {
  const before = process.cpuUsage()
  await work()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000 / SESSIONS
}

const compare = async (baselineDir: string) => {
  // Relative to the repository root, where the instructions above run.
  const root = fileURLToPath(new URL("..", import.meta.url))
  const baseline: typeof Core = await import(pathToFileURL(resolve(root, baselineDir, "index.js")).href)
  const sim = await startSimulatorChild()
  const before = contender(baseline, sim.url, sim.tokenUrl)
  const now = contender(current, sim.url, sim.tokenUrl)
  const floor = await makeTransportFloor(sim.url, sim.tokenUrl, ENGINE_EVENTS)
  let next = 0
  /** The first number of a fresh block of `SESSIONS` organizations. */
  const block = () => {
    const first = next
    next += SESSIONS
    return first
  }
  const runs = {
    before: () => before.run(block()),
    now: () => now.run(block()),
    floor: () => {
      const first = block()
      return floor.screenMany(
        Array.from({ length: SESSIONS }, (_, i) => orgNumber(first + i)),
        128
      )
    }
  }
  for (const run of Object.values(runs)) await run() // warm-up
  const figures: Record<keyof typeof runs, Array<number>> = { before: [], now: [], floor: [] }
  const order = Object.keys(runs) as Array<keyof typeof runs>
  for (let round = 0; round < ROUNDS; round++)
    for (const name of [...order.slice(round % 3), ...order.slice(0, round % 3)])
      figures[name].push(await cpuPerSession(runs[name]))
  await Promise.all([before.close(), now.close(), floor.close()])
  sim.stop()
  const ratio = figures.now.map((value, i) => value / (figures.before[i] ?? Number.NaN))
  console.log(
    `process CPU per session, median of ${ROUNDS} rounds × ${SESSIONS} sessions:\n` +
      `  before ${median(figures.before).toFixed(3)} ms, now ${median(figures.now).toFixed(3)} ms, ` +
      `transport floor ${median(figures.floor).toFixed(3)} ms\n` +
      `  now ÷ before per round: median ${median(ratio).toFixed(3)} [${ratio.map((r) => r.toFixed(2)).join(" ")}]`
  )
}

if (BASELINE === undefined)
  console.log(
    "compare: set BENCH_BASELINE to a saved build of @nordscreen/core (see the top of bench/compare.ts)"
  )
else await compare(BASELINE)
