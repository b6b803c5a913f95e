import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  containsNationalId,
  maskNationalIdsInText,
  validateNoPersonNumber,
  validateSePersonnummer
} from "../src/index.js"
import { TEST } from "./support.js"

// Synthetic or published test numbers of identifiers.md §10 (never a real person's number).
const personNumbers = [
  "01912499975", // NO synthetic (+80)
  "15438549908", // NO H-number / Dolly (+40)
  "41814061033", // NO D + synthetic
  "81234567802", // NO FH-number (no date; check digits)
  "30108299921", // NO with a wrong check digit: still masked (see NationalIdText.ts)
  "200001012384", // SE 12 digits
  "20000101-2384",
  "000101-2384",
  "000101+2384",
  "0001012384",
  "701063-2391", // SE samordningsnummer (day +60)
  "131052-308T", // FI HETU
  "010594Y9021",
  "010516B901V",
  "010190-9999", // DK CPR shape
  "011290 1234"
]

const notPersonNumbers = [
  "556036-0793", // SE organisationsnummer: digits 3-4 ≥ 20
  "5560360793",
  "212000-0142",
  "165560360793",
  "SE556036079301",
  "923609016", // NO orgnr
  "NO 923 609 016 MVA",
  "0112038-9", // FI Y-tunnus
  "15-048-3782", // DUNS
  "2025-03-01T10:15:00.000Z",
  "12345678903", // 11 digits without a date
  "0101901234567", // 13 digits: a longer number, not an id
  "K-1001",
  "Firma 12 AS"
]

describe("maskNationalIdsInText", () => {
  it.each(personNumbers)("masks %s alone and inside text", (id) => {
    expect(containsNationalId(id)).toBe(true)
    const masked = maskNationalIdsInText(`Kunde ${id}, ref:${id}`)
    expect(masked).not.toContain(id)
    expect(masked).toMatch(/^Kunde \S+\*, ref:\S+\*$/)
  })

  it.each(notPersonNumbers)("leaves %s alone", (text) => {
    expect(containsNationalId(text)).toBe(false)
    expect(maskNationalIdsInText(text)).toBe(text)
  })

  it("keeps the date part like maskNationalId and is idempotent", () => {
    const once = maskNationalIdsInText("Ola Nordmann 01912499975 / 000101-2384")
    expect(once).toBe("Ola Nordmann 019124***** / 000101*****")
    expect(maskNationalIdsInText(once)).toBe(once)
  })

  it("masks numbers grouped with spaces, dots or no-break spaces", () => {
    for (const text of ["019124 99975", "019124 999 75", "019124\u00A099975", "019124.99975"])
      expect(maskNationalIdsInText(`x ${text} y`)).toMatch(/^x 019124\*+ y$/)
  })

  // Generated valid numbers: a Norwegian synthetic (+80) fødselsnummer and a Swedish personnummer.
  const noSynthetic = fc
    .record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 0, max: 99 }),
      individual: fc.integer({ min: 0, max: 499 })
    })
    .map(({ day, month, year, individual }) => {
      const stem =
        [day, month + 80, year].map((n) => String(n).padStart(2, "0")).join("") +
        String(individual).padStart(3, "0")
      const check = (s: string, w: ReadonlyArray<number>) => {
        const r = w.reduce((sum, weight, i) => sum + weight * Number(s[i]), 0) % 11
        return r === 0 ? 0 : 11 - r
      }
      const k1 = check(stem, [3, 7, 6, 1, 8, 9, 4, 5, 2])
      const k2 = check(`${stem}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
      return `${stem}${k1}${k2}`
    })
    .filter((id) => id.length === 11 && validateNoPersonNumber(id, TEST).ok)

  const sePersonnummer = fc
    .record({
      year: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      serial: fc.integer({ min: 1, max: 999 })
    })
    .map(({ year, month, day, serial }) => {
      const nine =
        [year, month, day].map((n) => String(n).padStart(2, "0")).join("") + String(serial).padStart(3, "0")
      let sum = 0
      for (let i = 0; i < 9; i++) {
        const p = Number(nine[i]) * (i % 2 === 0 ? 2 : 1)
        sum += p > 9 ? p - 9 : p
      }
      return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`
    })
    .filter((id) => validateSePersonnummer(id, TEST).ok)

  const around = fc.string().map((s) => s.replace(/\d/g, "x"))

  it("masks every valid generated number wherever it stands in text", () => {
    fc.assert(
      fc.property(fc.oneof(noSynthetic, sePersonnummer), around, around, (id, before, after) => {
        const masked = maskNationalIdsInText(`${before}${id}${after}`)
        expect(masked).not.toContain(id)
        expect(masked).not.toContain(id.replace("-", ""))
      })
    )
  })
})
