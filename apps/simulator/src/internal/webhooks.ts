import { randomUUID } from "node:crypto"
import type { SimulatorConfig } from "../SimulatorOptions.js"
import type { SimClock } from "./clock.js"
import { createRandom } from "./random.js"
import type { WebhookEvent, WebhookSpec } from "./requests.js"
import type { Scheduler } from "./scheduler.js"
import { failedAt, type Session, type SessionFailure } from "./sessions.js"
import type { Stats } from "./stats.js"

/** Retry delays of contract §7.2, before scaling. */
const RETRY_DELAYS_MS: ReadonlyArray<number> = [5_000, 30_000, 120_000, 600_000, 1_800_000]

interface PlannedEvent {
  readonly at: number
  readonly event: WebhookEvent
  readonly entity: string | null
  /** Retries stop once the entity behind the event expired. */
  readonly expiresAt: number
}

interface Delivery {
  readonly id: string
  readonly hook: WebhookSpec
  readonly event: WebhookEvent
  readonly body: string
  readonly expiresAt: number
}

type Outcome = "delivered" | "retry" | "rejected"

const isRetryable = (status: number): boolean => status === 408 || status === 429 || status >= 500

const planEvents = (
  session: Session,
  failure: SessionFailure | null,
  unrequested: ReadonlyArray<string>
): Array<PlannedEvent> => {
  const { jsonReadyAt, lifetimeMs } = session
  const json: PlannedEvent = {
    at: jsonReadyAt,
    event: "JsonDataReady",
    entity: "jsonData",
    expiresAt: jsonReadyAt + lifetimeMs
  }
  if (failure !== null) {
    const at = failedAt(session, failure)
    const failed: PlannedEvent = { at, event: "Failed", entity: null, expiresAt: at + lifetimeMs }
    return failure.stage === "json" ? [failed] : [json, failed]
  }
  const requested: ReadonlyArray<string> = session.spec.reports
  const announced = unrequested
    .filter((type) => !requested.includes(type))
    .map((type) => ({ type, at: jsonReadyAt }))
  const reports = session.spec.reports
    .map((type, i) => ({ type: type as string, at: session.reportReadyAt[i] ?? jsonReadyAt }))
    .concat(announced)
    .sort((a, b) => a.at - b.at)
    .map(
      ({ type, at }): PlannedEvent => ({ at, event: "ReportReady", entity: type, expiresAt: at + lifetimeMs })
    )
  const last = Math.max(jsonReadyAt, ...session.reportReadyAt)
  return [json, ...reports, { at: last, event: "AllDone", entity: null, expiresAt: last + lifetimeMs }]
}

/** Lets AllDone overtake the last ReportReady; false when the plan has nothing to swap. */
const reorder = (plan: Array<PlannedEvent>): boolean => {
  const done = plan.findIndex((e) => e.event === "AllDone")
  const before = plan[done - 1]
  const allDone = plan[done]
  if (done < 1 || before === undefined || allDone === undefined || before.event !== "ReportReady")
    return false
  plan[done - 1] = { ...allDone, at: before.at }
  plan[done] = before
  return true
}

/**
 * Real HTTP POSTs for the subscribed events of each session, timed on the simulated clock, with
 * the retry schedule of contract §7.2 and the configured loss, duplication and reordering.
 */
export class WebhookDispatcher {
  private generation = 0
  private readonly aborter = new AbortController()

  constructor(
    private readonly scheduler: Scheduler,
    private readonly clock: SimClock,
    private readonly stats: Stats,
    private readonly config: () => SimulatorConfig,
    private readonly failureOf: (session: Session, nowMs: number) => SessionFailure | null
  ) {}

  track(session: Session): void {
    const hook = session.spec.webhook
    if (hook === null || hook.events.length === 0) return
    const generation = this.generation
    this.scheduler.at(session.jsonReadyAt, () => {
      if (generation === this.generation) this.schedule(session, hook)
    })
  }

  /** Forgets everything pending (after POST /_sim/reset). */
  reset(): void {
    this.generation++
  }

  stop(): void {
    this.generation++
    this.aborter.abort()
  }

  private schedule(session: Session, hook: WebhookSpec): void {
    const config = this.config()
    const random = createRandom(session.seed ^ 0x9e3779b9)
    const failure = this.failureOf(session, session.jsonReadyAt)
    const plan = planEvents(session, failure, config.unrequestedReports).filter((e) =>
      hook.events.includes(e.event)
    )
    if (random() < config.webhookReorder && reorder(plan)) this.stats.webhook("reordered")
    let chain: Promise<unknown> = Promise.resolve()
    const generation = this.generation
    for (const planned of plan) {
      const lost = random() < config.webhookLoss
      const duplicate = random() < config.webhookDuplicate
      this.scheduler.at(planned.at, () => {
        if (generation !== this.generation) return
        if (lost) {
          this.stats.webhook("lost")
          return
        }
        const delivery = this.delivery(session, hook, planned)
        // First attempts of one session go out one after another, so emission order holds.
        chain = chain.then(() => this.first(delivery, duplicate, generation))
      })
    }
  }

  private delivery(session: Session, hook: WebhookSpec, planned: PlannedEvent): Delivery {
    const body = JSON.stringify({
      sessionId: session.id,
      status: planned.event,
      entity: planned.entity,
      resource: session.spec.resource,
      country: session.spec.country,
      timestamp: new Date(planned.at).toISOString(),
      reference: session.spec.reference
    })
    return { id: randomUUID(), hook, event: planned.event, body, expiresAt: planned.expiresAt }
  }

  private async first(delivery: Delivery, duplicate: boolean, generation: number): Promise<void> {
    // Queued behind an earlier delivery of the session, it may come up after a reset.
    if (generation !== this.generation) return
    const outcome = await this.post(delivery)
    if (generation !== this.generation) return
    this.settle(delivery, outcome, 0, generation)
    if (duplicate) {
      this.stats.webhook("duplicated")
      await this.post(delivery)
    }
  }

  private settle(delivery: Delivery, outcome: Outcome, retriesDone: number, generation: number): void {
    if (outcome === "delivered") {
      this.stats.webhook("delivered")
      return
    }
    const delay = RETRY_DELAYS_MS[retriesDone]
    const dueAt = delay === undefined ? null : this.clock.now() + delay * this.config().webhookRetryScale
    if (outcome === "rejected" || dueAt === null || dueAt >= delivery.expiresAt) {
      this.stats.webhook("failed")
      return
    }
    this.scheduler.at(dueAt, () => {
      if (generation !== this.generation) return
      // A clock jump may carry the retry past the entity's expiry.
      if (this.clock.now() >= delivery.expiresAt) {
        this.stats.webhook("failed")
        return
      }
      this.stats.webhook("retries")
      void this.post(delivery).then((next) => {
        if (generation === this.generation) this.settle(delivery, next, retriesDone + 1, generation)
      })
    })
  }

  private async post(delivery: Delivery): Promise<Outcome> {
    this.stats.webhook("attempts")
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "nordscreen-simulator",
      "x-bankid-aml-delivery": delivery.id,
      "x-bankid-aml-event": delivery.event
    }
    if (delivery.hook.authorization !== null) headers["authorization"] = delivery.hook.authorization
    try {
      const response = await fetch(delivery.hook.url, {
        method: "POST",
        headers,
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.config().webhookTimeoutMs), this.aborter.signal])
      })
      await response.body?.cancel()
      if (response.status >= 200 && response.status < 300) return "delivered"
      return isRetryable(response.status) ? "retry" : "rejected"
    } catch {
      return "retry"
    }
  }
}
