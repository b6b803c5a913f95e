import { Schema } from "effect"
import type { SessionInfo } from "./SessionInfo.js"

/** One entity of a session as `awaitReady` saw it last: its status and where to download it. */
export const EntityReadiness = Schema.Struct({
  status: Schema.String,
  href: Schema.NullOr(Schema.String)
})
export type EntityReadiness = typeof EntityReadiness.Type

/**
 * How a session ended for what was asked of it (recorded by `awaitReady`): `ready` when the JSON
 * and every requested report are READY; `failed` when the API cancelled the session; `expired`
 * when the session, its JSON or a requested report expired first (`expired` names which). READY
 * entities of a failed or expired session are still listed: they stay downloadable.
 */
export const Readiness = Schema.Struct({
  outcome: Schema.Literal("ready", "failed", "expired"),
  json: Schema.NullOr(EntityReadiness),
  /** The requested reports only. */
  reports: Schema.Record({ key: Schema.String, value: EntityReadiness }),
  error: Schema.NullOr(Schema.Struct({ errorCode: Schema.String, message: Schema.String })),
  /** `session`, `jsonData` or a report type; null unless `expired`. */
  expired: Schema.NullOr(Schema.String)
})
export type Readiness = typeof Readiness.Type

const entityOf = (state: SessionInfo["jsonData"]): EntityReadiness | null =>
  state === undefined ? null : { status: state.status, href: state.href ?? null }

/**
 * The terminal state of a session for the requested `reports`, from confirmed session
 * information; undefined while it is still in progress for them. Reports nobody asked for are
 * ignored (a webhook or a listing of another report is never acted on).
 */
export const readinessOf = (info: SessionInfo, reports: ReadonlyArray<string>): Readiness | undefined => {
  const json = entityOf(info.jsonData)
  const wanted: Record<string, EntityReadiness> = {}
  for (const type of reports) {
    const state = entityOf(info.reports[type])
    if (state !== null) wanted[type] = state
  }
  const base = { json, reports: wanted, error: null, expired: null }
  if (info.status === "FAILED")
    return {
      ...base,
      outcome: "failed",
      error: {
        errorCode: info.error?.errorCode ?? "ENTITY_FAILED",
        message: info.error?.message ?? "the session was cancelled"
      }
    }
  if (json?.status === "EXPIRED") return { ...base, outcome: "expired", expired: "jsonData" }
  const expiredReport = reports.find((type) => wanted[type]?.status === "EXPIRED")
  if (expiredReport !== undefined) return { ...base, outcome: "expired", expired: expiredReport }
  const complete = json?.status === "READY" && reports.every((type) => wanted[type]?.status === "READY")
  if (complete) return { ...base, outcome: "ready" }
  if (info.status === "EXPIRED") return { ...base, outcome: "expired", expired: "session" }
  return undefined
}
