import { AmlClient, AmlEngine, type Lookup } from "@nordscreen/core"
import { type Simulator, type SimulatorOptions, startSimulator } from "@nordscreen/simulator"
import { Effect, Either, Layer, Logger, LogLevel, ManagedRuntime } from "effect"
import { afterAll, beforeAll } from "vitest"

/** What an adapter's Effect look-up returns, whatever its query and result types. */
export type LookupRun = ReturnType<Lookup.LookupEffect<never, unknown>>

/** A look-up settled: the screening, or what it failed with (a tagged error of the core). */
export type LookupOutcome = Either.Either<Lookup.Lookup<unknown>, unknown>

export interface SimulatorEngine {
  readonly simulator: () => Simulator
  /** The Promise API's client, pointed at the simulator. */
  readonly client: () => AmlClient.AmlClient
  /** Runs an Effect look-up on a fresh engine, without its progress lines. */
  readonly runEffect: (lookup: LookupRun) => Promise<LookupOutcome>
  /** Settles a Promise look-up the way `runEffect` does, so both APIs meet the same assertions. */
  readonly runPromise: (lookup: Promise<Lookup.Lookup<unknown>>) => Promise<LookupOutcome>
}

/**
 * One simulator for the calling test file (started in `beforeAll`, stopped in `afterAll`), with
 * the core engine and a Promise client configured for it as an application would be.
 */
export const useSimulatorEngine = (
  setup: {
    /** More simulator options (e.g. `strict`, `sessionInfoForm`). */
    readonly simulator?: SimulatorOptions
    /** More engine settings, as flags (e.g. `env`, `wireProfile`, `wireProfileFile`). */
    readonly flags?: Readonly<Record<string, string | number>>
  } = {}
): SimulatorEngine => {
  let simulator: Simulator | undefined
  let engine: AmlEngine.EngineOptions = {}
  let client: AmlClient.AmlClient | undefined
  beforeAll(async () => {
    simulator = await startSimulator({
      port: 0,
      jsonDelayMs: 20,
      reportDelayMs: 20,
      webhookRetryScale: 0.001,
      ...setup.simulator
    })
    const { url: apiUrl, tokenUrl, issuer } = simulator
    const flags = {
      env: "simulator",
      apiUrl,
      tokenUrl,
      issuer,
      pollFastMs: 50,
      retryBaseMs: 10,
      ...setup.flags
    }
    engine = { config: { env: {}, flags } }
    client = AmlClient.createAmlClient(engine)
  })
  afterAll(async () => {
    await client?.close()
    await simulator?.stop()
  })
  return {
    simulator: () => simulator!,
    client: () => client!,
    runEffect: async (lookup) => {
      const runtime = ManagedRuntime.make(
        Layer.merge(AmlEngine.amlEngineLayer(engine), Logger.minimumLogLevel(LogLevel.Error))
      )
      try {
        return await runtime.runPromise(Effect.either(lookup))
      } finally {
        await runtime.dispose()
      }
    },
    runPromise: (lookup) =>
      lookup.then(
        (value) => Either.right(value),
        (error: unknown) => Either.left(error)
      )
  }
}
