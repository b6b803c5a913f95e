import { spawn } from "node:child_process"
import { lstatSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { cliBin } from "../e2e/support.js"

/**
 * Runs the built CLI on one hostile input with three watchdogs, each of which kills the whole
 * process group at once: wall time, resident memory and bytes written. The memory bound is
 * watched from outside rather than set with `--max-old-space-size`: the finding is
 * exactly that heap limits do not bound a process (worker heaps and buffers lie outside the main
 * heap; the zip bomb took 2 GB of RSS under a 1.5 GB heap limit), and a limit set inside would
 * turn the breach into some crash instead of a measured failure. VmRSS and VmHWM of
 * /proc/<pid>/status cover every thread of the process, its parser workers included.
 */

export interface Bounds {
  readonly timeMs: number
  readonly rssMb: number
  /** Bytes the run may write below `watchDir`. */
  readonly writtenMb: number
}

export interface BoundedRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** Which bound the run broke, if it was killed for one. */
  readonly killedFor: "time" | "memory" | "disk" | undefined
  readonly elapsedMs: number
  /** Highest VmHWM seen (MB): the process's peak resident memory, sampled every 50 ms. */
  readonly peakRssMb: number
  readonly stdout: string
  readonly stderr: string
}

const CAPTURE_LIMIT = 256 * 1024
const MB = 1024 * 1024

/** Peak and current resident memory of `pid` in MB, or undefined once it is gone. */
const memoryOf = (pid: number): { readonly rss: number; readonly hwm: number } | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0)
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 }
  } catch {
    return undefined
  }
}

/** Bytes of every file below `dir` (files may come and go while it is counted). */
const bytesBelow = (dir: string): number => {
  let total = 0
  let entries: ReadonlyArray<string>
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of entries) {
    const path = join(dir, name)
    try {
      const stat = lstatSync(path)
      total += stat.isDirectory() ? bytesBelow(path) : stat.size
    } catch {
      // gone meanwhile
    }
  }
  return total
}

export const runBounded = (
  args: ReadonlyArray<string>,
  options: {
    readonly cwd: string
    readonly env: NodeJS.ProcessEnv
    readonly watchDir: string
    readonly bounds: Bounds
  }
): Promise<BoundedRun> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    // Its own process group, so a kill reaches anything it may have started.
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    })
    const pid = child.pid
    if (pid === undefined) return reject(new Error("the CLI did not start"))
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < CAPTURE_LIMIT) stdout += chunk.toString("utf8")
    })
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < CAPTURE_LIMIT) stderr += chunk.toString("utf8")
    })
    let killedFor: BoundedRun["killedFor"]
    let peakRssMb = 0
    const kill = (reason: NonNullable<BoundedRun["killedFor"]>) => {
      if (killedFor !== undefined || child.exitCode !== null || child.signalCode !== null) return
      killedFor = reason
      try {
        process.kill(-pid, "SIGKILL")
      } catch {
        // already gone
      }
    }
    const memory = setInterval(() => {
      const now = memoryOf(pid)
      if (now === undefined) return
      peakRssMb = Math.max(peakRssMb, now.hwm)
      if (now.rss > options.bounds.rssMb) kill("memory")
    }, 50)
    const disk = setInterval(() => {
      if (bytesBelow(options.watchDir) > options.bounds.writtenMb * MB) kill("disk")
    }, 250)
    const timer = setTimeout(() => kill("time"), options.bounds.timeMs)
    child.once("error", reject)
    child.once("close", (code, signal) => {
      clearInterval(memory)
      clearInterval(disk)
      clearTimeout(timer)
      resolve({
        code,
        signal,
        killedFor,
        elapsedMs: Date.now() - started,
        peakRssMb: Math.round(peakRssMb),
        stdout,
        stderr
      })
    })
  })

/** At most `n` at a time: the corpus runs two CLI processes side by side on a 2-core machine. */
export const limitConcurrency = (n: number) => {
  let running = 0
  const waiting: Array<() => void> = []
  return async <A>(task: () => Promise<A>): Promise<A> => {
    if (running >= n) await new Promise<void>((resume) => waiting.push(resume))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
