import { Effect, Metric } from "effect"
import {
  apiRateLimited,
  apiRequests,
  apiRetries,
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

const perTag = (metric: Metric.Metric.Counter<number>, key: string) => {
  const cache = new Map<string, Effect.Effect<void>>()
  return (value: string | number): Effect.Effect<void> => {
    const tag = String(value)
    let update = cache.get(tag)
    if (update === undefined) {
      update = increment(Metric.tagged(metric, key, tag))
      cache.set(tag, update)
    }
    return update
  }
}

export const tokenRequests = increment(tokenRequestCount)
/** Counts an answer synchronously, inside a step that runs anyway. */
export const countAnswerNow = (() => {
  const cache = new Map<string, Metric.Metric.Counter<number>>()
  return (value: string | number): void => {
    const tag = String(value)
    let metric = cache.get(tag)
    if (metric === undefined) {
      metric = Metric.tagged(apiRequests, "status", tag)
      cache.set(tag, metric)
    }
    metric.unsafeUpdate(1, [])
  }
})()
export const countRetry = increment(apiRetries)
export const countRateLimited = increment(apiRateLimited)
export const countOutcome = perTag(sessionOutcomes, "outcome")
/** Observed synchronously, inside a step that runs anyway. */
export const observeTimeToJson = (ms: number): void => timeToJson.unsafeUpdate(ms, [])
export const observeTimeToReports = (ms: number): void => timeToReports.unsafeUpdate(ms, [])
