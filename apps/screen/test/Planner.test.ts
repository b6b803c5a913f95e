import { orgFiAdapter } from "@nordscreen/org-fi"
import { orgNoAdapter } from "@nordscreen/org-no"
import { orgSeAdapter } from "@nordscreen/org-se"
import { personNoAdapter } from "@nordscreen/person-no"
import { describe, expect, it } from "vitest"
import { makePlanner } from "../src/plan/Planner.js"
import { row, testAdapter } from "./adapters.js"

const nordic = [orgNoAdapter, orgSeAdapter, orgFiAdapter, personNoAdapter]

describe("makePlanner with test adapters", () => {
  const planner = () =>
    makePlanner({
      adapters: [testAdapter("a", "A"), testAdapter("b", "B"), testAdapter("ab", "AB")],
      mode: "test"
    })

  it("picks the single claiming adapter, dedupes by entity key and links duplicates", () => {
    const p = planner()
    const events = [
      p.plan(row(2, { identifier: "A1", reference: "K1" })),
      p.plan(row(3, { identifier: "B1" })),
      p.plan(row(4, { identifier: "A1", reference: "K9" })),
      p.plan(row(5, { identifier: "A1" }))
    ]
    expect(events.map((e) => e._tag)).toEqual(["Entity", "Entity", "Duplicate", "Duplicate"])
    expect(events[2]).toMatchObject({ firstRowNumber: 2, reference: "K9", adapterId: "a" })
    expect(p.duplicatesOf(2)).toEqual([4, 5])
    expect(p.counts()).toMatchObject({
      rows: 4,
      entities: 2,
      duplicates: 2,
      rejected: 0,
      entitiesByAdapter: { a: 1, b: 1 }
    })
  })

  it("rejects ambiguous, unclaimed, invalid and crashing rows and goes on", () => {
    const p = planner()
    const events = [
      p.plan(row(2, { identifier: "AB1" })),
      p.plan(row(3, { identifier: "C1" })),
      p.plan(row(4, { name: "x" })),
      p.plan(row(5, { identifier: "A-BAD" })),
      p.plan(row(6, { identifier: "ATHROW" })),
      p.plan(row(7, { identifier: "A7" }))
    ]
    const codes = events.map((e) => (e._tag === "Rejected" ? e.rejected.code : e._tag))
    expect(codes).toEqual(["E_AMBIGUOUS", "E_NO_ADAPTER", "E_EMPTY", "E_CHECKSUM", "E_ADAPTER", "Entity"])
    const bad = events[3]
    expect(bad?._tag === "Rejected" && bad.rejected).toMatchObject({
      file: "portfolio.csv",
      rowNumber: 5,
      column: "Col identifier",
      value: "A-BAD",
      adapterId: "a"
    })
    expect(p.counts().rejectedByCode).toEqual({
      E_AMBIGUOUS: 1,
      E_NO_ADAPTER: 1,
      E_EMPTY: 1,
      E_CHECKSUM: 1,
      E_ADAPTER: 1
    })
  })

  it("passes a structural issue from the reader straight to a rejection", () => {
    const p = planner()
    const event = p.plan({
      ...row(2, { identifier: "A1" }),
      issue: { code: "E_COLUMNS", field: undefined, message: "row has 1 field(s)" }
    })
    expect(event._tag === "Rejected" && event.rejected.code).toBe("E_COLUMNS")
  })

  it("counts warnings without rejecting", () => {
    const p = planner()
    expect(p.plan(row(2, { identifier: "AWARN" }))._tag).toBe("Entity")
    expect(p.counts()).toMatchObject({ rowsWithWarnings: 1, warningsByCode: { W_TEST: 1 } })
  })
})

describe("makePlanner with the Nordic adapters", () => {
  it("routes rows by type and country and masks national ids in rejections", () => {
    const p = makePlanner({ adapters: nordic, mode: "test" })
    const events = [
      p.plan(row(2, { type: "Foretak", country: "Norge", identifier: "923609016", name: "Equinor ASA" })),
      p.plan(row(3, { country: "SE", identifier: "556000-0001" })),
      p.plan(row(4, { country: "FI", identifier: "0112038-9" })),
      p.plan(row(5, { ssn: "01018012345", name: "Kari Nordmann" }))
    ]
    expect(events.map((e) => (e._tag === "Entity" ? e.adapter.id : e._tag))).toEqual([
      "org-no",
      "org-se",
      "org-fi",
      "Rejected"
    ])
    const rejected = events[3]
    expect(rejected?._tag === "Rejected" && rejected.rejected.value).toBe("010180*****")
    expect(JSON.stringify(events[3])).not.toContain("01018012345")
  })

  it("tells a column the file lacks from an empty cell, and counts it once per field", () => {
    const p = makePlanner({
      adapters: nordic,
      mode: "test",
      describeMissingColumn: (field) => `no ${field} column`
    })
    // The file has a national-ID column but none for organisation numbers.
    const company = (n: number) => row(n, { type: "Company", country: "NO", ssn: "", name: `Firma ${n} AS` })
    const events = [
      p.plan(company(2)),
      p.plan(company(3)),
      p.plan(row(4, { type: "Person", ssn: "", name: "X" }))
    ]
    expect(events.map((e) => e._tag === "Rejected" && [e.rejected.code, e.missingColumn])).toEqual([
      ["E_NO_COLUMN", "organizationNumber"],
      ["E_NO_COLUMN", "organizationNumber"],
      ["E_EMPTY", undefined]
    ])
    expect(p.counts().missingColumns).toEqual([
      { field: "organizationNumber", rows: 2, firstRow: 2, message: "no organizationNumber column" }
    ])
    expect(p.counts().rejectedByCode).toEqual({ E_NO_COLUMN: 2, E_EMPTY: 1 })
  })

  it("reveals ids only when asked", () => {
    const p = makePlanner({ adapters: nordic, mode: "test", revealIds: true })
    const event = p.plan(row(2, { ssn: "01018012345", name: "Kari Nordmann" }))
    expect(event._tag === "Rejected" && event.rejected.value).toBe("01018012345")
  })
})

describe("rejected-row records", () => {
  it("are bounded whatever the reader let through: value, reference and message cut with a marker", () => {
    const huge = "Z".repeat(50_000)
    for (const revealIds of [false, true]) {
      const p = makePlanner({ adapters: [testAdapter("a", "A")], mode: "test", revealIds })
      const event = p.plan({
        ...row(7, { name: huge, reference: huge }),
        issue: { code: "E_LENGTH", field: "name", message: `bad: ${huge}` }
      })
      expect(event._tag).toBe("Rejected")
      if (event._tag !== "Rejected") continue
      const { value, reference, message } = event.rejected
      expect(value).toBe(`${"Z".repeat(200)}… [truncated: 50,000 characters]`)
      expect(reference).toBe(value)
      expect(message.length).toBeLessThan(1100)
      expect(JSON.stringify(event.rejected).length).toBeLessThan(2000)
    }
  })
})
