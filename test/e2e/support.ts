import { type ChildProcess, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import { join, relative, sep } from "node:path"
import { fileURLToPath } from "node:url"

export const root = fileURLToPath(new URL("../../", import.meta.url))
export const cliBin = join(root, "apps/screen/bin/nordscreen.js")
const simBin = join(root, "apps/simulator/bin/nordscreen-simulator.js")

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

export interface SimProcess {
  readonly url: string
  readonly child: ChildProcess
  readonly stats: () => Promise<SimStats>
  readonly stop: () => Promise<void>
}

export interface SimStats {
  readonly sessionsCreated: number
  readonly sessionsCreatedByIdentifier: Readonly<Record<string, number>>
  readonly faults: Readonly<Record<string, number>>
  readonly webhooks: Readonly<Record<string, number>>
}

const isStats = (value: unknown): value is SimStats =>
  typeof value === "object" &&
  value !== null &&
  "sessionsCreated" in value &&
  typeof value.sessionsCreated === "number" &&
  "sessionsCreatedByIdentifier" in value

/** The simulator as its own process (the built bin), on a free port. */
export const startSimulatorProcess = async (extra: ReadonlyArray<string> = []): Promise<SimProcess> => {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [simBin, "--port", String(port), "--json-delay-ms", "30", "--report-delay-ms", "30", ...extra],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  await new Promise<void>((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 20_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes("Ctrl-C")) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}: ${out}`)))
  })
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    child,
    stats: async () => {
      const body: unknown = await (await fetch(`${url}/_sim/stats`)).json()
      if (!isStats(body)) throw new Error("unexpected /_sim/stats body")
      return body
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
  }
}

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the built CLI to completion. Asynchronously: a synchronous spawn would block the test
 * worker's event loop for the whole run, and on a loaded machine vitest's worker RPC times out.
 */
export const runCli = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {}
): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NORDSCREEN_NO_OPEN: "1", ...env }
    })
    let stdout = ""
    let stderr = ""
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.once("close", (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })

/** Every file below `dir`, relative and `/`-separated. */
export const listFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort()

export const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex")

/** The run directory the CLI printed (`Report: <dir>/report.html`). */
export const runDirOf = (stdout: string): string => {
  const match = /Report: (.+)\/report\.html/.exec(stdout)
  if (match?.[1] === undefined) throw new Error(`no report path in output:\n${stdout}`)
  return match[1]
}

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"))

/** The n-th synthetic Norwegian organisation number (mod 11; test mode accepts any first digit). */
export const orgNumber = (n: number): string => {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  for (let base = 70_000_000 + n * 13; ; base++) {
    const digits = String(base).split("").map(Number)
    const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0)
    const check = 11 - (sum % 11)
    if (check === 10) continue
    return `${base}${check === 11 ? 0 : check}`
  }
}

/** The arguments of `screen FILE` against the simulator at `apiUrl`, with its output and workspace folders. */
export const screenArgs = (file: string, apiUrl: string, out: string, workspace: string): Array<string> => [
  "screen",
  file,
  "--env",
  "simulator",
  "--api-url",
  apiUrl,
  "--out",
  out,
  "--workspace",
  workspace
]
