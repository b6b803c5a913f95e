import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateFiBusinessId } from "../src/index.js"
import { digitString, outcome, PROD, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.5: input, result (both modes), canonical value
const vectors: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ["0112038-9", "ok", "0112038-9"],
  ["2077474-0", "ok", "2077474-0"],
  ["2092540-6", "ok", "2092540-6"],
  ["2256931-0", "ok", "2256931-0"],
  ["0709019-2", "ok", "0709019-2"],
  ["1366959-8", "ok", "1366959-8"],
  ["0000001-9", "ok", "0000001-9"],
  ["FI20774740", "ok", "2077474-0"],
  ["20774740", "ok", "2077474-0"],
  ["112038-9", "ok", "0112038-9"],
  ["2077474-1", "E_CHECKSUM", undefined],
  ["0737546-1", "E_CHECKSUM", undefined],
  ["0000006-1", "E_NO_CHECK_DIGIT", undefined],
  ["2077474", "E_LENGTH", undefined],
  ["FI2077474", "E_LENGTH", undefined],
  ["2077474-A", "E_CHARSET", undefined]
]

describe("validateFiBusinessId — §10.5 vectors", () => {
  it.each(vectors)("%s → %s", (input, expected, value) => {
    for (const options of [PROD, TEST]) {
      const v = validateFiBusinessId(input, options)
      expect(outcome(v)).toBe(expected)
      expect(v.ok ? v.value : undefined).toBe(value)
    }
  })

  it("names the expected check digit", () => {
    const v = validateFiBusinessId("0737546-1", PROD)
    expect(v.ok ? "" : v.error.message).toBe(
      "Finnish business ID 0737546-1: the check digit does not match (expected 2)"
    )
  })

  it("restores the lost zero of a numeric cell (7 → 8 digits)", () => {
    const v = validateFiBusinessId("1120389", { ...PROD, numeric: true })
    expect(outcome(v)).toBe("ok + W_ZERO_RESTORED")
    expect(v.ok && v.value).toBe("0112038-9")
    expect(outcome(validateFiBusinessId("1120389", PROD))).toBe("E_LENGTH")
  })
})

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2]
const stems = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 })

describe("validateFiBusinessId — properties", () => {
  it("accepts every stem with its check digit and rejects every single-digit change", () => {
    fc.assert(
      fc.property(stems, (stem) => {
        const r = stem.reduce((s, d, i) => s + d * (WEIGHTS[i] ?? 0), 0) % 11
        fc.pre(r !== 1)
        const id = digitString(stem) + "-" + (r === 0 ? 0 : 11 - r)
        expect(outcome(validateFiBusinessId(id, TEST))).toBe("ok")
        for (const changed of singleDigitChanges(id, [0, 1, 2, 3, 4, 5, 6, 8])) {
          expect(validateFiBusinessId(changed, TEST).ok).toBe(false)
        }
      })
    )
  })
})
