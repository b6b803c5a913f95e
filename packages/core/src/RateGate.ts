import { Clock, Context, Effect, Layer } from "effect"
import { AmlConfig } from "./AmlConfig.js"
import { makeSlots, makeWaitLine } from "./internal/slots.js"

/**
 * One budget for every API call of the process, plus a cap on sessions in flight.
 *
 * The bucket is a GCRA (virtual scheduling): requests leave on a timeline spaced `1/rate`
 * apart, with `burst - 1` slots of tolerance. Waiting callers form a FIFO line; only its head
 * sleeps (until its slot), so they leave in order, never busy-wait, and a rate change applies
 * to the next request rather than to slots booked earlier.
 *
 * With a configured rate, every 429 pauses all calls for its `Retry-After`: the budget was
 * set by someone who knows the limit, so a 429 means something else is using it.
 *
 * Without a configured rate the gate is adaptive (AIMD): it starts modestly, grows quickly
 * until the first 429 (slow start), then grows by a few requests per second per second and
 * cuts the rate by 30 % on a 429, once per overload (429s to calls sent before the last cut
 * belong to the overload that caused it). The call that drew the 429
 * waits for its `Retry-After`; the others do not stop but go on at the reduced rate. Near the last rate that
 * drew a 429 the rate grows five times more slowly, so the gate dwells just below the limit.
 */
export interface RateGateShape {
  /** Waits for a request slot. */
  readonly acquire: Effect.Effect<void>
  /**
   * Takes a slot if one is free at `now` with nobody waiting (true), else takes nothing (false:
   * use `acquire`). For callers that already read the clock.
   */
  readonly unsafeTryAcquire: (now: number) => boolean
  /**
   * Reports a 429: fixed rate, pause everyone for `retryAfterMs`; adaptive, slow down. With
   * `sentAt` (clock time the request left) the adaptive gate cuts again for a request sent
   * after its last cut, which shows that the reduced rate is still too high.
   */
  readonly rateLimited: (retryAfterMs: number | undefined, sentAt?: number | undefined) => Effect.Effect<void>
  /** Reports an answer that was not a 429 (lets the adaptive rate grow). */
  readonly succeeded: Effect.Effect<void>
  /** `succeeded`, for callers inside a step that runs anyway. */
  readonly unsafeSucceeded: () => void
  /** Runs one session while holding one of the in-flight slots. */
  readonly withSessionSlot: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Current requests per second. */
  readonly rate: Effect.Effect<number>
}

export class RateGate extends Context.Tag("@nordscreen/core/RateGate")<RateGate, RateGateShape>() {}

export interface RateGateOptions {
  /** Fixed requests per second; undefined = adaptive. */
  readonly requestsPerSecond: number | undefined
  readonly burst: number
  readonly maxSessionsInFlight: number
  /** Adaptive: starting rate. */
  readonly initialRate?: number | undefined
  /** Adaptive: ceiling. */
  readonly maxRate?: number | undefined
  /** Adaptive: additive growth in requests per second, per second at full use. */
  readonly increasePerSecond?: number | undefined
  /** Adaptive: multiplicative cut on a 429. */
  readonly decreaseFactor?: number | undefined
}

interface State {
  /** Theoretical arrival time of the next request (GCRA). */
  readonly tat: number
  readonly rate: number
  readonly pausedUntil: number
  readonly lastCutAt: number
  readonly slowStart: boolean
  /** Adaptive: the rate that last drew a 429. */
  readonly limit: number | undefined
}

const MIN_RATE = 1
/** 429s closer together than this belong to one overload and cut the rate once. */
const CUT_WINDOW_MS = 1_000
const TIMER_RESOLUTION_MS = 1
/** Within this share of the last limit the rate grows at `NEAR_LIMIT_GROWTH` of its speed. */
const NEAR_LIMIT = 0.05
const NEAR_LIMIT_GROWTH = 0.2

export const makeRateGate = (options: RateGateOptions): Effect.Effect<RateGateShape> =>
  Effect.gen(function* () {
    const adaptive = options.requestsPerSecond === undefined
    const maxRate = options.maxRate ?? 1_000
    const increase = options.increasePerSecond ?? 2.5
    const decrease = options.decreaseFactor ?? 0.7
    const burst = Math.max(1, options.burst)
    const now0 = yield* Clock.currentTimeMillis
    // Plain mutable state: every update below is synchronous, hence atomic.
    let state: State = {
      tat: now0,
      rate: options.requestsPerSecond ?? options.initialRate ?? 10,
      pausedUntil: Number.NEGATIVE_INFINITY,
      lastCutAt: Number.NEGATIVE_INFINITY,
      slowStart: adaptive,
      limit: undefined
    }
    const sessions = makeSlots(options.maxSessionsInFlight)

    /**
     * When the next request may leave (GCRA); takes the slot when that is now. Only the head
     * of the line reserves, so no slot is ever booked far ahead at an outdated rate: a rate
     * that grows (slow start) or is cut (429) applies to the very next request.
     */
    const tryTake = (now: number, woke: boolean): number => {
      const s = state
      const interval = 1000 / s.rate
      const tolerance = (burst - 1) * interval
      // A head that slept for its slot wakes a little late; up to one interval of that is not
      // lost time, or the spacing would drift by every timer's lateness.
      const tat = Math.max(s.tat, woke ? now - interval : now, s.pausedUntil + tolerance)
      const allowedAt = Math.max(tat - tolerance, s.pausedUntil)
      // Timers cannot wait less than a millisecond: a slot due sooner is taken now, or a line
      // of heads each sleeping 1 ms would cap the gate at 1,000 requests per second.
      if (allowedAt > now + TIMER_RESOLUTION_MS) return allowedAt - now
      state = { ...s, tat: tat + interval }
      return 0
    }

    /** Whether a fiber is at the head of the line, waiting for the next slot. */
    let leading = false
    const line = makeWaitLine()
    const passLead = () => {
      leading = line.handOver()
    }

    /** The head sleeps until its slot (re-checked after every sleep), then hands the lead on. */
    const lead = (woke: boolean): Effect.Effect<void> =>
      Effect.clockWith((clock) => {
        const wait = tryTake(clock.unsafeCurrentTimeMillis(), woke)
        return wait > 0 ? Effect.zipRight(Effect.sleep(wait), lead(true)) : Effect.void
      })
    const leadThenPass = Effect.ensuring(lead(false), Effect.sync(passLead))

    const join: Effect.Effect<void> = Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        if (!leading) {
          leading = true
          return restore(leadThenPass)
        }
        return Effect.zipRight(line.wait(restore, passLead), restore(leadThenPass))
      })
    )

    // The common case: nobody waiting and the slot is free now, one clock read.
    const unsafeTryAcquire = (now: number): boolean => !leading && tryTake(now, false) === 0
    const acquire: Effect.Effect<void> = Effect.clockWith((clock) =>
      unsafeTryAcquire(clock.unsafeCurrentTimeMillis()) ? Effect.void : join
    )

    const rateLimited = (retryAfterMs: number | undefined, sentAt?: number | undefined) =>
      Effect.clockWith((clock) =>
        Effect.sync(() => {
          const now = clock.unsafeCurrentTimeMillis()
          const s = state
          if (!adaptive) {
            state = { ...s, pausedUntil: Math.max(s.pausedUntil, now + (retryAfterMs ?? 1_000)) }
            return
          }
          const sameOverload =
            sentAt === undefined
              ? now - s.lastCutAt < Math.max(CUT_WINDOW_MS, retryAfterMs ?? 0)
              : sentAt < s.lastCutAt
          if (sameOverload) return
          const rate = Math.max(MIN_RATE, s.rate * decrease)
          // Restart the timeline one slot from now, at the reduced rate.
          state = {
            ...s,
            rate,
            tat: now + 1000 / rate,
            lastCutAt: now,
            slowStart: false,
            limit: s.rate
          }
        })
      )

    const unsafeSucceeded = (): void => {
      if (!adaptive) return
      const s = state
      // Slow start adds one per answer (doubling per second at full use); afterwards
      // `increase / rate` per answer adds `increase` per second at full use.
      const near = s.limit !== undefined && Math.abs(s.rate - s.limit) <= s.limit * NEAR_LIMIT
      const step = s.slowStart ? 1 : (increase * (near ? NEAR_LIMIT_GROWTH : 1)) / s.rate
      state = { ...s, rate: Math.min(maxRate, s.rate + step) }
    }

    return {
      acquire,
      unsafeTryAcquire,
      rateLimited,
      succeeded: Effect.sync(unsafeSucceeded),
      unsafeSucceeded,
      withSessionSlot: sessions.withSlot,
      rate: Effect.sync(() => state.rate)
    } satisfies RateGateShape
  })

export const rateGateLayer: Layer.Layer<RateGate, never, AmlConfig> = Layer.effect(
  RateGate,
  Effect.flatMap(AmlConfig, (config) => makeRateGate(config.rate))
)
