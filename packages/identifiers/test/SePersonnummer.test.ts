import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateSePersonnummer } from "../src/index.js"
import { outcome, PROD, range, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.3: input, result (both modes), derived date of birth, kind
const vectors: ReadonlyArray<readonly [string, string, string | undefined, string | undefined]> = [
  ["200001012384", "ok", "2000-01-01", "ORDINARY"],
  ["20000101-2384", "ok", "2000-01-01", "ORDINARY"],
  ["000101-2384", "ok", "2000-01-01", "ORDINARY"],
  ["0001012384", "ok + W_CENTURY_ASSUMED", "2000-01-01", "ORDINARY"],
  ["000101+2384", "ok", "1900-01-01", "ORDINARY"],
  ["200002292399", "ok", "2000-02-29", "ORDINARY"],
  ["200012312385", "ok", "2000-12-31", "ORDINARY"],
  ["200101012391", "ok", "2001-01-01", "ORDINARY"],
  ["701063-2391", "ok", "1970-10-03", "SAMORDNINGSNUMMER"],
  ["19000161-2381", "ok", "1900-01-01", "SAMORDNINGSNUMMER"],
  ["000161+2381", "ok", "1900-01-01", "SAMORDNINGSNUMMER"],
  ["200001012385", "E_CHECKSUM", undefined, undefined],
  ["200002302388", "E_DATE", undefined, undefined],
  ["200001010008", "E_RANGE", undefined, undefined],
  ["000192-2384", "E_DATE", undefined, undefined],
  ["170001012384", "E_CENTURY", undefined, undefined],
  ["1012384", "E_LENGTH", undefined, undefined],
  ["2.00001E+11", "E_PRECISION_LOST", undefined, undefined],
  ["20000101T220", "E_NOT_NATIONAL_ID", undefined, undefined],
  ["5560360793", "E_DATE", undefined, undefined]
]

describe("validateSePersonnummer — §10.3 vectors", () => {
  it.each(vectors)("%s → %s, born %s", (input, expected, born, kind) => {
    for (const options of [PROD, TEST]) {
      const v = validateSePersonnummer(input, options)
      expect(outcome(v)).toBe(expected)
      expect(v.ok ? v.dateOfBirth : undefined).toBe(born)
      expect(v.ok ? v.kind : undefined).toBe(kind)
    }
  })

  it("outputs YYMMDD-NNNC, never +", () => {
    for (const input of ["200001012384", "000101+2384", "0001012384"]) {
      const v = validateSePersonnummer(input, PROD)
      expect(v.ok && v.value).toBe("000101-2384")
    }
  })

  it("infers the century from today for the 10-digit form", () => {
    const in1999 = { mode: "production", today: new Date("1999-06-01T00:00:00Z") } as const
    const v = validateSePersonnummer("000101-2384", in1999)
    expect(v.ok && v.dateOfBirth).toBe("1900-01-01")
  })
})

describe("validateSePersonnummer — numeric cells (§9.1)", () => {
  const numeric = { ...PROD, numeric: true }
  it("restores lost zeros when Luhn and date pass", () => {
    const v = validateSePersonnummer("1012384", numeric)
    expect(outcome(v)).toBe("ok + W_ZERO_RESTORED + W_CENTURY_ASSUMED")
    expect(v.ok && v.value).toBe("000101-2384")
  })
  it("gives E_LENGTH when the padded value does not pass", () => {
    expect(outcome(validateSePersonnummer("1012385", numeric))).toBe("E_LENGTH")
    expect(outcome(validateSePersonnummer("1012384", PROD))).toBe("E_LENGTH")
  })
  it("rejects E-notation from a numeric cell", () => {
    expect(outcome(validateSePersonnummer("2.00001012384E+11", numeric))).toBe("E_PRECISION_LOST")
    expect(outcome(validateSePersonnummer("200001012384", numeric))).toBe("ok")
  })
})

const pad = (n: number, w: number) => String(n).padStart(w, "0")
const luhn = (nine: string): number => {
  let sum = 0
  for (let i = 0; i < 9; i++) {
    let p = Number(nine.charAt(i)) * (i % 2 === 0 ? 2 : 1)
    if (p > 9) p -= 9
    sum += p
  }
  return (10 - (sum % 10)) % 10
}
const numbers = fc
  .record({
    year: fc.integer({ min: 1930, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    samordning: fc.boolean(),
    serial: fc.integer({ min: 1, max: 999 })
  })
  .map(({ year, month, day, samordning, serial }) => {
    const nine = pad(year % 100, 2) + pad(month, 2) + pad(day + (samordning ? 60 : 0), 2) + pad(serial, 3)
    return {
      century: String(Math.floor(year / 100)),
      ten: nine + luhn(nine),
      born: `${year}-${pad(month, 2)}-${pad(day, 2)}`
    }
  })

describe("validateSePersonnummer — properties", () => {
  it("accepts every number with its Luhn digit and rejects every single-digit change", () => {
    fc.assert(
      fc.property(numbers, ({ century, ten, born }) => {
        const twelve = century + ten
        const v = validateSePersonnummer(twelve, PROD)
        expect(v.ok && v.dateOfBirth).toBe(born)
        for (const changed of singleDigitChanges(
          twelve,
          range(10).map((i) => i + 2)
        )) {
          expect(validateSePersonnummer(changed, PROD).ok).toBe(false)
        }
      })
    )
  })
})
