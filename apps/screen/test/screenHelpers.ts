import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Deferred, Effect, Schedule } from "effect"
import { allAdapters } from "../src/cli/adapters.js"
import type { RunPlanOptions } from "../src/journal/records.js"
import type { ScreenOptions } from "../src/run/ScreenOptions.js"

/** The n-th synthetic Norwegian organisation number (mod 11 check digit; test mode takes any first digit). */
export const orgNumber = (n: number): string => {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  for (let base = 80_000_000 + n * 7; ; base++) {
    const digits = String(base).split("").map(Number)
    const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0)
    const check = 11 - (sum % 11)
    if (check === 10) continue
    return `${base}${check === 11 ? 0 : check}`
  }
}

/** A clean portfolio of `count` Norwegian organisations, `K-<n>` references, `;` separated. */
export const writePortfolio = (dir: string, name: string, numbers: ReadonlyArray<number>): string => {
  const lines = [
    "Kundenummer;Land;Organisasjonsnummer;Navn",
    ...numbers.map((n) => `K-${n};NO;${orgNumber(n)};Firma ${n} AS`)
  ]
  const path = join(dir, name)
  writeFileSync(path, `${lines.join("\n")}\n`)
  return path
}

export const range = (from: number, to: number): ReadonlyArray<number> =>
  Array.from({ length: to - from }, (_, i) => from + i)

/** The plan options of a run with every default (test-mode identifiers). */
export const defaultPlan: RunPlanOptions = {
  mode: "test",
  map: [],
  sheet: null,
  maxFileMb: 50,
  reports: null,
  expands: null,
  language: null,
  limit: null,
  revealIds: false
}

/** Options of a run against a simulator at `apiUrl`; `flags` go to the engine's settings. */
export const screenOptions = (
  apiUrl: string,
  outRoot: string,
  portfolio: string,
  workspace: string,
  patch: Partial<ScreenOptions> = {},
  flags: Record<string, string | number> = {}
): ScreenOptions => ({
  portfolio,
  outRoot,
  workspace,
  api: { flags: { env: "simulator", apiUrl, rate: 200, burst: 20, ...flags }, env: {} },
  plan: defaultPlan,
  adapters: allAdapters,
  fresh: false,
  retryUnknown: false,
  failOnHits: false,
  logLevel: "info",
  reportOptions: {},
  ...patch
})

export const sha = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex")

/** Stops the run (like Ctrl-C) once `n` entities have finished. */
export const stopAfter = (n: number) => {
  const stop = Effect.runSync(Deferred.make<void>())
  let done = 0
  return {
    stop: Deferred.await(stop),
    progress: {
      start: () => {},
      stop: () => {},
      entity: () => {
        if (++done === n) Effect.runSync(Deferred.succeed(stop, undefined))
      }
    }
  }
}

/**
 * Stops the run (like Ctrl-C) once `condition` holds, checked every 10 ms. After a minute it
 * stops anyway, so a condition that never comes fails the test's assertions, not its timeout.
 */
export const stopWhen = (condition: () => boolean): Effect.Effect<void> =>
  Effect.sync(condition).pipe(
    Effect.repeat({ schedule: Schedule.spaced("10 millis"), until: (held) => held }),
    Effect.timeout("60 seconds"),
    Effect.ignore
  )
