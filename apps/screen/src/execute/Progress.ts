import type { EntityOutcome } from "./outcomeOf.js"

/** Run progress as the user sees it. */
export interface Progress {
  /** `total` entities in the run, `done` of them finished by an earlier invocation. */
  readonly start: (total: number, done: number) => void
  readonly entity: (outcome: EntityOutcome) => void
  readonly stop: () => void
}

export interface ProgressOutput {
  readonly write: (text: string) => unknown
  readonly isTTY?: boolean | undefined
  readonly columns?: number | undefined
}

export const silentProgress: Progress = { start: () => {}, entity: () => {}, stop: () => {} }

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return "?"
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
}

/**
 * A redrawn bar on a terminal, a plain line every `intervalMs` otherwise (CI logs, pipes):
 * entities done / total, rate, ETA, hits and failures so far.
 */
export const makeProgress = (output: ProgressOutput, intervalMs?: number): Progress => {
  const tty = output.isTTY === true
  const every = intervalMs ?? (tty ? 200 : 10_000)
  let total = 0
  let done = 0
  let doneAtStart = 0
  let hits = 0
  let failures = 0
  let startedAt = 0
  let timer: ReturnType<typeof setInterval> | undefined

  const line = () => {
    const elapsed = (Date.now() - startedAt) / 1000
    const rate = elapsed > 0 ? (done - doneAtStart) / elapsed : 0
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100)
    return { rate, eta, pct }
  }

  const render = (final: boolean) => {
    const { rate, eta, pct } = line()
    const facts = `${done}/${total} entities  ${rate.toFixed(1)}/s  ETA ${final ? "-" : duration(eta)}  hits ${hits}  failures ${failures}`
    if (tty) {
      const width = 24
      const filled = total === 0 ? width : Math.round((done / total) * width)
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`
      output.write(`\r\x1b[2K  ${bar} ${String(pct).padStart(3)}%  ${facts}${final ? "\n" : ""}`)
    } else output.write(`progress: ${pct}%  ${facts}\n`)
  }

  return {
    start: (t, d) => {
      total = t
      done = d
      doneAtStart = d
      startedAt = Date.now()
      render(false)
      timer = setInterval(() => render(false), every)
      timer.unref()
    },
    entity: (outcome) => {
      done++
      if (outcome === "hit") hits++
      if (outcome === "failed" || outcome === "unknown") failures++
    },
    stop: () => {
      if (timer === undefined) return
      clearInterval(timer)
      timer = undefined
      render(true)
    }
  }
}
