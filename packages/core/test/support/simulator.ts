import { type Simulator, type SimulatorOptions, startSimulator } from "@nordscreen/simulator"
import type { AmlConfig } from "../../src/index.js"
import { Redacted } from "effect"

/** Settings for tests: tiny delays and backoffs, webhooks on a free local port. */
export const testSettings = (
  sim: Simulator,
  patch: Partial<AmlConfig.AmlConfigShape> = {}
): AmlConfig.AmlConfigShape => ({
  environment: "simulator",
  apiUrl: sim.url,
  tokenUrl: sim.tokenUrl,
  issuer: sim.issuer,
  clientId: "simulator-client",
  clientSecret: Redacted.make("simulator-secret"),
  scopes: undefined,
  authMethod: "client_secret_basic",
  timeouts: { requestMs: 2_000, createMs: 2_000, tokenMs: 2_000, sessionMs: 15_000, recoveryMs: 3_000 },
  retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 80 },
  rate: { requestsPerSecond: 500, burst: 10, maxSessionsInFlight: 32 },
  webhook: { enabled: true, host: "127.0.0.1", port: 0, path: "/hooks/aml", publicUrl: undefined },
  polling: { fastMs: 100, fastForMs: 2_000, slowMs: 250, safetyNetMs: 400, webhookSilenceMs: 1_000 },
  keySecret: Redacted.make("test-key-secret"),
  retryUnknown: false,
  provided: new Set(),
  ...patch
})

export const startTestSimulator = (options: SimulatorOptions = {}): Promise<Simulator> =>
  startSimulator({ port: 0, jsonDelayMs: 30, reportDelayMs: 30, webhookRetryScale: 0.001, ...options })

/** Identifiers created more than once (each one a paid look-up made twice). */
export const createdTwice = (sim: Simulator): ReadonlyArray<string> =>
  Object.entries(sim.stats().sessionsCreatedByIdentifier)
    .filter(([, count]) => count > 1)
    .map(([identifier]) => identifier)
