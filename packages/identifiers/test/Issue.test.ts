import { describe, expect, it } from "vitest"
import {
  type IdentifierType,
  issueDescriptions,
  maskIdentifier,
  maskNationalId,
  validateIdentifier
} from "../src/index.js"
import { PROD } from "./support.js"

describe("issueDescriptions", () => {
  it("has a one-line description for every code", () => {
    const codes = Object.keys(issueDescriptions)
    expect(codes).toHaveLength(22)
    for (const text of Object.values(issueDescriptions)) {
      expect(text).not.toContain("\n")
      expect(text.length).toBeGreaterThan(20)
    }
  })
})

describe("messages", () => {
  const labels: ReadonlyArray<readonly [IdentifierType, string]> = [
    ["NO_ORGANIZATION_NUMBER", "Norwegian organisation number"],
    ["NO_PERSON_NUMBER", "Norwegian national identity number"],
    ["SE_PERSONNUMMER", "Swedish personal identity number"],
    ["SE_ORGANISATIONSNUMMER", "Swedish organisation number"],
    ["FI_BUSINESS_ID", "Finnish business ID"],
    ["FI_HETU", "Finnish personal identity code"],
    ["DUNS", "DUNS number"]
  ]
  it.each(labels)("%s names the type and shows the value", (type, label) => {
    const v = validateIdentifier(type, " 12345X7890 ", PROD)
    expect(v.ok).toBe(false)
    if (v.ok) return
    expect(v.error.message.startsWith(label + " ")).toBe(true)
    expect(v.error.message).not.toMatch(/\d{6}X\d/)
  })

  it("masks national ids in messages", () => {
    for (const type of ["NO_PERSON_NUMBER", "SE_PERSONNUMMER", "FI_HETU"] as const) {
      const v = validateIdentifier(type, "010170 12343X", PROD)
      expect(v.ok ? "" : v.error.message).toContain("010170*****")
    }
  })
})

describe("masking", () => {
  it("keeps the first six characters of a full-length number", () => {
    expect(maskNationalId("01017012343")).toBe("010170*****")
    expect(maskNationalId("000101-2384")).toBe("000101*****")
    expect(maskNationalId("200001012384")).toBe("200001******")
  })
  it("never shows the last five characters of a short value", () => {
    expect(maskNationalId("1912499975")).toBe("19124*****")
    expect(maskNationalId("1012384")).toBe("10*****")
    expect(maskNationalId("1234")).toBe("****")
  })
  it("masks a person number in an organisation column", () => {
    for (const type of ["NO_ORGANIZATION_NUMBER", "FI_BUSINESS_ID", "DUNS"] as const) {
      for (const raw of ["010170 12343", "131052-308T"]) {
        const v = validateIdentifier(type, raw, PROD)
        expect(v.ok ? "" : v.error.message).toContain("*****")
        expect(v.ok ? "" : v.error.message).not.toMatch(/12343|308T/)
      }
    }
  })

  it("leaves organisation numbers alone", () => {
    expect(maskIdentifier("NO_ORGANIZATION_NUMBER", "923609016")).toBe("923609016")
    expect(maskIdentifier("DUNS", "150483782")).toBe("150483782")
    expect(maskIdentifier("FI_HETU", "131052-308T")).toBe("131052*****")
  })
})
