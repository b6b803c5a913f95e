import { Effect, Either, Option, Schema } from "effect"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { JournalShape, TakeoverRow, UnfinishedRow } from "../journal/Journal.js"
import { type RunPlanOptions, StoredFailure, StoredPlanOptions } from "../journal/records.js"

/** Contract §8: a result stays downloadable for two hours after it became READY. */
export const RESULT_LIFETIME_MS = 2 * 60 * 60 * 1000

/** Failures after which the session has nothing more to give (or gave everything already). */
const FINAL = new Set(["SessionFailed", "ResultExpired", "SessionNotFound", "ResultDecodeFailed"])

const PAGE = 1000

const CreatedSessionId = Schema.parseJson(Schema.Struct({ sessionId: Schema.String }))

/** Temporary, until a takeover continues the earlier run's execution key through core's port. */
export interface CreateStepRecord {
  readonly state: "attempted" | "refused" | "done"
  readonly valueJson: string | null
  readonly attemptedAt: string
  readonly doneAt: string | null
}

export interface TakeoverArgs {
  readonly journal: JournalShape
  /** Temporary: the earlier run's record of an entity's create step (core's step table). */
  readonly createStep: (
    runId: string,
    key: string
  ) => Effect.Effect<CreateStepRecord | undefined, JournalFailed>
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

/** What this run inherits for one unfinished entity of the earlier run, if anything. */
const inherit = (
  row: UnfinishedRow,
  create: CreateStepRecord | undefined,
  fromRunId: string,
  now: Date
): TakeoverRow | undefined => {
  const alive = (at: string) => Date.parse(at) + RESULT_LIFETIME_MS > now.getTime()
  const code = decoded(StoredFailure, row.failure_json)?.code
  if (code !== undefined && FINAL.has(code)) return undefined
  const created =
    create?.state === "done" ? decoded(CreatedSessionId, create.valueJson)?.sessionId : undefined
  const followed = row.takeover_state === "follow" ? row.takeover_session_id : null
  const sessionId = row.session_id ?? created ?? followed
  if (sessionId !== null) {
    // The last moment the session was known to exist: its result lives two hours from its
    // readiness, which came at that moment or later.
    const seenAt = latest(row.updated_at, create?.doneAt ?? null)
    return alive(seenAt) ? { key: row.key, fromRunId, sessionId, state: "follow", seenAt } : undefined
  }
  const unknownSince =
    create?.state === "attempted"
      ? create.attemptedAt
      : row.takeover_state === "unknown"
        ? row.takeover_seen_at
        : null
  return unknownSince !== null && alive(unknownSince)
    ? { key: row.key, fromRunId, sessionId: null, state: "unknown", seenAt: unknownSince }
    : undefined
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
      const creates = yield* Effect.forEach(rows, (row) => args.createStep(previous.run_id, row.key))
      const takeovers = rows.flatMap((row, i) => {
        const takeover = inherit(row, creates[i], previous.run_id, args.now)
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
