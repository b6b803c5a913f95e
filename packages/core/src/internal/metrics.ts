import { Metric } from "effect"
import {
  apiRateLimited,
  apiRequests,
  apiRetries,
  sessionOutcomes,
  timeToJson,
  timeToReports,
  tokenRequestCount
} from "../Metrics.js"

export const tokenRequests = Metric.increment(tokenRequestCount)
export const countAnswer = (status: number | string) =>
  Metric.increment(Metric.tagged(apiRequests, "status", String(status)))
export const countRetry = Metric.increment(apiRetries)
export const countRateLimited = Metric.increment(apiRateLimited)
export const countOutcome = (outcome: string) =>
  Metric.increment(Metric.tagged(sessionOutcomes, "outcome", outcome))
export const observeTimeToJson = (ms: number) => Metric.update(timeToJson, ms)
export const observeTimeToReports = (ms: number) => Metric.update(timeToReports, ms)
