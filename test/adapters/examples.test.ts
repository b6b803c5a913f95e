import { beforeAll, describe, expect, it, vi } from "vitest"
import { adapterCases } from "./support/adapterCases.js"
import { useSimulatorEngine } from "./support/simulatorEngine.js"

// The README of each adapter shows examples/effect.ts and examples/promise.ts; they must run as written.
const harness = useSimulatorEngine()

beforeAll(() => {
  const simulator = harness.simulator()
  // The examples read their settings from the environment, as an application would.
  Object.assign(process.env, {
    NORDSCREEN_ENV: "simulator",
    NORDSCREEN_API_URL: simulator.url,
    NORDSCREEN_TOKEN_URL: simulator.tokenUrl,
    NORDSCREEN_ISSUER: simulator.issuer,
    NORDSCREEN_POLL_FAST_MS: "50"
  })
})

describe.each(adapterCases)("$id README", ({ packageDir, examples }) => {
  it.each(Object.entries(examples))(
    "examples/%s.ts runs as written against the simulator",
    async (example, name) => {
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined)
      try {
        await import(`../../packages/${packageDir}/examples/${example}.ts`)
        // The engine logs through console.log as well; the example prints one line starting with the name.
        expect(log.mock.calls.filter((call) => call[0] === name)).toHaveLength(1)
      } finally {
        log.mockRestore()
      }
    }
  )
})
