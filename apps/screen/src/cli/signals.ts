import { Effect } from "effect"

/**
 * Ctrl-C handling of the CLI. While a screening run listens, the first SIGINT (or SIGTERM) asks
 * it to stop taking entities and finish what is in flight; a second one exits at once — nothing
 * recorded is lost, since every journal write is committed and every artifact renamed into
 * place before it is recorded. Without a listener a signal interrupts the command.
 */
let listener: (() => void) | undefined
let signals = 0

const EXIT_INTERRUPTED = 4

export const installSignals = (interruptMain: () => void): void => {
  const onSignal = () => {
    signals++
    if (listener === undefined) {
      if (signals === 1) interruptMain()
      else process.exit(130)
      return
    }
    if (signals === 1) {
      process.stderr.write(
        "\nStopping: no new entities are started; steps in flight finish and the reports are written. Ctrl-C again to exit at once.\n"
      )
      listener()
      return
    }
    process.stderr.write(
      "\nExiting now. Everything recorded so far is kept; run the same command to resume.\n"
    )
    process.exit(EXIT_INTERRUPTED)
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
}

/** Completes at the first Ctrl-C while it is being awaited. */
export const stopRequested: Effect.Effect<void> = Effect.async<void>((resume) => {
  listener = () => resume(Effect.void)
  return Effect.sync(() => {
    listener = undefined
  })
})
