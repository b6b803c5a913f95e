import { Context, type Effect, type Option, type Schema, type Scope } from "effect"
import type { JournalError, SessionTimedOut } from "./Errors.js"
import type { Readiness } from "./Readiness.js"
import type { SessionInfo } from "./SessionInfo.js"
import type { WebhookRequest } from "./SessionEvents.js"

/**
 * The port the session lifecycle is written against (architecture "Durable steps"). An
 * interpreter decides how steps are recorded and how a session is awaited: the embedded one
 * (`makeEmbeddedDurableSteps`) on a step journal in memory or in SQL with the in-process webhook
 * receiver, a workflow engine on its activities and durable deferreds. The lifecycle is linear
 * and never looks at what is recorded: everything it needs comes out of the port's results.
 *
 * Every operation is keyed by an execution key: one execution of the lifecycle for one entity.
 * Code between steps may run again on a replay; steps never run again once recorded.
 */

/** The schemas of a step's outcome. Every value must encode to JSON. */
export interface StepSchemas<A, I, E = never, EI = never> {
  readonly success: Schema.Schema<A, I>
  /**
   * The step's failures, for an interpreter that records them (a workflow engine). The embedded
   * interpreters record successes only: a failed step runs again in the next execution.
   */
  readonly error?: Schema.Schema<E, EI> | undefined
}

export interface AttemptOptions<A, E, U> {
  /** Run the step again although an earlier attempt left no result (`--retry-unknown`). */
  readonly retryUnknown: boolean
  /** The error for a step that was attempted but whose result is unknown. */
  readonly onUnknown: () => U
  /**
   * True for a failure after which the outside effect surely did not happen: the attempt is
   * then recorded `refused` instead of staying `attempted`. Omitted: no failure is.
   */
  readonly refused?: ((error: E) => boolean) | undefined
  /**
   * Finds the result of an attempt whose answer was lost (for a create: the session an
   * authenticated webhook names). Asked when the step failed after its marker with anything but
   * a refusal, and when a replay finds a marker without a result; a value found is recorded as
   * the step's result. Interruptible: it only waits and reads.
   */
  readonly recover?: Effect.Effect<Option.Option<A>> | undefined
}

/** How a create request reaches this execution's events, and how a lost create answer is found. */
export interface Subscription {
  /** The `webhook` of the create request; undefined when the interpreter only polls. */
  readonly webhook: WebhookRequest | undefined
  /**
   * The session an authenticated webhook for this execution named (also one that arrived
   * before the subscription), waiting up to `ms`; none without webhooks.
   */
  readonly sessionNamed: (ms: number) => Effect.Effect<Option.Option<string>>
}

/** A session to await; values only (recorded ones), so an interpreter can persist the wait. */
export interface AwaitedSession {
  readonly sessionId: string
  readonly sessionUrl: string
  /** Masked display label, for the timeout error. */
  readonly subject: string
  /** When the session was created, as recorded by its create step (ms since the epoch). */
  readonly createdAt: number
  /**
   * When waiting ends with `SessionTimedOut` (ms since the epoch), computed from recorded values
   * (`createdAt` + the session timeout), so a resumed execution keeps its deadline. A deadline
   * already passed still gets one look at the session.
   */
  readonly deadline: number
  /** The reports the create asked for: the session is ready when the JSON and all of them are. */
  readonly reports: ReadonlyArray<string>
}

/**
 * Steps are uninterruptible: an interruption lands before a step or after its result is
 * recorded, never between an outside effect and its record. Transient failures are retried
 * inside a step's effect (with a schedule); a step is never called again to retry it.
 */
export interface DurableStepsShape {
  /** Runs `effect` once per (execution, name) and records its result; a replay returns it. */
  readonly step: <A, I, E, EI, R>(
    executionKey: string,
    name: string,
    schemas: StepSchemas<A, I, E, EI>,
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | JournalError, R>
  /**
   * A step with an outside effect that must not happen twice (the create POST). `run` gets the
   * effect that records the "attempted" marker and must run it immediately before the outside
   * effect leaves the process (after any waiting for a token or a rate slot): a failure before
   * that point records nothing, as nothing was sent. Replayed with a marker but no result, the
   * step asks `recover`, then fails with `onUnknown()` unless `retryUnknown`. A failure
   * `options.refused` accepts records `refused`, and the next attempt runs without asking.
   */
  readonly attempt: <A, I, E, EI, R, U>(
    executionKey: string,
    name: string,
    schemas: StepSchemas<A, I, E, EI>,
    run: (markAttempted: Effect.Effect<void, JournalError>) => Effect.Effect<A, E | JournalError, R>,
    options: AttemptOptions<A, E, U>
  ) => Effect.Effect<A, E | U | JournalError, R>
  /**
   * This execution's events for the scope: open it before the create (its request carries the
   * webhook) and keep it open while the session is awaited.
   */
  readonly subscribe: (
    executionKey: string,
    reference: string
  ) => Effect.Effect<Subscription, never, Scope.Scope>
  /**
   * Waits until a webhook or a poll says the session reached a terminal state for what was
   * asked (`readinessOf`), whichever comes first; a webhook is only a hint that makes the
   * interpreter poll at once. `poll` asks the API once (none: no answer this time, ask again
   * soon). Durable: the outcome is recorded, so a replay makes no call; a restart waits on.
   */
  readonly awaitReady: <E>(
    executionKey: string,
    session: AwaitedSession,
    poll: Effect.Effect<Option.Option<SessionInfo>, E>
  ) => Effect.Effect<Readiness, E | SessionTimedOut | JournalError>
}

export class DurableSteps extends Context.Tag("@nordscreen/core/DurableSteps")<
  DurableSteps,
  DurableStepsShape
>() {}
