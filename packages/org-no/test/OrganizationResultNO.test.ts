import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { OrganizationResultNO, orgNoAdapter } from "../src/index.js"

// Decoding the recorded responses (and their robustness variants) is shared by every adapter:
// test/adapters/resultSchemas.test.ts at the repository root.
const decode = Schema.decodeUnknownEither(orgNoAdapter.resultSchema, {
  onExcessProperty: "error",
  errors: "all"
})

describe("OrganizationResultNO", () => {
  it("keeps an empty node apart from a missing one", () => {
    const decoded = Schema.decodeUnknownSync(OrganizationResultNO)({
      keyInformation: { name: "X" },
      ownership: { beneficials: [] },
      procuration: null
    })
    expect(decoded.ownership?.beneficials).toEqual([])
    expect(decoded.procuration).toBeNull()
    expect("signatureRights" in decoded).toBe(false)
  })

  it("still fails on a value of the wrong type, naming where", () => {
    const result = decode({ keyInformation: { statusCodes: "BANKRUPT" } })
    expect(Either.isLeft(result) && String(result.left)).toContain("statusCodes")
  })
})
