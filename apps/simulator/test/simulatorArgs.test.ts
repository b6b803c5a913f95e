import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { parseSimulatorArgs, simulatorUsage } from "../src/index.js"

describe("parseSimulatorArgs", () => {
  it("maps every flag to an option", () => {
    const parsed = parseSimulatorArgs([
      "--port=0",
      "--host",
      "0.0.0.0",
      "--rate-limit",
      "10",
      "--burst",
      "15",
      "--fault-rate",
      "0.1",
      "--fault-weights",
      "500=1,503=3",
      "--webhook-loss",
      "0.2",
      "--webhook-duplicate",
      "0.3",
      "--webhook-reorder",
      "0.4",
      "--json-delay-ms",
      "100",
      "--report-delay-ms",
      "200",
      "--hit-rate",
      "0.5",
      "--session-fail-rate",
      "0.05",
      "--slow-rate",
      "0.01",
      "--slow-ms",
      "4000",
      "--token-ttl",
      "60",
      "--lifetime-ms",
      "1000",
      "--webhook-retry-scale",
      "0.01",
      "--seed",
      "7",
      "--latency-jitter",
      "0.2"
    ])
    expect(parsed).toEqual({
      _tag: "Options",
      options: {
        port: 0,
        host: "0.0.0.0",
        seed: 7,
        hitRate: 0.5,
        rateLimit: { rps: 10, burst: 15 },
        faultRate: 0.1,
        faultWeights: { http500: 1, http503: 3 },
        webhookLoss: 0.2,
        webhookDuplicate: 0.3,
        webhookReorder: 0.4,
        jsonDelayMs: 100,
        reportDelayMs: 200,
        sessionFailRate: 0.05,
        slowRate: 0.01,
        slowMs: 4000,
        tokenTtlSeconds: 60,
        lifetimeMs: 1000,
        webhookRetryScale: 0.01,
        latencyJitter: { ratio: 0.2, distribution: "uniform" }
      }
    })
  })

  it("defaults the port to 4010 and reads a config file under the flags", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-args-"))
    const file = join(dir, "sim.json")
    writeFileSync(
      file,
      JSON.stringify({ faultRate: 0.3, jsonDelayMs: 5, clients: [{ clientId: "a", clientSecret: "b" }] })
    )
    const parsed = parseSimulatorArgs(["--config", file, "--json-delay-ms", "9"])
    expect(parsed).toEqual({
      _tag: "Options",
      options: { port: 4010, faultRate: 0.3, jsonDelayMs: 9, clients: [{ clientId: "a", clientSecret: "b" }] }
    })
  })

  it("takes the wire-fidelity options: --strict and --session-info (contract §16)", () => {
    expect(parseSimulatorArgs(["--strict", "--session-info", "flat"])).toEqual({
      _tag: "Options",
      options: { port: 4010, strict: true, sessionInfoForm: "flat" }
    })
    expect(parseSimulatorArgs(["--session-info", "flatter"])).toMatchObject({
      _tag: "Invalid",
      message: "sessionInfoForm: must be nested or flat"
    })
    expect(simulatorUsage).toContain("--strict")
  })

  it("reports bad values and unknown flags, and --help", () => {
    expect(parseSimulatorArgs(["--fault-rate", "2"])._tag).toBe("Invalid")
    expect(parseSimulatorArgs(["--port", "abc"])._tag).toBe("Invalid")
    expect(parseSimulatorArgs(["--nope"])._tag).toBe("Invalid")
    expect(parseSimulatorArgs(["--help"])).toEqual({ _tag: "Help" })
  })

  it("documents every flag in the usage text", () => {
    for (const flag of [
      "--port",
      "--rate-limit",
      "--burst",
      "--fault-rate",
      "--webhook-loss",
      "--config",
      "--help"
    ]) {
      expect(simulatorUsage).toContain(flag)
    }
  })
})
