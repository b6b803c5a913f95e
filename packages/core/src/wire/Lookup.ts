import { randomUUID } from "node:crypto"
import { Data, Effect, Either } from "effect"
import type { Adapter, RequestOptions, RowField, RowIssue, ValidationMode } from "../Adapter.js"
import type { AmlClient } from "../AmlClient.js"
import { AmlConfig, validationModeOf } from "../AmlConfig.js"
import type { ScreeningError } from "../Errors.js"
import { AdapterRegistry } from "../AdapterRegistry.js"
import type { AdapterConflict } from "../Errors.js"
import { makeScreenRequest, type Screening, SessionLifecycle } from "../SessionLifecycle.js"
import { chooseExpands, describeUnknownExpand, reportsOf } from "./Expands.js"
import { portfolioRow } from "./RowCells.js"

/** A look-up that failed the adapter's row rules; nothing was sent. */
export class InvalidLookup extends Data.TaggedError("InvalidLookup")<{
  readonly adapter: string
  readonly issue: RowIssue
  readonly warnings: ReadonlyArray<RowIssue>
}> {
  override get message(): string {
    return `${this.adapter}: ${this.issue.code} ${this.issue.message}`
  }
}

/** What identifies the entity, as the portfolio columns would (numbers count as numeric cells). */
export type LookupValues = Readonly<Partial<Record<RowField, string | number>>>

export interface LookupOptions extends RequestOptions {
  /**
   * Identifier rules (identifiers.md §0). The Effect API follows the configured environment;
   * the Promise API cannot see it and defaults to `production` — pass `test` for the simulator
   * and preprod, whose synthetic numbers production mode rejects.
   */
  readonly mode?: ValidationMode | undefined
  /** Default: a fresh key per call, so every call is a new (paid) look-up. */
  readonly executionKey?: string | undefined
  readonly retryUnknown?: boolean | undefined
}

export interface Lookup<Result> extends Screening<Result> {
  /**
   * `W_*` findings of the input (e.g. `W_DOB_MISMATCH`), masked, and of the options
   * (`W_UNKNOWN_EXPAND`: an expand or report the adapter does not know, sent as is).
   */
  readonly warnings: ReadonlyArray<RowIssue>
}

export type LookupError = InvalidLookup | ScreeningError | AdapterConflict

interface Prepared<Input> {
  readonly input: Input
  readonly entityKey: string
  readonly subject: string
  readonly warnings: ReadonlyArray<RowIssue>
  readonly request: RequestOptions
  readonly executionKey: string
}

/**
 * Validates the input the way a portfolio row is validated, before anything is paid for. An
 * expand the adapter does not know is sent anyway, with a `W_UNKNOWN_EXPAND` warning.
 */
export const prepareLookup = <Input, Result>(
  adapter: Adapter<Input, Result>,
  values: LookupValues,
  options: LookupOptions,
  mode: ValidationMode
): Either.Either<Prepared<Input>, InvalidLookup> => {
  const { expands, unknown } = chooseExpands(adapter, options)
  const parsed = adapter.parseRow(portfolioRow(values), mode)
  if (parsed._tag === "Rejected") {
    return Either.left(
      new InvalidLookup({ adapter: adapter.id, issue: parsed.issue, warnings: parsed.warnings })
    )
  }
  const expandWarnings = unknown.map(
    (entry): RowIssue => ({
      code: "W_UNKNOWN_EXPAND",
      field: undefined,
      message: describeUnknownExpand(adapter.id, entry)
    })
  )
  return Either.right({
    input: parsed.input,
    entityKey: parsed.entityKey,
    subject: parsed.subject,
    warnings: [...parsed.warnings, ...expandWarnings],
    // The engine waits for exactly the reports named here, so they must match the expands.
    request: { expands, reports: reportsOf(expands), language: options.language },
    executionKey: options.executionKey ?? `${parsed.entityKey}#${randomUUID()}`
  })
}

/** One look-up through the core session lifecycle (Effect API). */
export const lookupEffect = <Input, Result>(
  adapter: Adapter<Input, Result>,
  values: LookupValues,
  options: LookupOptions = {}
): Effect.Effect<Lookup<Result>, LookupError, SessionLifecycle | AmlConfig | AdapterRegistry> =>
  Effect.gen(function* () {
    const config = yield* AmlConfig
    const prepared = yield* prepareLookup(
      adapter,
      values,
      options,
      options.mode ?? validationModeOf(config.environment)
    )
    const lifecycle = yield* SessionLifecycle
    yield* Effect.flatMap(AdapterRegistry, (registry) => registry.ensure(adapter))
    const request = yield* makeScreenRequest(adapter, prepared.input, {
      entityKey: prepared.entityKey,
      subject: prepared.subject,
      executionKey: prepared.executionKey,
      options: prepared.request,
      retryUnknown: options.retryUnknown
    })
    const screening = yield* lifecycle.screen<Result>(request)
    return { ...screening, warnings: prepared.warnings }
  })

/** One look-up through an `AmlClient` (Promise API); rejects with the tagged error itself. */
export const lookupPromise = async <Input, Result>(
  client: AmlClient,
  adapter: Adapter<Input, Result>,
  values: LookupValues,
  options: LookupOptions = {}
): Promise<Lookup<Result>> => {
  const prepared = prepareLookup(adapter, values, options, options.mode ?? "production")
  if (Either.isLeft(prepared)) throw prepared.left
  const { input, entityKey, subject, executionKey, request, warnings } = prepared.right
  const screening = await client.screen(adapter, input, {
    entityKey,
    subject,
    executionKey,
    request,
    retryUnknown: options.retryUnknown
  })
  return { ...screening, warnings }
}

/** An adapter's Effect look-up: runs on the core engine (`amlEngineLayer`). */
export type LookupEffect<Query, Result> = (
  query: Query,
  options?: LookupOptions
) => Effect.Effect<Lookup<Result>, LookupError, SessionLifecycle | AmlConfig | AdapterRegistry>

/** An adapter's Promise look-up: runs on an `AmlClient` of the core. */
export type LookupPromise<Query, Result> = (
  query: Query,
  options: LookupOptions & { readonly client: AmlClient }
) => Promise<Lookup<Result>>

/**
 * The Effect and Promise look-up functions of one adapter, taking the adapter's own query shape
 * (e.g. an organization number string) and turning it into portfolio values.
 */
export const makeLookupApi = <Query, Input, Result>(
  adapter: Adapter<Input, Result>,
  toValues: (query: Query) => LookupValues
): { readonly effect: LookupEffect<Query, Result>; readonly promise: LookupPromise<Query, Result> } => ({
  effect: (query, options) => lookupEffect(adapter, toValues(query), options),
  promise: (query, options) => lookupPromise(options.client, adapter, toValues(query), options)
})
