import { Effect, Either, type Layer, Logger, LogLevel } from "effect"
import type { ScreeningError, Screening } from "../../src/index.js"
import { SessionLifecycle } from "../../src/index.js"
import { type TestOrgResult, testOrgAdapter } from "./testAdapter.js"

/** Screens one organization number; the outcome is an Either so tests can look at failures. */
export const screenOrg = (
  number: string,
  extra: { readonly sessionId?: string; readonly executionKey?: string } = {}
) =>
  Effect.flatMap(SessionLifecycle, (lifecycle) =>
    Effect.either(
      lifecycle.screen({
        adapter: testOrgAdapter,
        input: { organizationNumber: number },
        entityKey: `test-org:${number}`,
        subject: number,
        ...extra
      })
    )
  )

export type Outcome = Either.Either<Screening<TestOrgResult>, ScreeningError>

export const outcomeTag = (outcome: Outcome): string => (Either.isRight(outcome) ? "Done" : outcome.left._tag)

/** Runs `effect` on `layer`; the engine's info lines stay out of the test output. */
export const runWith = <A, E, R>(
  layer: Layer.Layer<R, unknown>,
  effect: Effect.Effect<A, E, R>
): Promise<A> =>
  Effect.runPromise(
    Effect.provide(effect, layer).pipe(Effect.orDie, Logger.withMinimumLogLevel(LogLevel.Warning))
  )
