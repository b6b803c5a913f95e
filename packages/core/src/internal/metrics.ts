import { Effect, Metric } from "effect"
import {
  apiRateLimited,
  apiRequests,
  apiRetries,
  createsRecovered,
  sessionOutcomes,
  timeToJson,
  timeToReports,
  tokenRequestCount
} from "../Metrics.js"

/**
 * Metric updates as single `sync` steps on metric instances tagged once. `Metric.tagged` per
 * call would build and hash a new metric key on every request, and `Metric.increment` reads
 * the fiber's metric labels first (the engine sets none).
 */
const increment = (metric: Metric.Metric.Counter<number>) => Effect.sync(() => metric.unsafeUpdate(1, []))

/** A counter per value of one tag, each tagged once and kept. */
const taggedCounters = (metric: Metric.Metric.Counter<number>, key: string) => {
  const cache = new Map<string, Metric.Metric.Counter<number>>()
  return (value: string | number): Metric.Metric.Counter<number> => {
    const tag = String(value)
    let tagged = cache.get(tag)
    if (tagged === undefined) {
      tagged = Metric.tagged(metric, key, tag)
      cache.set(tag, tagged)
    }
    return tagged
  }
}

const answers = taggedCounters(apiRequests, "status")
const outcomes = taggedCounters(sessionOutcomes, "outcome")

export const tokenRequests = increment(tokenRequestCount)
/** Counts an answer synchronously, inside a step that runs anyway. */
export const countAnswerNow = (value: string | number): void => answers(value).unsafeUpdate(1, [])
export const countRetry = increment(apiRetries)
export const countRateLimited = increment(apiRateLimited)
export const countOutcome = (value: string): Effect.Effect<void> => increment(outcomes(value))
/** Observed synchronously, inside a step that runs anyway. */
export const observeTimeToJson = (ms: number): void => timeToJson.unsafeUpdate(ms, [])
export const observeTimeToReports = (ms: number): void => timeToReports.unsafeUpdate(ms, [])
/** Counted synchronously where a lost create answer was recovered from a webhook. */
export const countRecoveredCreate = (): void => createsRecovered.unsafeUpdate(1, [])
