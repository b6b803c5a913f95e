import type { FaultStats, SimulatorStats, WebhookStats } from "../SimulatorOptions.js"

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const emptyFaults = (): Mutable<FaultStats> => ({
  total: 0,
  http500: 0,
  http502: 0,
  http503: 0,
  reset: 0,
  slow: 0,
  burst429Windows: 0,
  burst429: 0,
  sessionFailed: 0,
  createBefore: 0,
  createAfter: 0
})

const emptyWebhooks = (): Mutable<WebhookStats> => ({
  delivered: 0,
  failed: 0,
  attempts: 0,
  retries: 0,
  lost: 0,
  duplicated: 0,
  reordered: 0
})

export type FaultKind = Exclude<keyof FaultStats, "total" | "burst429Windows">

/** Counters behind GET /_sim/stats. */
export class Stats {
  sessionsCreated = 0
  rateLimited = 0
  tokensIssued = 0
  requestsTotal = 0
  readonly byIdentifier = new Map<string, number>()
  readonly requests = new Map<string, Map<string, number>>()
  faults = emptyFaults()
  webhooks = emptyWebhooks()

  sessionCreated(key: string): void {
    this.sessionsCreated++
    this.byIdentifier.set(key, (this.byIdentifier.get(key) ?? 0) + 1)
  }

  request(route: string, status: number | "reset"): void {
    this.requestsTotal++
    let byStatus = this.requests.get(route)
    if (byStatus === undefined) {
      byStatus = new Map()
      this.requests.set(route, byStatus)
    }
    const key = String(status)
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1)
  }

  /** Counts one injected fault; `burst429` responses count here, the windows separately. */
  fault(kind: FaultKind): void {
    this.faults[kind]++
    if (kind !== "createBefore" && kind !== "createAfter") this.faults.total++
  }

  burstWindow(): void {
    this.faults.burst429Windows++
  }

  webhook(kind: keyof WebhookStats): void {
    this.webhooks[kind]++
  }

  reset(): void {
    this.sessionsCreated = 0
    this.rateLimited = 0
    this.tokensIssued = 0
    this.requestsTotal = 0
    this.byIdentifier.clear()
    this.requests.clear()
    this.faults = emptyFaults()
    this.webhooks = emptyWebhooks()
  }

  snapshot(sessionsLive: number): SimulatorStats {
    const requests: Record<string, Record<string, number>> = {}
    for (const [route, byStatus] of this.requests) requests[route] = Object.fromEntries(byStatus)
    return {
      sessionsCreated: this.sessionsCreated,
      sessionsCreatedByIdentifier: Object.fromEntries(this.byIdentifier),
      sessionsLive,
      requests,
      requestsTotal: this.requestsTotal,
      rateLimited: this.rateLimited,
      tokensIssued: this.tokensIssued,
      faults: { ...this.faults },
      webhooks: { ...this.webhooks }
    }
  }
}
