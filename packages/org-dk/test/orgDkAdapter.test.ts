import { readFileSync } from "node:fs"
import { Wire } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgDkAdapter } from "../src/index.js"

// The parseRow, claim and requestBody tables shared by every adapter live in
// test/adapters/rowRules.test.ts at the repository root; here is what only Denmark has.
const parse = (values: Parameters<typeof Wire.portfolioRow>[0]) =>
  orgDkAdapter.parseRow(Wire.portfolioRow(values), "test")

const decode = (document: unknown) => Schema.decodeUnknownSync(orgDkAdapter.resultSchema)(document)
const recorded = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8"))

describe("orgDkAdapter.parseRow", () => {
  it("takes a CVR number as Danes write it, and the VAT form", () => {
    for (const written of ["31000017", "31 00 00 17", "31.000.017", "DK31000017", "CVR-nr. 31000017"])
      expect(parse({ organizationNumber: written })).toMatchObject({
        _tag: "Valid",
        input: { identifier: "31000017" },
        entityKey: "org-dk:31000017"
      })
  })

  it("reads a numeric cell, and restores no zero: no CVR number starts with 0", () => {
    expect(parse({ organizationNumber: 31000017 })).toMatchObject({ _tag: "Valid", warnings: [] })
    expect(parse({ organizationNumber: 1000017 })).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_LENGTH", field: "organizationNumber" }
    })
  })

  it("takes a bare 8-digit identifier in Denmark, and a 9-digit one as DUNS", () => {
    expect(parse({ identifier: "31000017", country: "Danmark" })).toMatchObject({
      entityKey: "org-dk:31000017"
    })
    const duns = parse({ identifier: "150483782", country: "DK" })
    expect(duns._tag === "Valid" && duns.input).toEqual({ identifier: "150483782", identifierType: "DUNS" })
  })
})

describe("orgDkAdapter.claim", () => {
  const vocabulary = Wire.rowVocabulary([orgDkAdapter])
  it.each([
    [{ type: "Selskab", country: "Danmark", organizationNumber: "31000017" }, "explicit"],
    [{ type: "virksomhed", country: "Dänemark", identifier: "31000017" }, "explicit"],
    [{ country: "DK", organizationNumber: "DK31000017" }, "explicit"],
    [{ country: "DK", identifier: "DK31000017" }, "likely"],
    [{ identifier: "DK 31 00 00 17" }, "likely"],
    [{ identifier: "01120389" }, "no"],
    [{ country: "Sverige", identifier: "31000017" }, "no"]
  ] as const)("%o → %s", (values, claim) => {
    expect(orgDkAdapter.claim(Wire.portfolioRow(values), vocabulary)).toBe(claim)
  })
})

describe("orgDkAdapter.summarize: CVR's status words", () => {
  it.each([
    ["UNDER KONKURS", "BANKRUPT"],
    ["UNDER TVANGSOPLØSNING", "FORCED_DISSOLUTION"],
    ["TVANGSOPLØST", "FORCED_DISSOLUTION"],
    ["UNDER FRIVILLIG LIKVIDATION", "UNDER_LIQUIDATION"],
    ["OPLØST EFTER KONKURS", "DISSOLVED"],
    ["OPLØST EFTER FRIVILLIG LIKVIDATION", "DISSOLVED"],
    ["OPHØRT", "DISSOLVED"],
    ["Opløst efter fusion", "DISSOLVED"],
    ["UNDER REKONSTRUKTION", "UNDER REKONSTRUKTION"],
    ["NORMAL", "NORMAL"]
  ])("%s → %s", (code, flag) => {
    expect(orgDkAdapter.summarize(decode({ keyInformation: { statusCodes: [code] } })).flags).toEqual([flag])
  })

  it("summarizes the recorded bankrupt company with its flag and trustee", () => {
    const summary = orgDkAdapter.summarize(decode(recorded("dk-bankrupt.json")))
    expect(summary).toMatchObject({ name: "Lyngholm Byg ApS", status: "ANPARTSSELSKAB", flags: ["BANKRUPT"] })
    expect(summary.roles?.some((role) => role.role === "TRUSTEE")).toBe(true)
  })
})

describe("orgDkAdapter.describe and facts", () => {
  it("shows the CVR number as sent, country DK", () => {
    const row = parse({ organizationNumber: "DK31000017", name: "Bøgely Rådgivning ApS" })
    if (row._tag !== "Valid") throw new Error(`expected a valid row, got ${row.issue.code}`)
    expect(orgDkAdapter.describe(row.input)).toEqual({
      identifier: "31000017",
      identifierMasked: "31000017",
      name: "Bøgely Rådgivning ApS",
      country: "DK",
      kind: "organization"
    })
  })

  it("posts to /organization/session/dk with nationality DK", () => {
    expect(orgDkAdapter.sessionPath).toBe("/organization/session/dk")
    expect(orgDkAdapter.requestBody({ identifier: "31000017" }, { expands: ["keyInformation"] })).toEqual({
      identifier: "31000017",
      nationality: "DK",
      expands: ["keyInformation"],
      language: "en"
    })
  })
})
