import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Ref, TestClock } from "effect"
import { RateGate } from "../src/index.js"

const fixed = (requestsPerSecond: number, burst = 1, maxSessionsInFlight = 8) =>
  RateGate.makeRateGate({ requestsPerSecond, burst, maxSessionsInFlight })

/** Forks `n` acquires and counts how many went through. */
const acquireMany = (gate: Effect.Effect.Success<ReturnType<typeof fixed>>, n: number) =>
  Effect.gen(function* () {
    const done = yield* Ref.make(0)
    const fibers = yield* Effect.forEach(Array.from({ length: n }), () =>
      Effect.fork(
        Effect.zipRight(
          gate.acquire,
          Ref.update(done, (k) => k + 1)
        )
      )
    )
    return { done, fibers }
  })

describe("RateGate", () => {
  it.effect("spaces requests at the configured rate", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(10)
      const { done, fibers } = yield* acquireMany(gate, 5)
      yield* TestClock.adjust(250)
      expect(yield* Ref.get(done)).toBe(3)
      yield* TestClock.adjust(200)
      yield* Fiber.joinAll(fibers)
      expect(yield* Ref.get(done)).toBe(5)
    })
  )

  it.effect("takes a free slot synchronously, and leaves a busy one to acquire", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(10)
      const now = 0
      expect(gate.unsafeTryAcquire(now)).toBe(true)
      // The next slot is due 100 ms later: nothing is taken now.
      expect(gate.unsafeTryAcquire(now + 50)).toBe(false)
      const waiting = yield* Effect.fork(gate.acquire)
      yield* TestClock.adjust(99)
      expect(waiting.unsafePoll()).toBeNull()
      // Someone is waiting: a synchronous taker must not jump the line.
      expect(gate.unsafeTryAcquire(now + 150)).toBe(false)
      yield* TestClock.adjust(2)
      yield* Fiber.join(waiting)
    })
  )

  it.effect("lets a burst through at once", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(10, 3)
      const { done } = yield* acquireMany(gate, 5)
      yield* TestClock.adjust(0)
      expect(yield* Ref.get(done)).toBe(3)
    })
  )

  it.effect("a 429 pauses every caller for its Retry-After", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(100, 5)
      yield* gate.acquire
      yield* gate.rateLimited(1_000)
      const { done, fibers } = yield* acquireMany(gate, 2)
      yield* TestClock.adjust(900)
      expect(yield* Ref.get(done)).toBe(0)
      yield* TestClock.adjust(200)
      yield* Fiber.joinAll(fibers)
      expect(yield* Ref.get(done)).toBe(2)
    })
  )

  it.effect("adaptive: grows on success, cuts once per overload, keeps a fixed rate fixed", () =>
    Effect.gen(function* () {
      const gate = yield* RateGate.makeRateGate({
        requestsPerSecond: undefined,
        burst: 1,
        maxSessionsInFlight: 1,
        initialRate: 10
      })
      yield* Effect.repeatN(gate.succeeded, 9)
      expect(yield* gate.rate).toBe(20)
      yield* gate.rateLimited(1_000)
      yield* gate.rateLimited(1_000)
      expect(yield* gate.rate).toBeCloseTo(14)
      yield* Effect.repeatN(gate.succeeded, 13)
      expect(yield* gate.rate).toBeCloseTo(14 + 14 * (2.5 / 14), 0)
      const steady = yield* fixed(50)
      yield* steady.rateLimited(1_000)
      yield* steady.succeeded
      expect(yield* steady.rate).toBe(50)
    })
  )

  it.effect("adaptive: a rate raised while callers wait applies to the next request", () =>
    Effect.gen(function* () {
      const gate = yield* RateGate.makeRateGate({
        requestsPerSecond: undefined,
        burst: 1,
        maxSessionsInFlight: 1,
        initialRate: 1
      })
      const { done, fibers } = yield* acquireMany(gate, 5)
      yield* TestClock.adjust(0)
      expect(yield* Ref.get(done)).toBe(1)
      // Slow start: +1 per answer, from 1 to 10 requests per second.
      yield* Effect.repeatN(gate.succeeded, 8)
      expect(yield* gate.rate).toBe(10)
      yield* TestClock.adjust(1_000)
      expect(yield* Ref.get(done)).toBe(2)
      // The three still waiting leave 100 ms apart, not 1 s apart as booked at the old rate.
      yield* TestClock.adjust(300)
      yield* Fiber.joinAll(fibers)
      expect(yield* Ref.get(done)).toBe(5)
    })
  )

  it.effect("adaptive: a 429 cuts the rate without stopping the other callers", () =>
    Effect.gen(function* () {
      const gate = yield* RateGate.makeRateGate({
        requestsPerSecond: undefined,
        burst: 1,
        maxSessionsInFlight: 1,
        initialRate: 10
      })
      yield* gate.acquire
      yield* TestClock.adjust(10)
      yield* gate.rateLimited(1_000, 0)
      expect(yield* gate.rate).toBeCloseTo(7)
      const { done, fibers } = yield* acquireMany(gate, 2)
      // One slot at 7 requests per second (~143 ms) each, not the 1 s Retry-After.
      yield* TestClock.adjust(150)
      expect(yield* Ref.get(done)).toBe(1)
      yield* TestClock.adjust(150)
      yield* Fiber.joinAll(fibers)
      expect(yield* Ref.get(done)).toBe(2)
      // A 429 to a request sent before that cut belongs to the same overload: no second cut;
      // one sent after it shows the reduced rate is still too high.
      yield* gate.rateLimited(1_000, 5)
      expect(yield* gate.rate).toBeCloseTo(7)
      yield* gate.rateLimited(1_000, 20)
      expect(yield* gate.rate).toBeCloseTo(4.9)
    })
  )

  it.effect("caps sessions in flight", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(1_000, 1, 2)
      const running = yield* Ref.make(0)
      const peak = yield* Ref.make(0)
      const session = Effect.gen(function* () {
        const now = yield* Ref.updateAndGet(running, (k) => k + 1)
        yield* Ref.update(peak, (p) => Math.max(p, now))
        yield* Effect.sleep(100)
        yield* Ref.update(running, (k) => k - 1)
      })
      const fibers = yield* Effect.forEach(Array.from({ length: 5 }), () =>
        Effect.fork(gate.withSessionSlot(session))
      )
      yield* TestClock.adjust(1_000)
      yield* Fiber.joinAll(fibers)
      expect(yield* Ref.get(peak)).toBe(2)
    })
  )

  it.effect("hands session slots over in arrival order; an interrupted waiter gives its place up", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(1_000, 1, 1)
      const order = yield* Ref.make<ReadonlyArray<number>>([])
      const session = (id: number) =>
        gate.withSessionSlot(
          Effect.zipRight(
            Ref.update(order, (ids) => [...ids, id]),
            Effect.sleep(10)
          )
        )
      const first = yield* Effect.fork(session(1))
      yield* TestClock.adjust(1)
      const waiting = yield* Effect.forEach([2, 3, 4], (id) => Effect.fork(session(id)))
      yield* Fiber.interrupt(waiting[1] ?? first)
      yield* TestClock.adjust(100)
      yield* Fiber.joinAll([first, waiting[0] ?? first, waiting[2] ?? first])
      expect(yield* Ref.get(order)).toEqual([1, 2, 4])
      // Every slot came back: a new session starts at once.
      const late = yield* Effect.fork(session(5))
      yield* TestClock.adjust(20)
      yield* Fiber.join(late)
      expect(yield* Ref.get(order)).toEqual([1, 2, 4, 5])
    })
  )

  it.effect("a waiter interrupted as its slot is handed over passes the slot on", () =>
    Effect.gen(function* () {
      const gate = yield* fixed(1_000, 1, 1)
      const ran = yield* Ref.make(0)
      const holder = yield* Effect.fork(gate.withSessionSlot(Effect.sleep(10)))
      yield* TestClock.adjust(1)
      const doomed = yield* Effect.fork(gate.withSessionSlot(Ref.update(ran, (k) => k + 100)))
      const next = yield* Effect.fork(gate.withSessionSlot(Ref.update(ran, (k) => k + 1)))
      yield* TestClock.adjust(1)
      // The holder finishes (handing its slot to `doomed`) in the same step as `doomed` is interrupted.
      yield* Effect.zipRight(Fiber.interruptFork(doomed), TestClock.adjust(10))
      yield* Fiber.join(holder)
      yield* TestClock.adjust(1)
      yield* Fiber.join(next)
      expect((yield* Ref.get(ran)) % 100).toBe(1)
    })
  )
})
