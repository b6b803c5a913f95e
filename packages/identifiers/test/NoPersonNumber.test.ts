import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { maskNationalId, validateNoPersonNumber } from "../src/index.js"
import { outcome, PROD, range, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.2: input, production, test, derived date of birth in test mode
const vectors: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
  ["30108299920", "ok", "ok", "1982-10-30"],
  ["30108299939", "ok + W_2032_RULE", "ok + W_2032_RULE", "1982-10-30"],
  ["01912499975", "E_NOT_NATIONAL_ID", "ok", "2024-11-01"],
  ["15838549990", "E_NOT_NATIONAL_ID", "ok", "1985-03-15"],
  ["29822499951", "E_NOT_NATIONAL_ID", "ok", "2024-02-29"],
  ["41814061033", "E_NOT_NATIONAL_ID", "ok", "1940-01-01"],
  ["41810021827", "E_NOT_NATIONAL_ID", "ok", "2000-01-01"],
  ["15438549908", "E_NOT_NATIONAL_ID", "ok", "1985-03-15"],
  ["10915596784", "E_NOT_NATIONAL_ID", "ok", "1955-11-10"],
  ["68467038838", "E_NOT_NATIONAL_ID", "ok", "1970-06-28"],
  ["50846202355", "E_NOT_NATIONAL_ID", "ok", "1962-04-10"],
  ["30108299921", "E_CHECKSUM", "E_CHECKSUM", undefined],
  ["15108695077", "E_CHECKSUM", "E_CHECKSUM", undefined],
  ["02013299997", "E_FUTURE_DATE", "E_FUTURE_DATE", undefined],
  ["1912499975", "E_LENGTH", "E_LENGTH", undefined],
  ["31848549986", "E_NOT_NATIONAL_ID", "E_DATE", undefined],
  ["29822399930", "E_NOT_NATIONAL_ID", "E_DATE", undefined],
  ["15837080182", "E_NOT_NATIONAL_ID", "E_CENTURY", undefined],
  ["72848549909", "E_NOT_NATIONAL_ID", "E_DATE", undefined],
  ["81234567802", "E_NOT_NATIONAL_ID", "ok", undefined],
  ["1583854999O", "E_CHARSET", "E_CHARSET", undefined]
]

describe("validateNoPersonNumber — §10.2 vectors", () => {
  it.each(vectors)("%s → prod %s, test %s, born %s", (input, prod, test, born) => {
    expect(outcome(validateNoPersonNumber(input, PROD))).toBe(prod)
    const v = validateNoPersonNumber(input, TEST)
    expect(outcome(v)).toBe(test)
    expect(v.ok ? v.dateOfBirth : undefined).toBe(born)
  })

  it("tells the kinds apart", () => {
    const kind = (s: string) => {
      const v = validateNoPersonNumber(s, TEST)
      return v.ok ? v.kind : v.error.code
    }
    expect(kind("30108299920")).toBe("ORDINARY")
    expect(kind("01912499975")).toBe("SYNTHETIC")
    expect(kind("15438549908")).toBe("H_NUMBER")
    expect(kind("41814061033")).toBe("D_SYNTHETIC")
    expect(kind("68467038838")).toBe("D_H_NUMBER")
    expect(kind("81234567802")).toBe("FH_NUMBER")
  })

  it("drops W_2032_RULE once the rule is in force, and E_CENTURY becomes a warning", () => {
    const in2033: Date = new Date("2033-01-01T00:00:00Z")
    expect(outcome(validateNoPersonNumber("30108299939", { mode: "test", today: in2033 }))).toBe("ok")
    expect(outcome(validateNoPersonNumber("15837080182", { mode: "test", today: in2033 }))).toBe(
      "ok + W_CENTURY_UNKNOWN"
    )
    expect(outcome(validateNoPersonNumber("02013299997", { mode: "production", today: in2033 }))).toBe("ok")
  })

  it("accepts separators", () => {
    expect(outcome(validateNoPersonNumber("301082 999 20", PROD))).toBe("ok")
    expect(outcome(validateNoPersonNumber("30.10.82-99920", PROD))).toBe("ok")
  })
})

describe("validateNoPersonNumber — numeric cells (§9.1)", () => {
  it("restores the lost leading zero only for numeric cells", () => {
    const numeric = { ...TEST, numeric: true }
    const v = validateNoPersonNumber("1912499975", numeric)
    expect(outcome(v)).toBe("ok + W_ZERO_RESTORED")
    expect(v.ok && v.value).toBe("01912499975")
    expect(v.ok && v.dateOfBirth).toBe("2024-11-01")
    expect(outcome(validateNoPersonNumber("1912499975", { ...PROD, numeric: true }))).toBe(
      "E_NOT_NATIONAL_ID + W_ZERO_RESTORED"
    )
    expect(outcome(validateNoPersonNumber("1912499975.0", numeric))).toBe("ok + W_ZERO_RESTORED")
    expect(outcome(validateNoPersonNumber("1.91249998E+9", numeric))).toBe("E_PRECISION_LOST")
  })
})

describe("validateNoPersonNumber — messages never leak the individual number", () => {
  it("masks the raw value in every message", () => {
    for (const [input] of vectors) {
      for (const v of [validateNoPersonNumber(input, PROD), validateNoPersonNumber(input, TEST)]) {
        const messages = [...(v.ok ? [] : [v.error]), ...v.warnings].map((i) => i.message)
        for (const m of messages) {
          expect(m).toMatch(/^Norwegian national identity number /)
          expect(m).not.toMatch(/\d{7}/)
        }
      }
    }
  })
})

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
const check = (digits: string, weights: ReadonlyArray<number>): number => {
  const r = weights.reduce((s, w, i) => s + w * Number(digits.charAt(i)), 0) % 11
  return r === 0 ? 0 : 11 - r
}
const pad = (n: number, width: number) => String(n).padStart(width, "0")

// Synthetic (month + 80) numbers, optionally D (day + 40), with real dates and a defined century,
// so that only the check digits decide.
const syntheticStems = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    yy: fc.integer({ min: 40, max: 99 }),
    individual: fc.integer({ min: 0, max: 499 }),
    d: fc.boolean()
  })
  .map(
    ({ day, month, yy, individual, d }) =>
      pad(day + (d ? 40 : 0), 2) + pad(month + 80, 2) + pad(yy, 2) + pad(individual, 3)
  )

const withCheckDigits = (stem: string): string | undefined => {
  const k1 = check(stem, K1)
  if (k1 === 10) return undefined
  const k2 = check(stem + k1, K2)
  return k2 === 10 ? undefined : stem + k1 + k2
}

describe("validateNoPersonNumber — properties", () => {
  it("accepts every number with classic check digits and rejects every single-digit change", () => {
    fc.assert(
      fc.property(syntheticStems, (stem) => {
        const number = withCheckDigits(stem)
        fc.pre(number !== undefined)
        if (number === undefined) return
        expect(outcome(validateNoPersonNumber(number, TEST))).toBe("ok")
        for (const changed of singleDigitChanges(number, range(11))) {
          expect(validateNoPersonNumber(changed, TEST).ok).toBe(false)
        }
      })
    )
  })

  it("accepts K1 remainders 1–3 with W_2032_RULE", () => {
    fc.assert(
      fc.property(syntheticStems, fc.integer({ min: 1, max: 3 }), (stem, remainder) => {
        const s1 = K1.reduce((s, w, i) => s + w * Number(stem.charAt(i)), 0)
        const k1 = (((remainder - s1) % 11) + 11) % 11
        fc.pre(k1 <= 9)
        const k2 = check(stem + k1, K2)
        fc.pre(k2 <= 9)
        expect(outcome(validateNoPersonNumber(stem + k1 + k2, TEST))).toBe("ok + W_2032_RULE")
      })
    )
  })

  it("masking keeps only the date part", () => {
    fc.assert(
      fc.property(syntheticStems, (stem) => {
        const number = withCheckDigits(stem)
        fc.pre(number !== undefined)
        expect(maskNationalId(number ?? "")).toBe(stem.slice(0, 6) + "*****")
      })
    )
  })
})
