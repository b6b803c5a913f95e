import { Effect, Metric, MetricBoundaries, MetricState } from "effect"

/** Effect metrics of the engine. They live in Effect's process-wide registry. */
const boundaries = MetricBoundaries.exponential({ start: 25, factor: 2, count: 16 })

export const apiRequests = Metric.counter("nordscreen_api_requests_total", {
  description: "API answers by HTTP status (or transport failure)",
  incremental: true
})
export const apiRetries = Metric.counter("nordscreen_api_retries_total", { incremental: true })
export const apiRateLimited = Metric.counter("nordscreen_api_rate_limited_total", { incremental: true })
export const createsRecovered = Metric.counter("nordscreen_creates_recovered_total", { incremental: true })
export const tokenRequestCount = Metric.counter("nordscreen_token_requests_total", { incremental: true })
export const sessionOutcomes = Metric.counter("nordscreen_sessions_total", {
  description: "Finished screenings by outcome tag",
  incremental: true
})
export const timeToJson = Metric.histogram("nordscreen_time_to_json_ms", boundaries, "Create to JSON stored")
export const timeToReports = Metric.histogram(
  "nordscreen_time_to_reports_ms",
  boundaries,
  "Create to all artifacts stored"
)

export interface HistogramSummary {
  readonly count: number
  readonly minMs: number | null
  readonly maxMs: number | null
  readonly meanMs: number | null
  /** Upper bucket bound below which half (95 %) of the observations fall. */
  readonly p50Ms: number | null
  readonly p95Ms: number | null
}

export interface MetricsSnapshot {
  readonly requestsByStatus: Readonly<Record<string, number>>
  readonly retries: number
  readonly rateLimited: number
  readonly tokenRequests: number
  readonly sessionsByOutcome: Readonly<Record<string, number>>
  readonly timeToJson: HistogramSummary
  readonly timeToReports: HistogramSummary
}

const quantile = (state: MetricState.MetricState.Histogram, q: number): number | null => {
  const target = state.count * q
  const found = state.buckets.find(([, cumulative]) => cumulative >= target)
  return found === undefined || !Number.isFinite(found[0]) ? state.max : Math.min(found[0], state.max)
}

const summarize = (state: MetricState.MetricState.Histogram): HistogramSummary =>
  state.count === 0
    ? { count: 0, minMs: null, maxMs: null, meanMs: null, p50Ms: null, p95Ms: null }
    : {
        count: state.count,
        minMs: state.min,
        maxMs: state.max,
        meanMs: state.sum / state.count,
        p50Ms: quantile(state, 0.5),
        p95Ms: quantile(state, 0.95)
      }

const byTag = (
  pairs: ReadonlyArray<{ readonly tag: string | undefined; readonly value: number }>
): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const { tag, value } of pairs) if (tag !== undefined) out[tag] = (out[tag] ?? 0) + value
  return out
}

const counterValue = (state: unknown): number => (MetricState.isCounterState(state) ? Number(state.count) : 0)

/** The engine's metrics as plain numbers, e.g. for a run summary. */
export const metricsSnapshot: Effect.Effect<MetricsSnapshot> = Effect.gen(function* () {
  const pairs = yield* Metric.snapshot
  const counters = (name: string, label: string) =>
    pairs
      .filter((pair) => pair.metricKey.name === name)
      .map((pair) => ({
        tag: pair.metricKey.tags.find((tag) => tag.key === label)?.value,
        value: counterValue(pair.metricState)
      }))
  const total = (name: string) =>
    pairs
      .filter((pair) => pair.metricKey.name === name)
      .reduce((sum, pair) => sum + counterValue(pair.metricState), 0)
  const histogram = (name: string): HistogramSummary => {
    const state = pairs.find((pair) => pair.metricKey.name === name)?.metricState
    return MetricState.isHistogramState(state)
      ? summarize(state)
      : { count: 0, minMs: null, maxMs: null, meanMs: null, p50Ms: null, p95Ms: null }
  }
  return {
    requestsByStatus: byTag(counters("nordscreen_api_requests_total", "status")),
    retries: total("nordscreen_api_retries_total"),
    rateLimited: total("nordscreen_api_rate_limited_total"),
    tokenRequests: total("nordscreen_token_requests_total"),
    sessionsByOutcome: byTag(counters("nordscreen_sessions_total", "outcome")),
    timeToJson: histogram("nordscreen_time_to_json_ms"),
    timeToReports: histogram("nordscreen_time_to_reports_ms")
  }
})
