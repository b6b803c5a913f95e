import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { bankIdTestSubject } from "../src/BankIdTestSubjects.js"
import { validateNoOrganizationNumber } from "../src/index.js"
import { digitString, outcome, PROD, range, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.1: input, production, test
const vectors: ReadonlyArray<readonly [string, string, string]> = [
  ["923609016", "ok", "ok"],
  ["923 609 016", "ok", "ok"],
  ["923.609.016", "ok", "ok"],
  ["NO 923 609 016 MVA", "ok", "ok"],
  ["NO923609016mva", "ok", "ok"],
  ["984851006", "ok", "ok"],
  ["914778271", "ok", "ok"],
  ["982463718", "ok", "ok"],
  ["974760673", "ok", "ok"],
  ["974761076", "ok", "ok"],
  ["889640782", "ok", "ok"],
  ["988077917", "ok", "ok"],
  ["988077918", "E_CHECKSUM", "E_CHECKSUM"],
  ["923609017", "E_CHECKSUM", "E_CHECKSUM"],
  ["912345670", "E_NO_CHECK_DIGIT", "E_NO_CHECK_DIGIT"],
  ["123456785", "E_PREFIX", "ok"],
  ["92360901", "E_LENGTH", "E_LENGTH"],
  ["9236090160", "E_LENGTH", "E_LENGTH"],
  ["923609O16", "E_CHARSET", "E_CHARSET"],
  ["NO 995 525 829 MVA", "E_CHECKSUM", "E_CHECKSUM"]
]

describe("validateNoOrganizationNumber — §10.1 vectors", () => {
  it.each(vectors)("%s → prod %s, test %s", (input, prod, test) => {
    expect(outcome(validateNoOrganizationNumber(input, PROD))).toBe(prod)
    expect(outcome(validateNoOrganizationNumber(input, TEST))).toBe(test)
  })

  it("returns the 9-digit canonical form for decorated input", () => {
    for (const input of [
      "NO 923 609 016 MVA",
      "923,609,016",
      "Org.nr. 923 609 016",
      "923 609 016 Foretaksregisteret"
    ]) {
      const v = validateNoOrganizationNumber(input, PROD)
      expect(v.ok && v.value).toBe("923609016")
    }
  })

  it("names the type, the raw value and the expected check digit", () => {
    const v = validateNoOrganizationNumber("923609017", PROD)
    expect(v.ok ? "" : v.error.message).toBe(
      "Norwegian organisation number 923609017: the check digit does not match (expected 6)"
    )
  })
})

describe("validateNoOrganizationNumber — spreadsheet hazards (§1, §9.1)", () => {
  it.each([
    ["923\u00A0609\u00A0016"],
    ["923\u2007609\u2007016"],
    ["923\u202F609\u202F016"],
    ["\t923609016 "],
    ["'923609016"],
    ['"923609016"'],
    ["\u201C923609016\u201D"],
    ["９２３６０９０１６"]
  ])("normalises %j", (input) => {
    expect(outcome(validateNoOrganizationNumber(input, PROD))).toBe("ok")
  })

  it("accepts a numeric cell with a zero fraction, rejects lost precision", () => {
    expect(outcome(validateNoOrganizationNumber("923609016.0", { ...PROD, numeric: true }))).toBe("ok")
    expect(outcome(validateNoOrganizationNumber("9.23609016E+8", { ...PROD, numeric: true }))).toBe(
      "E_PRECISION_LOST"
    )
    expect(outcome(validateNoOrganizationNumber("9.23609E+08", PROD))).toBe("E_PRECISION_LOST")
    expect(outcome(validateNoOrganizationNumber("92360901.6", { ...PROD, numeric: true }))).toBe(
      "E_PRECISION_LOST"
    )
  })

  it("never restores zeros: an orgnr cannot start with 0", () => {
    expect(outcome(validateNoOrganizationNumber("23609016", { ...TEST, numeric: true }))).toBe("E_LENGTH")
  })

  it("reports an empty cell", () => {
    expect(outcome(validateNoOrganizationNumber("  \u00A0 ", PROD))).toBe("E_EMPTY")
    expect(outcome(validateNoOrganizationNumber("NOMVA", PROD))).toBe("E_EMPTY")
  })
})

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]
const checkDigit = (stem: ReadonlyArray<number>): number => {
  const r = stem.reduce((sum, d, i) => sum + d * (WEIGHTS[i] ?? 0), 0) % 11
  return r === 0 ? 0 : r === 1 ? -1 : 11 - r
}
const stems = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })

describe("validateNoOrganizationNumber — properties", () => {
  it("accepts every stem with its check digit and rejects every single-digit change", () => {
    fc.assert(
      fc.property(stems, (stem) => {
        const check = checkDigit(stem)
        fc.pre(check >= 0)
        const number = digitString(stem) + check
        expect(validateNoOrganizationNumber(number, TEST).ok).toBe(true)
        for (const changed of singleDigitChanges(number, range(9))) {
          // BankID's published test organisations are the one exception (BankIdTestSubjects.test.ts).
          if (bankIdTestSubject("NO_ORGANIZATION_NUMBER", changed) !== undefined) continue
          expect(validateNoOrganizationNumber(changed, TEST).ok).toBe(false)
        }
      })
    )
  })

  it("rejects every stem that has no check digit", () => {
    fc.assert(
      fc.property(stems, fc.integer({ min: 0, max: 9 }), (stem, last) => {
        fc.pre(checkDigit(stem) < 0)
        fc.pre(bankIdTestSubject("NO_ORGANIZATION_NUMBER", digitString(stem) + last) === undefined)
        expect(outcome(validateNoOrganizationNumber(digitString(stem) + last, TEST))).toBe("E_NO_CHECK_DIGIT")
      })
    )
  })
})
