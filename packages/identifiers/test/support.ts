import type { ValidateOptions, Validation } from "../src/index.js"

export const TODAY = new Date("2026-11-21T12:00:00Z")
export const PROD: ValidateOptions = { mode: "production", today: TODAY }
export const TEST: ValidateOptions = { mode: "test", today: TODAY }

/** "ok" or the error code, plus the warning codes, for compact table assertions. */
export function outcome(v: Validation): string {
  const head = v.ok ? "ok" : v.error.code
  return v.warnings.length === 0 ? head : head + " + " + v.warnings.map((w) => w.code).join(" + ")
}

export function digitString(digits: ReadonlyArray<number>): string {
  return digits.join("")
}

/** Every string that differs from `s` in exactly one digit position. */
export function singleDigitChanges(s: string, positions: ReadonlyArray<number>): Array<string> {
  const out: Array<string> = []
  for (const i of positions) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === s.charAt(i)) continue
      out.push(s.slice(0, i) + d + s.slice(i + 1))
    }
  }
  return out
}

export const range = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i)
