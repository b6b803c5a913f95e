import { Effect, FiberRef, LogLevel } from "effect"

/** What every log line of one screening carries. */
export interface SessionLog {
  readonly adapter: string
  readonly subject: string
  sessionId: string | undefined
}

/**
 * Logs one line of a screening with its annotations. The annotations are
 * attached to the line rather than around the whole screening: with the level off this is a
 * single step, where scoped annotations cost a fiber-ref swap around every screening.
 */
export const sessionLog = (
  level: LogLevel.LogLevel,
  message: string,
  log: SessionLog,
  extra?: Readonly<Record<string, unknown>>
): Effect.Effect<void> =>
  Effect.withFiberRuntime((fiber) => {
    if (LogLevel.greaterThan(fiber.getFiberRef(FiberRef.currentMinimumLogLevel), level)) return Effect.void
    const annotations: Record<string, unknown> = { adapter: log.adapter, subject: log.subject }
    if (log.sessionId !== undefined) annotations["sessionId"] = log.sessionId
    return Effect.annotateLogs(
      Effect.logWithLevel(level, message),
      extra === undefined ? annotations : { ...annotations, ...extra }
    )
  })
