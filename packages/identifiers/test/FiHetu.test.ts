import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { maskNationalId, validateFiHetu } from "../src/index.js"
import { outcome, PROD, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.6: input, production, test, derived date of birth (test mode)
const vectors: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
  ["131052-308T", "ok", "ok", "1952-10-13"],
  ["131052X308T", "ok", "ok", "1952-10-13"],
  ["131052-308t", "ok", "ok", "1952-10-13"],
  ["100190-999P", "E_TEMPORARY", "ok", "1990-01-10"],
  ["100190Y999P", "E_TEMPORARY", "ok", "1990-01-10"],
  ["010594Y9021", "E_TEMPORARY", "ok", "1994-05-01"],
  ["010516B901V", "E_TEMPORARY", "ok", "2016-05-01"],
  ["311299+998D", "E_TEMPORARY", "ok", "1899-12-31"],
  ["010101F995T", "E_TEMPORARY", "ok", "2001-01-01"],
  ["131052-308U", "E_CHECKSUM", "E_CHECKSUM", undefined],
  ["010190-999K", "E_CHECKSUM", "E_CHECKSUM", undefined],
  ["310252-308Y", "E_DATE", "E_DATE", undefined],
  ["290201A900L", "E_DATE", "E_DATE", undefined],
  ["010594-001Y", "E_RANGE", "E_RANGE", undefined],
  ["010594G9021", "E_CENTURY", "E_CENTURY", undefined],
  ["010594Z9021", "E_CENTURY", "E_CENTURY", undefined],
  ["010594Y902", "E_LENGTH", "E_LENGTH", undefined],
  ["131052-308I", "E_CHARSET", "E_CHARSET", undefined]
]

describe("validateFiHetu — §10.6 vectors", () => {
  it.each(vectors)("%s → prod %s, test %s", (input, prod, test, born) => {
    expect(outcome(validateFiHetu(input, PROD))).toBe(prod)
    const v = validateFiHetu(input, TEST)
    expect(outcome(v)).toBe(test)
    expect(v.ok ? v.dateOfBirth : undefined).toBe(born)
  })

  it("keeps the century sign: same digits with - and X are different people", () => {
    const a = validateFiHetu("131052-308T", PROD)
    const b = validateFiHetu("131052X308T", PROD)
    expect(a.ok && a.value).toBe("131052-308T")
    expect(b.ok && b.value).toBe("131052X308T")
    const lower = validateFiHetu("131052-308t", PROD)
    expect(lower.ok && lower.value).toBe("131052-308T")
  })

  it("rejects a HETU that arrived as a number in E-notation, accepts the same text", () => {
    expect(outcome(validateFiHetu("1.0199E+26", TEST))).toBe("E_PRECISION_LOST")
    expect(outcome(validateFiHetu("010199E0022", { ...TEST, numeric: true }))).toBe("E_PRECISION_LOST")
    // As text it is read as a HETU (born 2099, so in the future), not as a number.
    expect(outcome(validateFiHetu("010199E0022", TEST))).toBe("E_FUTURE_DATE")
    expect(outcome(validateFiHetu("010120E002N", TEST))).toBe("ok")
  })

  it("masks the individual part in messages", () => {
    const v = validateFiHetu("131052-308U", PROD)
    expect(v.ok ? "" : v.error.message).toBe(
      "Finnish personal identity code 131052*****: the control character does not match"
    )
  })
})

const CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
const pad = (n: number, w: number) => String(n).padStart(w, "0")
const hetus = fc
  .record({
    year: fc.integer({ min: 1900, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    individual: fc.integer({ min: 900, max: 999 }),
    sign: fc.constantFrom("-", "Y", "X", "W", "V", "U")
  })
  .map(({ year, month, day, individual, sign }) => {
    const digits = pad(day, 2) + pad(month, 2) + pad(year % 100, 2) + pad(individual, 3)
    const s = year >= 2000 ? "A" : sign
    return digits.slice(0, 6) + s + digits.slice(6) + CONTROL.charAt(Number(digits) % 31)
  })

describe("validateFiHetu — properties", () => {
  it("accepts every temporary-range code with its control character and rejects single-digit changes", () => {
    fc.assert(
      fc.property(hetus, (hetu) => {
        expect(outcome(validateFiHetu(hetu, TEST))).toBe("ok")
        expect(outcome(validateFiHetu(hetu, PROD))).toBe("E_TEMPORARY")
        expect(maskNationalId(hetu)).toBe(hetu.slice(0, 6) + "*****")
        for (const changed of singleDigitChanges(hetu, [0, 1, 2, 3, 4, 5, 7, 8, 9])) {
          expect(validateFiHetu(changed, TEST).ok).toBe(false)
        }
      })
    )
  })
})
