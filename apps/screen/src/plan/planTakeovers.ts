import { Effect, Either, Option, Schema } from "effect"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { JournalShape, TakeoverRow, UnfinishedRow } from "../journal/Journal.js"
import { type RunPlanOptions, StoredFailure, StoredPlanOptions } from "../journal/records.js"

/** Contract §8: a result stays downloadable for two hours after it became READY. */
export const RESULT_LIFETIME_MS = 2 * 60 * 60 * 1000

/** Failures after which the session has nothing more to give (or gave everything already). */
const FINAL = new Set(["SessionFailed", "ResultExpired", "SessionNotFound", "ResultDecodeFailed"])

const PAGE = 1000

export interface TakeoverArgs {
  readonly journal: JournalShape
  readonly runId: string
  readonly inputSha256: string
  readonly environment: string
  readonly plan: RunPlanOptions
  /** Unknown create outcomes are then simply sent again: nothing to carry over for them. */
  readonly retryUnknown: boolean
  readonly now: Date
}

export interface TakeoverPlan {
  readonly fromRunId: string
  /** Sessions this run follows instead of creating them. */
  readonly sessions: number
  /** Entities with an unknown create outcome there: not sent again unless --retry-unknown. */
  readonly unknown: number
}

const decoded = <A, I>(schema: Schema.Schema<A, I>, text: string | null): A | undefined =>
  text === null ? undefined : Either.getOrUndefined(Schema.decodeUnknownEither(schema)(text))

/** The session would be created with the same request body (reports, expands, language). */
const sameRequests = (a: RunPlanOptions, b: RunPlanOptions): boolean =>
  JSON.stringify([a.reports, a.expands, a.language]) === JSON.stringify([b.reports, b.expands, b.language])

const latest = (...times: ReadonlyArray<string | null>): string =>
  times.reduce<string>((a, b) => (b !== null && b > a ? b : a), "")

/**
 * What this run inherits for one unfinished entity of the earlier run, if anything. Only the
 * runner's own records are read (never core's step journal): a `follow` makes this run continue
 * the execution that holds the entity's create (the earlier run's, or the one that run itself
 * continued), so core's durable steps replay that create, or report its outcome unknown.
 */
const inherit = (row: UnfinishedRow, fromRunId: string, now: Date): TakeoverRow | undefined => {
  const alive = (at: string) => Date.parse(at) + RESULT_LIFETIME_MS > now.getTime()
  const code = decoded(StoredFailure, row.failure_json)?.code
  if (code !== undefined && FINAL.has(code)) return undefined
  // Not sent again there either: the unanswered create stays unknown for its result lifetime.
  if (code === "CreateOutcomeUnknown" || row.takeover_state === "unknown") {
    const since = row.takeover_state === "unknown" ? (row.takeover_seen_at ?? row.updated_at) : row.updated_at
    return alive(since)
      ? { key: row.key, fromRunId, sessionId: null, state: "unknown", seenAt: since }
      : undefined
  }
  const continued = row.takeover_state === "follow" && row.takeover_from !== null
  const origin = continued ? (row.takeover_from ?? fromRunId) : fromRunId
  const sessionId = row.session_id ?? (continued ? row.takeover_session_id : null)
  const seenAt = latest(row.updated_at, row.takeover_seen_at)
  if (sessionId !== null)
    // The last moment the session was known to exist: its result lives two hours from its
    // readiness, which came at that moment or later.
    return alive(seenAt) ? { key: row.key, fromRunId: origin, sessionId, state: "follow", seenAt } : undefined
  // Failed before any session (every failure after a create names its session): nothing to inherit.
  if (row.status === "failed") return undefined
  // Still pending there: its create may have been in flight. Only its execution can tell.
  return { key: row.key, fromRunId: origin, sessionId: null, state: "follow", seenAt }
}

/**
 * Every session is a paid look-up. When the previous run of the same input (completed, or
 * abandoned with --fresh) left entities with a session but without their artifacts, and that
 * session may still hold its results, this run follows it rather than creating a new one;
 * entities whose create there has an unknown outcome are not sent again unless --retry-unknown.
 * Recorded in the journal with the plan, so a crash of this run keeps the decision.
 */
export const planTakeovers = (args: TakeoverArgs): Effect.Effect<TakeoverPlan | undefined, JournalFailed> =>
  Effect.gen(function* () {
    const { journal, runId } = args
    const previous = Option.getOrUndefined(yield* journal.previousRunOf(args.inputSha256, runId))
    if (previous === undefined || previous.environment !== args.environment) return undefined
    const previousPlan = decoded(StoredPlanOptions, previous.options_json)
    if (previousPlan === undefined || !sameRequests(previousPlan, args.plan)) return undefined
    let inherited = 0
    let unknown = 0
    // Page by page: a run the API failed wholesale can leave a million unfinished entities.
    for (let after = 0; ; ) {
      const rows = yield* journal.unfinishedIn(previous.run_id, runId, after, PAGE)
      const takeovers = rows.flatMap((row) => {
        const takeover = inherit(row, previous.run_id, args.now)
        return takeover === undefined || (args.retryUnknown && takeover.state === "unknown") ? [] : [takeover]
      })
      yield* journal.insertTakeovers(runId, takeovers)
      for (const t of takeovers) if (t.state === "unknown") unknown++
      inherited += takeovers.length
      const last = rows[rows.length - 1]
      if (last === undefined || rows.length < PAGE) break
      after = last.ordinal
    }
    return inherited === 0
      ? undefined
      : { fromRunId: previous.run_id, sessions: inherited - unknown, unknown }
  })
