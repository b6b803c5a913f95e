import { randomUUID } from "node:crypto"
import { Cause, Effect, Exit, ManagedRuntime, Option } from "effect"
import type { Adapter, RequestOptions, ValidationMode } from "./Adapter.js"
import {
  AmlConfig,
  type AmlConfigShape,
  type Environment,
  readEnvironment,
  validationModeOf
} from "./AmlConfig.js"
import { amlEngineLayer, type EngineOptions } from "./AmlEngine.js"
import { makeMemoryArtifactSink } from "./ArtifactSink.js"
import { AdapterRegistry, type AdapterRegistryShape } from "./AdapterRegistry.js"
import type { ArtifactRef } from "./Errors.js"
import { hashKey } from "./hashKey.js"
import { type MetricsSnapshot, metricsSnapshot } from "./Metrics.js"
import {
  makeScreenRequest,
  type Screening,
  SessionLifecycle,
  type SessionLifecycleShape
} from "./SessionLifecycle.js"
import { makeMemoryJournal } from "./StepJournal.js"

export interface ScreenOptions {
  /** The adapter's entity key; default derived from the input. Never logged or sent. */
  readonly entityKey?: string | undefined
  /** Masked display label; default `<adapter>/<hash>`. */
  readonly subject?: string | undefined
  /** Default: a fresh key per call, so every call is a new look-up. */
  readonly executionKey?: string | undefined
  readonly request?: RequestOptions | undefined
  readonly retryUnknown?: boolean | undefined
}

/** The downloaded documents of a screening, handed back when the client keeps them in memory. */
export interface ScreeningDocuments {
  readonly json: Uint8Array
  readonly reports: Readonly<Record<string, Uint8Array>>
}

/**
 * A screening of the Promise API. Without a `sink` of its own the client keeps nothing: the
 * documents come back here (and errors that point at stored artifacts can be read with
 * `client.takeArtifact`).
 */
export type ClientScreening<Result> = Screening<Result> & {
  readonly documents?: ScreeningDocuments | undefined
}

/**
 * The engine for code that does not use Effect. Every function returns a Promise; a rejection
 * is the tagged error instance itself (`error._tag === "SessionFailed"`, ...).
 */
export interface AmlClient {
  readonly screen: <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    options?: ScreenOptions
  ) => Promise<ClientScreening<Result>>
  /** Follows an existing session to its artifacts without creating one. */
  readonly resume: <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    sessionId: string,
    options?: ScreenOptions
  ) => Promise<ClientScreening<Result>>
  /**
   * The bytes of an artifact an error points at (`SessionFailed.artifacts`,
   * `ResultDecodeFailed.json`), handed over once; undefined with a `sink` of your own.
   */
  readonly takeArtifact: (ref: ArtifactRef) => Uint8Array | undefined
  readonly metrics: () => Promise<MetricsSnapshot>
  /** The configured environment (set by `createAmlClient`). */
  readonly environment?: Environment | undefined
  /** Identifier validation for this environment: `test` in `simulator` and `preprod`. */
  readonly validationMode?: ValidationMode | undefined
  /** Stops the webhook receiver and closes connections. */
  readonly close: () => Promise<void>
}

/** Rejects with the typed failure itself rather than a FiberFailure wrapper. */
const settle = <A, E>(exit: Exit.Exit<A, E>): Promise<A> => {
  if (Exit.isSuccess(exit)) return Promise.resolve(exit.value)
  const failure = Cause.failureOption(exit.cause)
  return Promise.reject(Option.isSome(failure) ? failure.value : Cause.squash(exit.cause))
}

const run = <A, E, R>(runtime: ManagedRuntime.ManagedRuntime<R, unknown>, effect: Effect.Effect<A, E, R>) =>
  runtime.runPromiseExit(effect).then(settle)

/**
 * The environment, read synchronously from the same sources as the engine. When the setting
 * is malformed every call fails with that `AmlConfigError` anyway; until then the strict
 * `prod` is assumed.
 */
const environmentOf = (options: EngineOptions): Environment => {
  if (options.settings !== undefined) return options.settings.environment
  const read = Effect.runSyncExit(readEnvironment(options.config))
  return Exit.isSuccess(read) ? read.value : "prod"
}

export const createAmlClient = (options: EngineOptions = {}): AmlClient => {
  // Without a sink or journal of the caller's, the client owns in-memory ones and keeps them
  // from growing: documents go back with each screening, one-off executions are forgotten.
  const memorySink = options.sink === undefined ? makeMemoryArtifactSink() : undefined
  const memoryJournal =
    options.steps === undefined && options.journal === undefined ? makeMemoryJournal() : undefined
  const runtime = ManagedRuntime.make(
    amlEngineLayer({
      ...options,
      ...(memorySink === undefined ? {} : { sink: memorySink }),
      ...(memoryJournal === undefined ? {} : { journal: memoryJournal })
    })
  )
  const environment = environmentOf(options)

  const handBack = <Result>(screening: Screening<Result>): ClientScreening<Result> => {
    if (memorySink === undefined) return screening
    const json = memorySink.take(screening.json.path)
    const reports: Record<string, Uint8Array> = {}
    for (const [type, ref] of Object.entries(screening.reports)) {
      const bytes = memorySink.take(ref.path)
      if (bytes !== undefined) reports[type] = bytes
    }
    return json === undefined ? screening : { ...screening, documents: { json, reports } }
  }

  // Resolved once: a screening then starts with the lifecycle call itself.
  let services: Promise<readonly [AmlConfigShape, SessionLifecycleShape, AdapterRegistryShape]> | undefined
  const resolved = () => {
    services ??= run(runtime, Effect.all([AmlConfig, SessionLifecycle, AdapterRegistry] as const))
    return services
  }

  const screenWith = <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    options: ScreenOptions,
    sessionId: string | undefined
  ): Promise<Screening<Result>> =>
    resolved().then(([config, lifecycle, registry]) => {
      const entityKey = options.entityKey ?? `${adapter.id}:${JSON.stringify(input)}`
      const oneOff = options.executionKey === undefined
      const executionKey = options.executionKey ?? `${entityKey}#${randomUUID()}`
      const request = makeScreenRequest(adapter, input, {
        entityKey,
        subject: options.subject ?? `${adapter.id}/${hashKey(entityKey, config.keySecret).slice(0, 8)}`,
        executionKey,
        options: options.request,
        sessionId,
        retryUnknown: options.retryUnknown
      })
      const screened = run(
        runtime,
        Effect.zipRight(
          registry.ensure(adapter),
          Effect.flatMap(request, (r) => lifecycle.screen<Result>(r))
        )
      )
      // A generated execution key can never be replayed: its steps need not be kept.
      const forget = () => {
        if (oneOff) memoryJournal?.forget(executionKey)
      }
      return screened.finally(forget).then(handBack)
    })

  return {
    screen: (adapter, input, options = {}) => screenWith(adapter, input, options, undefined),
    resume: (adapter, input, sessionId, options = {}) => screenWith(adapter, input, options, sessionId),
    takeArtifact: (ref) => memorySink?.take(ref.path),
    metrics: () => runtime.runPromise(metricsSnapshot),
    environment,
    validationMode: validationModeOf(environment),
    close: () => runtime.dispose()
  }
}
