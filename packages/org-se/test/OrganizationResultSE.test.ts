import { readdirSync, readFileSync } from "node:fs"
import { variantDecodeFailures } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { OrganizationResultSE, orgSeAdapter } from "../src/index.js"

const fixtureDir = new URL("./fixtures/", import.meta.url)
const recorded = readdirSync(fixtureDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, fixtureDir), "utf8"))] as const)

describe("OrganizationResultSE", () => {
  it.each(recorded)("decodes %s and every robustness variant of it", (_file, document) => {
    expect(variantDecodeFailures(orgSeAdapter.resultSchema, document)).toEqual([])
  })

  it("keeps the national fields and the national number format", () => {
    for (const [, document] of recorded) {
      const decoded = Schema.decodeUnknownSync(OrganizationResultSE)(document)
      expect(decoded.keyInformation?.country).toBe("SE")
      expect(decoded.keyInformation?.nationalFields).toBeTypeOf("object")
      expect(decoded.keyInformation?.organizationNumber).toMatch(/^\d{6}-\d{4}$/)
    }
  })

  it("summarizes with the shared organization summary", () => {
    const [, document] = recorded.find(([file]) => file.includes("full"))!
    const summary = orgSeAdapter.summarize(Schema.decodeUnknownSync(orgSeAdapter.resultSchema)(document))
    expect(summary.name).toBe(document.keyInformation.name)
    expect(summary.sanctions).toEqual({ hits: [], strongest: null })
    expect(summary.beneficialOwners?.length).toBeGreaterThan(0)
  })
})
