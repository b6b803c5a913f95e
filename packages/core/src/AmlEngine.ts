import { Effect, Layer } from "effect"
import { type AccessTokens, accessTokensLayer } from "./AccessTokens.js"
import type { AnyAdapter } from "./Adapter.js"
import { AdapterRegistry, adapterRegistryLayer } from "./AdapterRegistry.js"
import {
  type AmlConfig,
  amlConfigFrom,
  amlConfigLayer,
  type AmlConfigShape,
  type AssertionProvider,
  type ConfigSources
} from "./AmlConfig.js"
import { type AmlHttp, amlHttpLayer, nodeHttpClientLayer } from "./AmlHttp.js"
import { ArtifactSink, type ArtifactSinkShape, makeMemoryArtifactSink } from "./ArtifactSink.js"
import { DurableSteps, type DurableStepsShape } from "./DurableSteps.js"
import { embeddedDurableStepsLayer } from "./EmbeddedDurableSteps.js"
import type { AdapterConflict, AmlConfigError } from "./Errors.js"
import { type LoggingOptions, loggingLayer } from "./Logging.js"
import { type RateGate, rateGateLayer } from "./RateGate.js"
import { type SessionEvents, sessionEventsLayer } from "./SessionEvents.js"
import { type SessionLifecycle, sessionLifecycleLayer } from "./SessionLifecycle.js"
import { makeMemoryJournal, type StepJournal } from "./StepJournal.js"

export interface EngineOptions {
  /** Where settings come from (flags > env > file > defaults). Ignored when `settings` is given. */
  readonly config?: ConfigSources | undefined
  /** Settings already resolved (skips reading and discovery). */
  readonly settings?: AmlConfigShape | undefined
  /**
   * Journal of the embedded durable-steps interpreter; default in memory. On SQL:
   * `makeSqlStepJournal` of `@nordscreen/core/sql`. Ignored when `steps` is given.
   */
  readonly journal?: StepJournal | undefined
  /** Another durable-steps interpreter (e.g. a workflow engine's); default the embedded one. */
  readonly steps?: DurableStepsShape | undefined
  /** Where JSON results and PDFs go; default in memory. */
  readonly sink?: ArtifactSinkShape | undefined
  readonly adapters?: ReadonlyArray<AnyAdapter> | undefined
  /** Signs client assertions for `private_key_jwt`. */
  readonly assertion?: AssertionProvider | undefined
  /** pino logging; omitted = Effect's default logger stays in place. */
  readonly logging?: LoggingOptions | undefined
}

export type Engine =
  | AmlConfig
  | AccessTokens
  | AmlHttp
  | RateGate
  | SessionEvents
  | SessionLifecycle
  | DurableSteps
  | ArtifactSink
  | AdapterRegistry

export type EngineError = AmlConfigError | AdapterConflict

/** Every service of the engine, on Node's HTTP client and server. */
export const amlEngineLayer = (options: EngineOptions = {}): Layer.Layer<Engine, EngineError> => {
  const config =
    options.settings === undefined
      ? amlConfigLayer(options.config).pipe(Layer.provide(nodeHttpClientLayer))
      : amlConfigFrom(options.settings)
  const foundation = Layer.merge(config, nodeHttpClientLayer)
  const steps =
    options.steps === undefined
      ? Layer.unwrapEffect(
          Effect.sync(() => embeddedDurableStepsLayer(options.journal ?? makeMemoryJournal()))
        )
      : Layer.succeed(DurableSteps, options.steps)
  // One registry for the engine and the logger, which redacts the identity numbers of its adapters.
  const registry = adapterRegistryLayer(options.adapters ?? [])
  const base = Layer.mergeAll(
    accessTokensLayer({ assertion: options.assertion }),
    rateGateLayer,
    sessionEventsLayer,
    Layer.sync(ArtifactSink, () => options.sink ?? makeMemoryArtifactSink()),
    registry
  ).pipe(Layer.provideMerge(foundation))
  const services = Layer.provideMerge(steps, base)
  const engine = sessionLifecycleLayer.pipe(
    Layer.provideMerge(amlHttpLayer.pipe(Layer.provideMerge(services)))
  )
  const logging =
    options.logging === undefined
      ? Layer.empty
      : Layer.unwrapEffect(
          Effect.map(AdapterRegistry, (adapters) =>
            loggingLayer({ ...options.logging, identityNumbers: adapters.redaction })
          )
        ).pipe(Layer.provide(registry))
  return Layer.provideMerge(engine, logging)
}
