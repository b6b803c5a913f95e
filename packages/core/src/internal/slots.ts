import { Effect, Exit } from "effect"

interface Waiter {
  resume: ((effect: Effect.Effect<void>) => void) | undefined
  /** Set when a turn was handed to this waiter. */
  granted: boolean
}

/**
 * A FIFO of fibers waiting for a turn that is handed to exactly one of them at a time. Effect's
 * semaphore wakes every waiter on each release (each re-checks, most go back to sleep), which
 * is O(waiters) per release: with thousands of queued sessions it dominated the engine's CPU.
 */
export const makeWaitLine = () => {
  let waiters: Array<Waiter | undefined> = []
  let head = 0

  /** Gives the turn to the longest waiter; false when nobody waits. */
  const handOver = (): boolean => {
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
      return true
    }
    return false
  }

  /**
   * Waits for a turn. Runs `onAbandon` if the fiber is interrupted after its turn was handed
   * over (so the turn can be passed on); must run uninterruptibly, with `restore` around it.
   */
  const wait = (
    restore: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>,
    onAbandon: () => void
  ) =>
    Effect.suspend(() => {
      const waiter: Waiter = { resume: undefined, granted: false }
      waiters.push(waiter)
      const turn = Effect.async<void>((resume) => {
        if (waiter.granted) resume(Effect.void)
        else waiter.resume = resume
      })
      return Effect.onExit(restore(turn), (exit) =>
        Exit.isSuccess(exit)
          ? Effect.void
          : Effect.sync(() => {
              if (waiter.granted) return onAbandon()
              const index = waiters.indexOf(waiter, head)
              if (index >= 0) waiters[index] = undefined
            })
      )
    })

  return { handOver, wait }
}

/** A counting semaphore on a wait line: a released slot goes to the longest waiter. */
export const makeSlots = (permits: number) => {
  let free = permits
  const line = makeWaitLine()
  const release = (): void => {
    if (!line.handOver()) free++
  }
  const released = Effect.sync(release)

  const withSlot = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        if (free > 0) {
          free--
          return Effect.ensuring(restore(self), released)
        }
        return Effect.zipRight(line.wait(restore, release), Effect.ensuring(restore(self), released))
      })
    )

  return { withSlot, free: () => free }
}
