import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { afterAll, beforeAll, expect, it, vi } from "vitest"

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 20, reportDelayMs: 20, webhookRetryScale: 0.001 })
  // The examples read their settings from the environment, as an application would.
  Object.assign(process.env, {
    NORDSCREEN_ENV: "simulator",
    NORDSCREEN_API_URL: sim.url,
    NORDSCREEN_TOKEN_URL: sim.tokenUrl,
    NORDSCREEN_ISSUER: sim.issuer,
    NORDSCREEN_POLL_FAST_MS: "50"
  })
})
afterAll(() => sim.stop())

it.each([
  ["effect", "Koivulahti Rakennus Oy"],
  ["promise", "Koivulahti Rakennus Oy"]
])("examples/%s.ts runs as written against the simulator", async (example, name) => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined)
  try {
    await import(`../examples/${example}.ts`)
    // The engine logs through console.log as well; the example prints one line starting with the name.
    expect(log.mock.calls.filter((call) => call[0] === name)).toHaveLength(1)
  } finally {
    log.mockRestore()
  }
})
