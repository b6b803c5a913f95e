import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { maskIdentifier, validateSeOrganisationsnummer } from "../src/index.js"
import { outcome, PROD, range, singleDigitChanges, TEST } from "./support.js"

// identifiers.md §10.4: input, result (both modes), canonical value
const vectors: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ["556036-0793", "ok", "556036-0793"],
  ["212000-0142", "ok", "212000-0142"],
  ["212000-1355", "ok", "212000-1355"],
  ["556703-7485", "ok", "556703-7485"],
  ["556016-0680", "ok", "556016-0680"],
  ["802005-1952", "ok", "802005-1952"],
  ["202100-5448", "ok", "202100-5448"],
  ["165560360793", "ok", "556036-0793"],
  ["SE556036079301", "ok", "556036-0793"],
  ["556036-0794", "E_CHECKSUM", undefined],
  ["1234567891", "E_CHECKSUM", undefined],
  ["551234-5678", "E_PREFIX", undefined],
  ["0520000142", "E_PREFIX", undefined],
  ["175560360793", "E_PREFIX", undefined],
  ["55603607", "E_LENGTH", undefined],
  ["SE556036079302", "E_PREFIX", undefined]
]

describe("validateSeOrganisationsnummer — §10.4 vectors", () => {
  it.each(vectors)("%s → %s", (input, expected, value) => {
    for (const options of [PROD, TEST]) {
      const v = validateSeOrganisationsnummer(input, options)
      expect(outcome(v)).toBe(expected)
      expect(v.ok ? v.value : undefined).toBe(value)
    }
  })

  it("accepts a sole trader's personnummer with W_SOLE_TRADER", () => {
    for (const input of ["000101-2384", "200001012384", "000101+2384", "SE000101238401"]) {
      const v = validateSeOrganisationsnummer(input, PROD)
      expect(v.ok && v.kind).toBe("SOLE_TRADER")
      expect(v.warnings.map((w) => w.code)).toContain("W_SOLE_TRADER")
      for (const w of v.warnings) expect(w.message).not.toContain("2384")
    }
  })

  it("reports the personnummer error for a 12-digit 19/20 form", () => {
    expect(outcome(validateSeOrganisationsnummer("200001012385", PROD))).toBe("E_CHECKSUM")
  })

  it("flags group digit 4", () => {
    expect(outcome(validateSeOrganisationsnummer("442000-0004", PROD))).toBe("ok + W_UNLISTED_GROUP")
  })

  it("masks a personnummer in an organisation column", () => {
    expect(maskIdentifier("SE_ORGANISATIONSNUMMER", "000101-2384")).toBe("000101*****")
    expect(maskIdentifier("SE_ORGANISATIONSNUMMER", "556036-0793")).toBe("556036-0793")
    const v = validateSeOrganisationsnummer("551234-5678", PROD)
    expect(v.ok ? "" : v.error.message).not.toContain("5678")
  })
})

const luhn = (nine: ReadonlyArray<number>): number => {
  const sum = nine.reduce((s, d, i) => {
    const p = d * (i % 2 === 0 ? 2 : 1)
    return s + (p > 9 ? p - 9 : p)
  }, 0)
  return (10 - (sum % 10)) % 10
}
const stems = fc
  .tuple(
    fc.constantFrom(1, 2, 3, 5, 6, 7, 8, 9),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 2, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 })
  )
  .map(([group, second, third, rest]) => [group, second, third, ...rest])

describe("validateSeOrganisationsnummer — properties", () => {
  it("accepts every number with its Luhn digit and rejects every single-digit change", () => {
    fc.assert(
      fc.property(stems, (stem) => {
        const ten = stem.join("") + luhn(stem)
        const v = validateSeOrganisationsnummer(ten, PROD)
        expect(v.ok && v.value).toBe(ten.slice(0, 6) + "-" + ten.slice(6))
        for (const changed of singleDigitChanges(ten, range(10))) {
          const w = validateSeOrganisationsnummer(changed, PROD)
          // a change can only be accepted as a (different, Luhn-valid) sole trader: impossible by Luhn
          expect(w.ok).toBe(false)
        }
      })
    )
  })
})
