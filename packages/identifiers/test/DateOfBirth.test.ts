import { describe, expect, it } from "vitest"
import { compareDateOfBirth, type DateResult, parseDateOfBirth } from "../src/index.js"
import { TODAY } from "./support.js"

const read = (r: DateResult): string => (r.ok ? r.value : r.error.code)
const today = { today: TODAY }

describe("parseDateOfBirth — §9.2 formats", () => {
  it.each([
    ["1985-03-15", "1985-03-15"],
    ["15.03.1985", "1985-03-15"],
    ["15.3.1985", "1985-03-15"],
    ["19850315", "1985-03-15"],
    ["15/03/1985", "1985-03-15"],
    ["05/05/1985", "1985-05-05"],
    ["03/15/1985", "E_DATE"],
    ["05/06/1985", "E_AMBIGUOUS"],
    ["15.03.85", "E_DATE"],
    ["850315", "E_DATE"],
    ["1985-03-15T00:00:00", "1985-03-15"],
    ["1985-03-15T23:30:00+02:00", "1985-03-15"],
    ["1985-02-29", "E_DATE"],
    ["2000-02-29", "2000-02-29"],
    ["1900-02-29", "E_DATE"],
    ["2027-01-01", "E_FUTURE_DATE"],
    ["", "E_DATE"],
    ["yesterday", "E_DATE"]
  ])("%j → %s", (input, expected) => {
    expect(read(parseDateOfBirth(input, today))).toBe(expected)
  })

  it("reads M/D/YYYY only with the US locale", () => {
    expect(read(parseDateOfBirth("03/15/1985", { ...today, locale: "us" }))).toBe("1985-03-15")
    expect(read(parseDateOfBirth("05/06/1985", { ...today, locale: "us" }))).toBe("1985-05-06")
  })
})

describe("parseDateOfBirth — Excel serials", () => {
  const numeric = { ...today, numeric: true }
  it.each([
    ["31121", "1985-03-15"],
    ["32874", "1990-01-01"],
    ["32874.75", "1990-01-01"],
    ["1", "1900-01-01"],
    ["59", "1900-02-28"],
    ["60", "E_DATE"],
    ["61", "1900-03-01"],
    ["0", "E_DATE"],
    ["99999", "E_FUTURE_DATE"],
    ["19850315", "1985-03-15"]
  ])("1900 system %s → %s", (input, expected) => {
    expect(read(parseDateOfBirth(input, numeric))).toBe(expected)
  })

  it("1904 system: 31412 → 1990-01-01", () => {
    expect(read(parseDateOfBirth("31412", { ...numeric, date1904: true }))).toBe("1990-01-01")
    expect(read(parseDateOfBirth("0", { ...numeric, date1904: true }))).toBe("1904-01-01")
  })

  it("reads a serial only for numeric cells", () => {
    expect(read(parseDateOfBirth("32874", today))).toBe("E_DATE")
  })
})

describe("compareDateOfBirth", () => {
  it("flags a supplied date that differs from the derived one", () => {
    expect(compareDateOfBirth("1985-03-16", "1985-03-15")?.code).toBe("W_DOB_MISMATCH")
    expect(compareDateOfBirth("15.03.1985", "1985-03-15")).toBeUndefined()
    expect(compareDateOfBirth("1985-03-15", undefined)).toBeUndefined()
    expect(compareDateOfBirth("not a date", "1985-03-15")).toBeUndefined()
  })
})
