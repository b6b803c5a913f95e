import { Effect, Exit } from "effect"

interface Waiter {
  resume: ((effect: Effect.Effect<void>) => void) | undefined
  /** Set when a released slot was handed to this waiter. */
  granted: boolean
}

/**
 * A counting semaphore that hands a released slot to the longest waiter and wakes only that
 * one. Effect's semaphore wakes every waiter on each release (each re-checks, most go back to
 * sleep), which is O(waiters) per release: with thousands of queued sessions it dominated the
 * engine's CPU time.
 */
export const makeSlots = (permits: number) => {
  let free = permits
  let waiters: Array<Waiter | undefined> = []
  let head = 0

  const release = (): void => {
    while (head < waiters.length) {
      const next = waiters[head]
      waiters[head++] = undefined
      if (head > 1_024 && head * 2 > waiters.length) {
        waiters = waiters.slice(head)
        head = 0
      }
      if (next === undefined) continue
      next.granted = true
      next.resume?.(Effect.void)
      return
    }
    free++
  }
  const released = Effect.sync(release)

  /** Leaves the queue, or passes on a slot that was handed over just as the waiter was interrupted. */
  const abandon = (waiter: Waiter) =>
    Effect.sync(() => {
      if (waiter.granted) return release()
      const index = waiters.indexOf(waiter, head)
      if (index >= 0) waiters[index] = undefined
    })

  const withSlot = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        if (free > 0) {
          free--
          return Effect.ensuring(restore(self), released)
        }
        const waiter: Waiter = { resume: undefined, granted: false }
        waiters.push(waiter)
        const wait = Effect.async<void>((resume) => {
          if (waiter.granted) resume(Effect.void)
          else waiter.resume = resume
        })
        return restore(wait).pipe(
          Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : abandon(waiter))),
          Effect.zipRight(Effect.ensuring(restore(self), released))
        )
      })
    )

  return { withSlot, free: () => free }
}
