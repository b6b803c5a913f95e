// What the benchmarks that drive the built CLI and the simulator process share.
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
export const cliBin = join(root, "apps/screen/bin/nordscreen.js")
const simBin = join(root, "apps/simulator/bin/nordscreen-simulator.js")

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Valid (mod 11), distinct, synthetic Norwegian organisation numbers from `from` on. */
export const orgNumberFrom =
  (from: number) =>
  (n: number): string => {
    const weights = [3, 2, 7, 6, 5, 4, 3, 2]
    for (let base = from + n * 13; ; base++) {
      const digits = String(base).split("").map(Number)
      const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0)
      const check = 11 - (sum % 11)
      if (check === 10) continue
      return `${base}${check === 11 ? 0 : check}`
    }
  }

/** A simulator child process on a free port. */
export interface SimulatorProcess {
  readonly url: string
  readonly port: number
  readonly child: ChildProcess
}

/** Starts the built simulator with `flags` (after `--port`), resolved once it listens. */
export const startSimulatorProcess = async (flags: ReadonlyArray<string>): Promise<SimulatorProcess> => {
  const port = await freePort()
  const child = spawn(process.execPath, [simBin, "--port", String(port), ...flags], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  await new Promise<void>((resolve, reject) => {
    let out = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes("Ctrl-C")) resolve()
    })
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, port, child }
}

/** Stops a simulator process (SIGTERM) and waits for it to exit. */
export const stopSimulatorProcess = (sim: SimulatorProcess): Promise<void> =>
  new Promise<void>((resolve) => {
    sim.child.once("exit", () => resolve())
    sim.child.kill("SIGTERM")
  })
