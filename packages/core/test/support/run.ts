import { Effect, Either, type Layer, Logger, LogLevel } from "effect"
import { type Adapter, AdapterRegistry, type Errors, SessionLifecycle } from "../../src/index.js"
import { type TestOrgInput, type TestOrgResult, testOrgAdapter } from "./testAdapter.js"

/** Screens `input` with `adapter` (registered on first use) through the lifecycle's serialisable request. */
export const screenWith = <Result>(
  adapter: Adapter.Adapter<TestOrgInput, Result>,
  input: TestOrgInput,
  fields: Omit<SessionLifecycle.ScreenRequest, "adapterId" | "input">
) =>
  Effect.gen(function* () {
    yield* Effect.orDie(
      Effect.flatMap(AdapterRegistry.AdapterRegistry, (registry) => registry.ensure(adapter))
    )
    const request = yield* Effect.orDie(SessionLifecycle.makeScreenRequest(adapter, input, fields))
    const lifecycle = yield* SessionLifecycle.SessionLifecycle
    return yield* lifecycle.screen<Result>(request)
  })

/** Screens one organization number; the outcome is an Either so tests can look at failures. */
export const screenOrg = (
  number: string,
  extra: { readonly sessionId?: string; readonly executionKey?: string } = {}
) =>
  Effect.either(
    screenWith(
      testOrgAdapter,
      { organizationNumber: number },
      {
        entityKey: `test-org:${number}`,
        subject: number,
        ...extra
      }
    )
  )

export type Outcome = Either.Either<SessionLifecycle.Screening<TestOrgResult>, Errors.ScreeningError>

export const outcomeTag = (outcome: Outcome): string => (Either.isRight(outcome) ? "Done" : outcome.left._tag)

/** Runs `effect` on `layer`; the engine's info lines stay out of the test output. */
export const runWith = <A, E, R>(
  layer: Layer.Layer<R, unknown>,
  effect: Effect.Effect<A, E, R>
): Promise<A> =>
  Effect.runPromise(
    Effect.provide(effect, layer).pipe(Effect.orDie, Logger.withMinimumLogLevel(LogLevel.Warning))
  )
