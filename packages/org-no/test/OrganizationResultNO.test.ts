import { readdirSync, readFileSync } from "node:fs"
import { variantDecodeFailures } from "@nordscreen/core"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { OrganizationResultNO, orgNoAdapter } from "../src/index.js"

const fixtureDir = new URL("./fixtures/", import.meta.url)
const recorded = readdirSync(fixtureDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, fixtureDir), "utf8"))] as const)

const decode = Schema.decodeUnknownEither(orgNoAdapter.resultSchema, {
  onExcessProperty: "error",
  errors: "all"
})

describe("OrganizationResultNO", () => {
  it("has recorded simulator responses to decode", () => {
    expect(recorded.length).toBeGreaterThanOrEqual(5)
  })

  it.each(recorded)("decodes %s and every robustness variant of it", (_file, document) => {
    expect(variantDecodeFailures(orgNoAdapter.resultSchema, document)).toEqual([])
  })

  it("decodes every field of the full-expand response without loss", () => {
    const document = recorded.find(([file]) => file === "no-clean-full.json")?.[1]
    const decoded = Schema.decodeUnknownSync(orgNoAdapter.resultSchema)(document)
    expect(Schema.encodeSync(orgNoAdapter.resultSchema)(decoded)).toEqual(document)
  })

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
