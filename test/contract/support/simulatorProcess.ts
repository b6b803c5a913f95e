import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))
const binPath = join(repoRoot, "apps/simulator/bin/nordscreen-simulator.js")

export const DEFAULT_CLIENT = { clientId: "simulator-client", clientSecret: "simulator-secret" } as const

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

/** Starts the built simulator CLI (test/globalSetup.ts builds it) as a separate process on a free port. */
export const startSimulatorProcess = async (launch: SimulatorLaunch = {}): Promise<RunningSimulator> => {
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
