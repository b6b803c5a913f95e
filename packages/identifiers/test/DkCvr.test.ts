import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateDkCvr } from "../src/index.js"
import { digitString, outcome, PROD, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.6 (synthetic numbers): input, result (both modes), canonical value
const vectors: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ["12345674", "ok", "12345674"],
  ["10000009", "ok", "10000009"],
  ["20000015", "ok", "20000015"],
  ["31415926", "ok", "31415926"],
  ["45000001", "ok", "45000001"],
  ["99999993", "ok", "99999993"],
  ["12 34 56 74", "ok", "12345674"],
  ["12.345.674", "ok", "12345674"],
  ["DK12345674", "ok", "12345674"],
  ["DK-12 34 56 74", "ok", "12345674"],
  ["dk 12345674", "ok", "12345674"],
  ["CVR-nr. 12345674", "ok", "12345674"],
  ["CVR: 12345674", "ok", "12345674"],
  ["'12345674", "ok", "12345674"],
  ["12345675", "E_CHECKSUM", undefined],
  ["21345674", "E_CHECKSUM", undefined],
  ["27182810", "E_NO_CHECK_DIGIT", undefined],
  ["27182819", "E_NO_CHECK_DIGIT", undefined],
  ["02345674", "E_PREFIX", undefined],
  ["1234567", "E_LENGTH", undefined],
  ["123456740", "E_LENGTH", undefined],
  ["1234567401", "E_LENGTH", undefined],
  ["DK1234567", "E_LENGTH", undefined],
  ["1234567O", "E_CHARSET", undefined],
  ["", "E_EMPTY", undefined],
  ["DK", "E_EMPTY", undefined]
]

describe("validateDkCvr — §10.6 vectors", () => {
  it.each(vectors)("%s → %s", (input, expected, value) => {
    for (const options of [PROD, TEST]) {
      const v = validateDkCvr(input, options)
      expect(outcome(v)).toBe(expected)
      expect(v.ok ? v.value : undefined).toBe(value)
    }
  })

  it("names the expected check digit", () => {
    const v = validateDkCvr("12345675", PROD)
    expect(v.ok ? "" : v.error.message).toBe(
      "Danish CVR number 12345675: the check digit does not match (expected 4)"
    )
  })

  it("points a 10-digit P-number at the company's CVR number", () => {
    const v = validateDkCvr("1012345678", PROD)
    expect(v.ok ? "" : v.error.message).toContain("P-number")
  })
})

describe("validateDkCvr — spreadsheet damage (§9)", () => {
  it("reads a numeric cell, its zero fraction dropped; no zero is ever restored", () => {
    expect(validateDkCvr("12345674", { ...PROD, numeric: true })).toMatchObject({
      ok: true,
      value: "12345674"
    })
    expect(validateDkCvr("12345674.0", { ...PROD, numeric: true })).toMatchObject({
      ok: true,
      value: "12345674"
    })
    // No CVR number starts with 0, so a 7-digit numeric cell lost nothing: it is just too short.
    expect(outcome(validateDkCvr("2345674", { ...PROD, numeric: true }))).toBe("E_LENGTH")
  })

  it("refuses a value whose digits are gone", () => {
    expect(outcome(validateDkCvr("1.2345674E+7", PROD))).toBe("E_PRECISION_LOST")
    expect(outcome(validateDkCvr("1.23457E+07", { ...PROD, numeric: true }))).toBe("E_PRECISION_LOST")
    expect(outcome(validateDkCvr("12345674.5", { ...PROD, numeric: true }))).toBe("E_PRECISION_LOST")
  })
})

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2]
const stems = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 })
  )
  .map(([first, rest]) => [first, ...rest])

describe("validateDkCvr — properties", () => {
  it("accepts every stem with its check digit and rejects every single-digit change", () => {
    fc.assert(
      fc.property(stems, (stem) => {
        const r = stem.reduce((s, d, i) => s + d * (WEIGHTS[i] ?? 0), 0) % 11
        fc.pre(r !== 1)
        const cvr = digitString(stem) + (r === 0 ? 0 : 11 - r)
        expect(outcome(validateDkCvr(cvr, TEST))).toBe("ok")
        for (const changed of singleDigitChanges(cvr, [0, 1, 2, 3, 4, 5, 6, 7])) {
          expect(validateDkCvr(changed, TEST).ok).toBe(false)
        }
      })
    )
  })
})
