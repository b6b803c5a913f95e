import type { Simulator } from "@nordscreen/simulator"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { main as effectExample } from "../examples/effect.js"
import { main as promiseExample } from "../examples/promise.js"
import { startTestSimulator } from "./support/simulator.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
  // The examples read their settings from the environment, exactly as against `pnpm simulator`.
  process.env["NORDSCREEN_API_URL"] = sim.url
  process.env["NORDSCREEN_TOKEN_URL"] = sim.tokenUrl
})
afterAll(async () => {
  delete process.env["NORDSCREEN_API_URL"]
  delete process.env["NORDSCREEN_TOKEN_URL"]
  await sim.stop()
})

/**
 * What the examples print (their result and the engine's log lines, which go through the
 * console with the default logger), kept out of the test output.
 */
let printed: Array<string> = []
beforeEach(() => {
  printed = []
  vi.spyOn(console, "log").mockImplementation((...parts: Array<unknown>) => {
    printed.push(parts.map(String).join(" "))
  })
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe("README examples", () => {
  it("the Effect example screens the sanctioned fixture", async () => {
    const screening = await effectExample()
    expect(screening.summary.sanctions?.hits.length).toBeGreaterThan(0)
  })

  it("the Promise example screens the clean fixture", async () => {
    const screening = await promiseExample()
    expect(screening.summary.name).toBe("FJORDLYS TEKNIKK AS")
    expect(screening.reports["aml"]?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(printed).toContain(`FJORDLYS TEKNIKK AS ${screening.reports["aml"]?.sha256}`)
  })
})
