import { readdirSync, readFileSync } from "node:fs"
import { variantDecodeFailures } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { OrganizationResultFI, orgFiAdapter } from "../src/index.js"

const fixtureDir = new URL("./fixtures/", import.meta.url)
const recorded = readdirSync(fixtureDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, fixtureDir), "utf8"))] as const)

describe("OrganizationResultFI", () => {
  it.each(recorded)("decodes %s and every robustness variant of it", (_file, document) => {
    expect(variantDecodeFailures(orgFiAdapter.resultSchema, document)).toEqual([])
  })

  it("keeps the national fields and the national number format", () => {
    for (const [, document] of recorded) {
      const decoded = Schema.decodeUnknownSync(OrganizationResultFI)(document)
      expect(decoded.keyInformation?.country).toBe("FI")
      expect(decoded.keyInformation?.nationalFields).toBeTypeOf("object")
      expect(decoded.keyInformation?.organizationNumber).toMatch(/^\d{7}-\d$/)
    }
  })

  it("summarizes with the shared organization summary", () => {
    const [, document] = recorded.find(([file]) => file.includes("full"))!
    const summary = orgFiAdapter.summarize(Schema.decodeUnknownSync(orgFiAdapter.resultSchema)(document))
    expect(summary.name).toBe(document.keyInformation.name)
    expect(summary.sanctions).toEqual({ hits: [], strongest: null })
    expect(summary.beneficialOwners?.length).toBeGreaterThan(0)
  })
})
