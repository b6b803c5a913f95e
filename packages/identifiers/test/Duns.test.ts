import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateDuns } from "../src/index.js"
import { outcome, PROD, TEST } from "./support.js"

// identifiers.md §10.7: input, result (both modes), canonical value
const vectors: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ["150483782", "ok", "150483782"],
  ["15-048-3782", "ok", "150483782"],
  ["08-011-5718", "ok", "080115718"],
  ["883717717", "ok", "883717717"],
  ["00-627-3905", "ok", "006273905"],
  ["481795235", "ok", "481795235"],
  ["796124832", "ok", "796124832"],
  ["1234567890", "E_LENGTH", undefined],
  ["12345678", "E_LENGTH", undefined],
  ["0223841150000", "E_LENGTH", undefined],
  ["15-048-378X", "E_CHARSET", undefined],
  ["--", "E_EMPTY", undefined],
  ["", "E_EMPTY", undefined],
  ["000000000", "E_PREFIX", undefined]
]

describe("validateDuns — §10.7 vectors", () => {
  it.each(vectors)("%j → %s", (input, expected, value) => {
    for (const options of [PROD, TEST]) {
      const v = validateDuns(input, options)
      expect(outcome(v)).toBe(expected)
      expect(v.ok ? v.value : undefined).toBe(value)
    }
  })

  it("restores the lost zero of a numeric cell", () => {
    const v = validateDuns("12345678", { ...PROD, numeric: true })
    expect(outcome(v)).toBe("ok + W_ZERO_RESTORED")
    expect(v.ok && v.value).toBe("012345678")
  })

  it("hints at the DUNS+4 form", () => {
    const v = validateDuns("0223841150000", PROD)
    expect(v.ok ? "" : v.error.message).toContain("send the first 9 digits if the suffix is 0000")
  })

  it("enforces no check digit: every 9-digit value except the placeholder is accepted", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const s = digits.join("")
        expect(validateDuns(s, PROD).ok).toBe(s !== "000000000")
      })
    )
  })
})
