import { readFileSync } from "node:fs"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgNoAdapter } from "../src/index.js"

const summaryOf = (file: string) => {
  const document: unknown = JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8"))
  return orgNoAdapter.summarize(Schema.decodeUnknownSync(orgNoAdapter.resultSchema)(document))
}

describe("orgNoAdapter.summarize", () => {
  it("summarizes a clean company: owners, roles, no hits on the lists searched", () => {
    const summary = summaryOf("no-clean-full.json")
    expect(summary).toMatchObject({
      name: "FJORDLYS TEKNIKK AS",
      status: "LIMITED_COMPANY",
      flags: [],
      pep: null,
      sanctions: { hits: [], strongest: null },
      listsSearched: ["EU_GLOBAL", "UN_CONSOLIDATED", "HMTREASURY", "OFAC"]
    })
    expect(summary.beneficialOwners).toEqual([
      { name: "Nora Bakke", birthDate: "1968-03-23", share: 87.33, reason: "DIRECT_OWNERSHIP" }
    ])
    expect(summary.roles?.map((role) => role.role)).toEqual([
      "CEO",
      "CHAIRMAN_OF_THE_BOARD",
      "AUDITOR",
      "CERTIFIED_ACCOUNTANT"
    ])
    expect(summary.roles?.find((role) => role.role === "AUDITOR")).toMatchObject({
      organizationNumber: "970792341"
    })
    // Requested, delivered as empty nodes by the simulator.
    expect(summary.emptyElements).toEqual(expect.arrayContaining(["lei", "procuration"]))
    expect(summary.emptyElements).not.toContain("ownership.beneficials")
  })

  it("reports sanction hits with the strongest match indicator", () => {
    const summary = summaryOf("no-sanction-full.json")
    expect(summary.sanctions?.hits.length).toBeGreaterThan(0)
    expect(summary.sanctions?.strongest).toBe(410)
    expect(summary.sanctions?.hits[0]).toMatchObject({
      kind: "sanction",
      name: "NORDKAPP HANDEL AS",
      list: "EU_GLOBAL"
    })
  })

  it("keeps 'no beneficial owners identified' apart from 'not requested'", () => {
    const none = summaryOf("no-no-beneficials.json")
    expect(none.beneficialOwners).toEqual([])
    expect(none.emptyElements).toContain("ownership.beneficials")
    const notRequested = orgNoAdapter.summarize({ keyInformation: { name: "X" } })
    expect(notRequested).toMatchObject({
      beneficialOwners: null,
      roles: null,
      sanctions: null,
      emptyElements: []
    })
  })

  it("flags a bankruptcy estate from its organization type and status codes", () => {
    expect(summaryOf("no-bankrupt-estate.json").flags).toEqual(["BANKRUPT"])
  })

  it("summarizes a DUNS-identified company", () => {
    expect(summaryOf("no-duns.json").name).toBe("LYNGHEIM TRANSPORT AS")
  })
})

const flagsOf = (statusCodes: ReadonlyArray<string> | null, organizationType?: string) =>
  orgNoAdapter.summarize(
    Schema.decodeUnknownSync(orgNoAdapter.resultSchema)({
      keyInformation: { statusCodes, ...(organizationType === undefined ? {} : { organizationType }) }
    })
  ).flags

describe("registry flags in Norwegian", () => {
  it.each([
    ["BANKRUPT", "BANKRUPT"],
    ["KONKURS", "BANKRUPT"],
    ["UNDER_LIQUIDATION", "UNDER_LIQUIDATION"],
    ["under_avvikling", "UNDER_LIQUIDATION"],
    ["DISSOLVED", "DISSOLVED"],
    ["SLETTET", "DISSOLVED"],
    ["FORCED_DISSOLUTION", "FORCED_DISSOLUTION"],
    ["TVANGSAVVIKLING", "FORCED_DISSOLUTION"],
    ["UNDER_RECONSTRUCTION", "UNDER_RECONSTRUCTION"],
    // Another country's word is that country's: passed through, not guessed.
    ["SELVITYSTILA", "SELVITYSTILA"]
  ])("%s → %s", (code, flag) => {
    expect(flagsOf([code])).toEqual([flag])
  })

  it("merges status codes and the legal form BANKRUPT_ESTATE without duplicates", () => {
    expect(flagsOf(["BANKRUPT", "KONKURS"], "BANKRUPT_ESTATE")).toEqual(["BANKRUPT"])
    expect(flagsOf(null)).toEqual([])
  })
})
