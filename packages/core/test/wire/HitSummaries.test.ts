import { Wire } from "../../src/index.js"
import { describe, expect, it } from "vitest"

describe("summarizeHits", () => {
  it("is null when the list was not searched and empty when nothing was found", () => {
    expect(Wire.summarizeHits("pep", undefined)).toBeNull()
    expect(Wire.summarizeHits("pep", null)).toBeNull()
    expect(Wire.summarizeHits("pep", [])).toEqual({ hits: [], strongest: null })
  })

  it("sorts strongest first and reads the list from source, else metadata", () => {
    const summary = Wire.summarizeHits("sanction", [
      { name: "A", matchIndicator: 120, source: "EU_GLOBAL" },
      { name: "B", matchIndicator: 500, metadata: { sources: ["UN_CONSOLIDATED"] } },
      { name: "C" }
    ])
    expect(summary?.strongest).toBe(500)
    expect(summary?.hits.map((hit) => [hit.name, hit.list, hit.matchIndicator])).toEqual([
      ["B", "UN_CONSOLIDATED", 500],
      ["A", "EU_GLOBAL", 120],
      ["C", null, null]
    ])
  })

  it("ignores hits without an indicator for the strongest match", () => {
    expect(Wire.strongestMatch([{ matchIndicator: null }, {}])).toBeNull()
    expect(Wire.strongestMatch([{ matchIndicator: 0 }, {}])).toBe(0)
  })
})
