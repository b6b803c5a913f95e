import { randomUUID } from "node:crypto"
import type { LatencyJitter } from "../SimulatorOptions.js"
import { createRandom, hashString, normalSample } from "./random.js"
import type { SessionSpec } from "./requests.js"

const GRACE_MS = 24 * 60 * 60 * 1000

export interface SessionFailure {
  readonly errorCode: string
  readonly message: string
  /** "json": the JSON data never arrives; "report": JSON arrives, the reports fail. */
  readonly stage: "json" | "report"
}

export interface DataSnapshot {
  readonly seed: number
  readonly pepRate: number
  readonly sanctionRate: number
}

/** Compact: request parameters and timestamps only; results are generated on demand. */
export interface Session {
  readonly id: string
  readonly seed: number
  readonly clientId: string
  readonly spec: SessionSpec
  readonly ofac: boolean
  readonly nationalRegistry: boolean
  readonly data: DataSnapshot
  readonly createdAt: number
  readonly jsonReadyAt: number
  /** Parallel to `spec.reports`. */
  readonly reportReadyAt: ReadonlyArray<number>
  readonly lifetimeMs: number
  readonly injectedFailure: SessionFailure | null
  /** Memo of the data layer's verdict: undefined = not asked yet, null = found. */
  lookupFailure: SessionFailure | null | undefined
}

export interface CreateTiming {
  readonly jsonDelayMs: number
  readonly reportDelayMs: number
  readonly jitter: LatencyJitter
  readonly lifetimeMs: number
  readonly sessionFailRate: number
}

const jittered = (base: number, jitter: LatencyJitter, random: () => number): number => {
  const { ratio } = jitter
  switch (jitter.distribution) {
    case "none":
      return base
    case "uniform":
      return Math.max(0, Math.round(base * (1 + ratio * (2 * random() - 1))))
    case "normal":
      return Math.max(0, Math.round(base * (1 + ratio * Math.max(-3, Math.min(3, normalSample(random))))))
    case "exponential":
      return Math.max(0, Math.round(base * (1 - ratio + ratio * -Math.log(1 - random()))))
  }
}

const injectFailure = (spec: SessionSpec, random: () => number): SessionFailure => {
  const timeout = random() < 0.5
  return {
    errorCode: timeout ? "TIMEOUT" : "SOURCE_UNAVAILABLE",
    message: timeout ? "An upstream source did not answer in time" : "An upstream source is unavailable",
    stage: spec.reports.length > 0 && random() < 0.5 ? "report" : "json"
  }
}

export interface NewSession {
  readonly clientId: string
  readonly spec: SessionSpec
  readonly ofac: boolean
  readonly nationalRegistry: boolean
  readonly data: DataSnapshot
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private ordinal = 0

  constructor(private readonly seed: number) {}

  get size(): number {
    return this.sessions.size
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id)
  }

  /** Latency and injected failure come from a generator seeded by (seed, ordinal): reproducible runs. */
  create(input: NewSession, nowMs: number, timing: CreateTiming): Session {
    const seed = hashString(this.seed, `session:${this.ordinal++}`)
    const random = createRandom(seed)
    const jsonReadyAt = nowMs + jittered(timing.jsonDelayMs, timing.jitter, random)
    const reportReadyAt = input.spec.reports.map(
      () => jsonReadyAt + jittered(timing.reportDelayMs, timing.jitter, random)
    )
    const failing = timing.sessionFailRate > 0 && random() < timing.sessionFailRate
    const session: Session = {
      ...input,
      id: randomUUID(),
      seed,
      createdAt: nowMs,
      jsonReadyAt,
      reportReadyAt,
      lifetimeMs: timing.lifetimeMs,
      injectedFailure: failing ? injectFailure(input.spec, random) : null,
      lookupFailure: undefined
    }
    this.sessions.set(session.id, session)
    return session
  }

  /** Drops sessions whose 24 h grace after their last expiry has passed. */
  sweep(nowMs: number): number {
    let removed = 0
    for (const [id, session] of this.sessions) {
      if (nowMs >= goneAt(session, knownFailure(session))) {
        this.sessions.delete(id)
        removed++
      }
    }
    return removed
  }

  clear(): void {
    this.sessions.clear()
    this.ordinal = 0
  }
}

export const knownFailure = (session: Session): SessionFailure | null =>
  session.injectedFailure ?? session.lookupFailure ?? null

export const failedAt = (session: Session, failure: SessionFailure): number =>
  failure.stage === "json" || session.reportReadyAt.length === 0
    ? session.jsonReadyAt
    : Math.min(...session.reportReadyAt)

const lastReadyAt = (session: Session): number => Math.max(session.jsonReadyAt, ...session.reportReadyAt)

/** When session info starts answering 404. */
export const goneAt = (session: Session, failure: SessionFailure | null): number =>
  (failure === null ? lastReadyAt(session) : failedAt(session, failure)) + session.lifetimeMs + GRACE_MS

export type EntityStatus = "NOT_STARTED" | "IN_PROGRESS" | "READY" | "FAILED" | "EXPIRED"

export interface EntityState {
  readonly status: EntityStatus
  readonly readyAt: number | null
}

export interface SessionState {
  readonly status: "IN_PROGRESS" | "DONE" | "FAILED" | "EXPIRED"
  readonly updatedAt: number
  readonly jsonData: EntityState
  readonly reports: ReadonlyArray<EntityState>
  readonly failure: SessionFailure | null
  readonly failedAt: number | null
}

const readyEntity = (readyAt: number, lifetimeMs: number, nowMs: number): EntityState => ({
  status: nowMs < readyAt + lifetimeMs ? "READY" : "EXPIRED",
  readyAt
})

/**
 * Entity and session states at `nowMs`, derived from timestamps (contract §6). `failure` must be
 * the session's failure once `nowMs` has reached the JSON ready time.
 */
export const sessionState = (
  session: Session,
  failure: SessionFailure | null,
  nowMs: number
): SessionState => {
  const { jsonReadyAt, lifetimeMs } = session
  const failTime = failure === null ? null : failedAt(session, failure)
  const failed = failTime !== null && nowMs >= failTime
  const transitions = [session.createdAt]
  const jsonData: EntityState =
    nowMs < jsonReadyAt
      ? { status: "IN_PROGRESS", readyAt: null }
      : failure?.stage === "json"
        ? { status: "FAILED", readyAt: null }
        : readyEntity(jsonReadyAt, lifetimeMs, nowMs)
  const reports = session.reportReadyAt.map((readyAt): EntityState => {
    if (nowMs < jsonReadyAt) return { status: "NOT_STARTED", readyAt: null }
    if (failed) return { status: "FAILED", readyAt: null }
    if (nowMs < readyAt) return { status: "IN_PROGRESS", readyAt: null }
    return readyEntity(readyAt, lifetimeMs, nowMs)
  })
  for (const entity of [jsonData, ...reports]) {
    if (entity.readyAt === null) continue
    transitions.push(entity.readyAt)
    if (entity.status === "EXPIRED") transitions.push(entity.readyAt + lifetimeMs)
  }
  if (nowMs >= jsonReadyAt) transitions.push(jsonReadyAt)
  if (failed && failTime !== null) transitions.push(failTime)
  const entities = [jsonData, ...reports]
  const status = failed
    ? "FAILED"
    : entities.some((e) => e.status === "NOT_STARTED" || e.status === "IN_PROGRESS")
      ? "IN_PROGRESS"
      : entities.every((e) => e.status === "EXPIRED")
        ? "EXPIRED"
        : "DONE"
  return {
    status,
    updatedAt: Math.max(...transitions),
    jsonData,
    reports,
    failure: failed ? failure : null,
    failedAt: failed ? failTime : null
  }
}
