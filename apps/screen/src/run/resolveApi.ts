import { createHmac } from "node:crypto"
import { AmlConfig, AmlHttp, type Errors } from "@nordscreen/core"
import type { SimulatorOptions } from "@nordscreen/simulator"
import { Data, Effect, Redacted, type Scope } from "effect"

export interface ApiSources {
  /** camelCase setting → flag value (undefined = not given). */
  readonly flags: Readonly<Record<string, AmlConfig.FlagValue>>
  readonly env: Readonly<Record<string, string | undefined>>
}

export interface ApiChoice {
  readonly settings: AmlConfig.AmlConfigShape
  /** Results are synthetic: every output carries the SIMULATED banner. */
  readonly simulated: boolean
  /** The simulator runs inside this process (no endpoint or credentials were configured). */
  readonly embedded: boolean
}

export class EmbeddedSimulatorFailed extends Data.TaggedError("EmbeddedSimulatorFailed")<{
  readonly reason: string
}> {
  override get message(): string {
    return `could not start the embedded simulator: ${this.reason}`
  }
}

/** The simulator's DEFAULT_CLIENT (its README), without importing the simulator up front. */
const SIMULATOR_CLIENT = { clientId: "simulator-client", clientSecret: "simulator-secret" } as const

/** Realistic shape (JSON first, PDFs later, spread), quick enough for a trial run. */
const EMBEDDED_SIMULATOR: SimulatorOptions = {
  port: 0,
  jsonDelayMs: 400,
  reportDelayMs: 600,
  latencyJitter: { distribution: "uniform", ratio: 0.5 }
}

/** Any of these configured means a real (or an already running) API was meant. */
const ENDPOINT_KEYS: ReadonlyArray<AmlConfig.SettingKey> = [
  "apiUrl",
  "tokenUrl",
  "issuer",
  "clientId",
  "clientSecret"
]

const isLoopback = (url: string): boolean => {
  const host = new URL(url).hostname
  return host === "localhost" || host === "::1" || host === "[::1]" || host.startsWith("127.")
}

/**
 * Settings from flags > NORDSCREEN_* environment variables > config file > defaults (core
 * AmlConfig). With the simulator environment and no endpoint or credentials configured anywhere,
 * starts the embedded simulator for the scope. Webhooks are on by default only where the API can
 * reach us: a simulator on this machine; elsewhere only with --webhook-url or --webhook-port.
 */
export const resolveApi = (
  sources: ApiSources,
  keySecret: string,
  embeddedOptions: SimulatorOptions = EMBEDDED_SIMULATOR
): Effect.Effect<ApiChoice, Errors.AmlConfigError | EmbeddedSimulatorFailed, Scope.Scope> =>
  Effect.gen(function* () {
    const settings = yield* AmlConfig.readAmlSettings({ flags: sources.flags, env: sources.env })
    const configured = (key: AmlConfig.SettingKey) => settings.provided.has(key)
    // The workspace's secret keeps entity hashes stable across runs unless one is configured.
    const read: AmlConfig.AmlSettings = configured("keySecret")
      ? settings
      : { ...settings, keySecret: Redacted.make(keySecret) }
    const embedded = read.environment === "simulator" && !ENDPOINT_KEYS.some(configured)
    const resolved: AmlConfig.AmlConfigShape = embedded
      ? yield* startEmbedded(read, embeddedOptions)
      : yield* AmlConfig.resolveEndpoints(read).pipe(Effect.provide(AmlHttp.nodeHttpClientLayer))
    const webhookAsked = configured("webhookPort") || configured("webhookPublicUrl")
    const enabled = configured("webhook")
      ? resolved.webhook.enabled
      : webhookAsked || (resolved.environment === "simulator" && isLoopback(resolved.apiUrl))
    const preferredPort = configured("webhookPort") ? undefined : workspacePort(keySecret)
    return {
      settings: { ...resolved, webhook: { ...resolved.webhook, enabled, preferredPort } },
      simulated: resolved.environment === "simulator",
      embedded
    }
  })

/**
 * The webhook port this workspace tries first (20000–31999, below Linux's ephemeral range): the
 * same in every run, so webhooks the API retries after a crash reach the process that resumes.
 */
const workspacePort = (keySecret: string): number =>
  20_000 + (createHmac("sha256", keySecret).update("webhook-port").digest().readUInt32BE(0) % 12_000)

const startEmbedded = (read: AmlConfig.AmlSettings, options: SimulatorOptions) =>
  Effect.map(
    Effect.acquireRelease(
      Effect.tryPromise({
        // Loaded on demand: the simulator's PDF and crypto libraries slow every other start-up.
        try: () => import("@nordscreen/simulator").then((sim) => sim.startSimulator(options)),
        catch: (cause) =>
          new EmbeddedSimulatorFailed({ reason: cause instanceof Error ? cause.message : String(cause) })
      }),
      (simulator) => Effect.promise(() => simulator.stop())
    ),
    (simulator): AmlConfig.AmlConfigShape => ({
      ...read,
      apiUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      issuer: simulator.issuer,
      clientId: SIMULATOR_CLIENT.clientId,
      clientSecret: Redacted.make(SIMULATOR_CLIENT.clientSecret)
    })
  )
