import { describe, expect, it } from "vitest"
import {
  maskedOrganizationIdentifier,
  organizationIdentifierRules,
  validateSeOrganisationsnummer
} from "../src/index.js"

const TEST = { mode: "test" } as const

describe("the identifier rules the organization endpoints share", () => {
  const rules = organizationIdentifierRules("SE_ORGANISATIONSNUMMER", validateSeOrganisationsnummer)

  it("validates the national number and DUNS, and tells them apart by shape", () => {
    expect(rules.organizationNumber("559100-0012", TEST).ok).toBe(true)
    expect(rules.duns("150483782", TEST)).toMatchObject({ ok: true, type: "DUNS" })
    expect(rules.classify("559100-0012", "SE")).toContain("SE_ORGANISATIONSNUMMER")
    expect(rules.nationalTypes).toEqual(["SE_ORGANISATIONSNUMMER"])
    expect(rules.dunsWithoutCountry).toBe(false)
  })

  it("shows a sole trader's personnummer masked and an organisation number as it is", () => {
    expect(rules.display({ type: "SE_PERSONNUMMER", value: "000101-2384" })).toBe("000101*****")
    expect(rules.display({ type: "SE_ORGANISATIONSNUMMER", value: "559100-0012" })).toBe("559100-0012")
    const masked = maskedOrganizationIdentifier("SE_PERSONNUMMER")
    expect(masked({ identifier: "000101-2384" })).toBe("000101*****")
    expect(masked({ identifier: "150483782", identifierType: "DUNS" })).toBe("150483782")
  })
})
