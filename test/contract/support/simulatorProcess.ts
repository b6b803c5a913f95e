import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))
const binPath = join(repoRoot, "apps/simulator/bin/nordscreen-simulator.js")

export const DEFAULT_CLIENT = { clientId: "simulator-client", clientSecret: "simulator-secret" } as const

// Test files run in parallel forks of one vitest process; only the first one builds, the others
// wait for its marker, so no process ever runs a half-written dist/.
const buildOnce = async (): Promise<void> => {
  const lock = join(tmpdir(), `nordscreen-contract-build-${process.ppid}`)
  const done = join(lock, "done")
  let owner = false
  try {
    mkdirSync(lock)
    owner = true
  } catch {
    owner = false
  }
  if (owner) {
    execFileSync("pnpm", ["--filter", "@nordscreen/simulator", "build"], { cwd: repoRoot, stdio: "ignore" })
    writeFileSync(done, "")
    return
  }
  const deadline = Date.now() + 120_000
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error("simulator build did not finish")
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface RunningSimulator {
  readonly url: string
  readonly stop: () => Promise<void>
}

export interface SimulatorLaunch {
  readonly args?: ReadonlyArray<string>
  readonly config?: Record<string, unknown>
}

const waitForUrl = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`simulator did not print its URL:\n${out}`)), 60_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const match = /URL \(AML base\):\s+(\S+)/.exec(out)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`simulator exited with ${code}:\n${out}`))
    })
  })

/** Builds the simulator once per test run and starts its CLI as a separate process on a free port. */
export const startSimulatorProcess = async (launch: SimulatorLaunch = {}): Promise<RunningSimulator> => {
  await buildOnce()
  const args = [
    binPath,
    "--port",
    "0",
    "--json-delay-ms",
    "30",
    "--report-delay-ms",
    "30",
    "--webhook-retry-scale",
    "0.001",
    ...(launch.args ?? [])
  ]
  const configDir =
    launch.config === undefined ? undefined : mkdtempSync(join(tmpdir(), "nordscreen-contract-"))
  if (configDir !== undefined) {
    const file = join(configDir, "simulator.json")
    writeFileSync(file, JSON.stringify(launch.config))
    args.push("--config", file)
  }
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] })
  child.stderr?.resume()
  const url = await waitForUrl(child)
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    }).then(() => {
      if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true })
    })
  return { url: url.replace(/\/$/, ""), stop }
}
