import { Layer } from "effect"
import { type AccessTokens, accessTokensLayer } from "./AccessTokens.js"
import type { AnyAdapter } from "./Adapter.js"
import { type AdapterRegistry, adapterRegistryLayer } from "./AdapterRegistry.js"
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
import {
  DurableSteps,
  type DurableStepsShape,
  makeDurableSteps,
  makeMemoryJournal,
  type StepJournal
} from "./DurableSteps.js"
import type { AdapterConflict, AmlConfigError } from "./Errors.js"
import { type LoggingOptions, loggingLayer } from "./Logging.js"
import { type RateGate, rateGateLayer } from "./RateGate.js"
import { type SessionEvents, sessionEventsLayer } from "./SessionEvents.js"
import { type SessionLifecycle, sessionLifecycleLayer } from "./SessionLifecycle.js"

export interface EngineOptions {
  /** Where settings come from (flags > env > file > defaults). Ignored when `settings` is given. */
  readonly config?: ConfigSources | undefined
  /** Settings already resolved (skips reading and discovery). */
  readonly settings?: AmlConfigShape | undefined
  /** Step journal; default in memory. Ignored when `steps` is given. */
  readonly journal?: StepJournal | undefined
  /** A whole durable-steps interpreter (its own step semantics); default `makeDurableSteps(journal)`. */
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
  const services = Layer.mergeAll(
    accessTokensLayer({ assertion: options.assertion }),
    rateGateLayer,
    sessionEventsLayer,
    Layer.succeed(DurableSteps, options.steps ?? makeDurableSteps(options.journal ?? makeMemoryJournal())),
    Layer.sync(ArtifactSink, () => options.sink ?? makeMemoryArtifactSink()),
    adapterRegistryLayer(options.adapters ?? [])
  ).pipe(Layer.provideMerge(foundation))
  const engine = sessionLifecycleLayer.pipe(
    Layer.provideMerge(amlHttpLayer.pipe(Layer.provideMerge(services)))
  )
  const logging = options.logging === undefined ? Layer.empty : loggingLayer(options.logging)
  return Layer.provideMerge(engine, logging)
}
