import { Clock, Context, Effect, Layer } from "effect"
import { AmlConfig } from "./AmlConfig.js"
import { makeSlots } from "./internal/slots.js"

/**
 * One budget for every API call of the process, plus a cap on sessions in flight.
 *
 * The bucket is a GCRA (virtual scheduling): each request reserves the next slot on a timeline
 * spaced `1/rate` apart, with `burst - 1` slots of tolerance. Reserving is one atomic update,
 * so however many fibers call at once they leave in order and never busy-wait.
 *
 * Without a configured rate the gate is adaptive (AIMD): it starts modestly, grows quickly
 * until the first 429 (slow start), then grows by a few requests per second per second and
 * cuts the rate by 30 % on a 429, at most once per back-off window. Every 429 also pauses all
 * calls for its `Retry-After`.
 */
export interface RateGateShape {
  /** Waits for a request slot. */
  readonly acquire: Effect.Effect<void>
  /** Reports a 429: pause everyone for `retryAfterMs` and, when adaptive, slow down. */
  readonly rateLimited: (retryAfterMs: number | undefined) => Effect.Effect<void>
  /** Reports an answer that was not a 429 (lets the adaptive rate grow). */
  readonly succeeded: Effect.Effect<void>
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
}

const MIN_RATE = 1
/** 429s closer together than this belong to one overload and cut the rate once. */
const CUT_WINDOW_MS = 1_000

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
      slowStart: adaptive
    }
    const sessions = makeSlots(options.maxSessionsInFlight)

    /** Reserves the next slot on the timeline; returns how long to wait for it. */
    const reserve = (now: number): number => {
      const s = state
      const interval = 1000 / s.rate
      const tolerance = (burst - 1) * interval
      const tat = Math.max(s.tat, now, s.pausedUntil + tolerance)
      const allowedAt = Math.max(tat - tolerance, s.pausedUntil)
      state = { ...s, tat: tat + interval }
      return Math.max(0, allowedAt - now)
    }

    // One clock read when the slot is free now; a reservation in the past cannot be paused.
    const acquire: Effect.Effect<void> = Effect.clockWith((clock) => {
      const wait = reserve(clock.unsafeCurrentTimeMillis())
      return wait > 0 ? Effect.zipRight(Effect.sleep(wait), recheck) : Effect.void
    })
    /** A 429 that arrived while this fiber slept pauses it too. */
    const recheck: Effect.Effect<void> = Effect.clockWith((clock) =>
      state.pausedUntil > clock.unsafeCurrentTimeMillis() ? acquire : Effect.void
    )

    const rateLimited = (retryAfterMs: number | undefined) =>
      Effect.clockWith((clock) =>
        Effect.sync(() => {
          const now = clock.unsafeCurrentTimeMillis()
          const s = state
          const pausedUntil = Math.max(s.pausedUntil, now + (retryAfterMs ?? 1_000))
          state =
            !adaptive || now - s.lastCutAt < Math.max(CUT_WINDOW_MS, retryAfterMs ?? 0)
              ? { ...s, pausedUntil }
              : {
                  ...s,
                  pausedUntil,
                  rate: Math.max(MIN_RATE, s.rate * decrease),
                  lastCutAt: now,
                  slowStart: false
                }
        })
      )

    const succeeded = adaptive
      ? Effect.sync(() => {
          const s = state
          // Slow start adds one per answer (doubling per second at full use); afterwards
          // `increase / rate` per answer adds `increase` per second at full use.
          state = { ...s, rate: Math.min(maxRate, s.rate + (s.slowStart ? 1 : increase / s.rate)) }
        })
      : Effect.void

    return {
      acquire,
      rateLimited,
      succeeded,
      withSessionSlot: sessions.withSlot,
      rate: Effect.sync(() => state.rate)
    } satisfies RateGateShape
  })

export const rateGateLayer: Layer.Layer<RateGate, never, AmlConfig> = Layer.effect(
  RateGate,
  Effect.flatMap(AmlConfig, (config) => makeRateGate(config.rate))
)
