import { randomUUID } from "node:crypto"
import { Cause, Effect, Exit, ManagedRuntime, Option } from "effect"
import type { Adapter, RequestOptions, ValidationMode } from "./Adapter.js"
import { AmlConfig, type Environment, readEnvironment, validationModeOf } from "./AmlConfig.js"
import { amlEngineLayer, type EngineOptions } from "./AmlEngine.js"
import { hashKey } from "./hashKey.js"
import { type MetricsSnapshot, metricsSnapshot } from "./Metrics.js"
import { type Screening, SessionLifecycle } from "./SessionLifecycle.js"

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

/**
 * The engine for code that does not use Effect. Every function returns a Promise; a rejection
 * is the tagged error instance itself (`error._tag === "SessionFailed"`, ...).
 */
export interface AmlClient {
  readonly screen: <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    options?: ScreenOptions
  ) => Promise<Screening<Result>>
  /** Follows an existing session to its artifacts without creating one. */
  readonly resume: <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    sessionId: string,
    options?: ScreenOptions
  ) => Promise<Screening<Result>>
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

const run = <A, E>(
  runtime: ManagedRuntime.ManagedRuntime<SessionLifecycle | AmlConfig, unknown>,
  effect: Effect.Effect<A, E, SessionLifecycle | AmlConfig>
) => runtime.runPromiseExit(effect).then(settle)

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
  const runtime = ManagedRuntime.make(amlEngineLayer(options))
  const environment = environmentOf(options)

  const screenWith = <Input, Result>(
    adapter: Adapter<Input, Result>,
    input: Input,
    options: ScreenOptions,
    sessionId: string | undefined
  ): Promise<Screening<Result>> =>
    run(
      runtime,
      Effect.gen(function* () {
        const config = yield* AmlConfig
        const lifecycle = yield* SessionLifecycle
        const entityKey = options.entityKey ?? `${adapter.id}:${JSON.stringify(input)}`
        return yield* lifecycle.screen<Input, Result>({
          adapter,
          input,
          entityKey,
          subject: options.subject ?? `${adapter.id}/${hashKey(entityKey, config.keySecret).slice(0, 8)}`,
          executionKey: options.executionKey ?? `${entityKey}#${randomUUID()}`,
          options: options.request,
          sessionId,
          retryUnknown: options.retryUnknown
        })
      })
    )

  return {
    screen: (adapter, input, options = {}) => screenWith(adapter, input, options, undefined),
    resume: (adapter, input, sessionId, options = {}) => screenWith(adapter, input, options, sessionId),
    metrics: () => runtime.runPromise(metricsSnapshot),
    environment,
    validationMode: validationModeOf(environment),
    close: () => runtime.dispose()
  }
}
