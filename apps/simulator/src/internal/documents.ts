import { type Lookup, lookupOrganization, lookupPerson } from "../data/index.js"
import { renderReport, type SigningIdentity } from "../pdf/index.js"
import { isRecord } from "./http.js"
import type { ReportType } from "./requests.js"
import type { ResolvedClient } from "./tokens.js"
import {
  type EntityState,
  knownFailure,
  type Session,
  type SessionFailure,
  sessionState
} from "./sessions.js"

export const sessionPath = (session: Session): string =>
  session.spec.resource === "organization"
    ? `/organization/session/${session.spec.country.toLowerCase()}/${session.id}`
    : `/person/session/no/${session.id}`

const lookup = (session: Session): Lookup => {
  const { spec } = session
  if (spec.resource === "organization") {
    return lookupOrganization(
      {
        country: spec.country,
        identifier: spec.identifier,
        identifierType: spec.identifierType,
        expands: spec.expands,
        ofac: session.ofac,
        nationalRegistry: session.nationalRegistry,
        language: spec.language
      },
      session.data
    )
  }
  return lookupPerson(
    {
      firstName: spec.firstName,
      lastName: spec.lastName,
      name: spec.name,
      ssn: spec.ssn,
      dateOfBirth: spec.dateOfBirth,
      country: spec.ssnCountry,
      matchMode: spec.matchMode,
      expands: spec.expands,
      ofac: session.ofac,
      nationalRegistry: session.nationalRegistry,
      language: spec.language
    },
    session.data
  )
}

/** The session's failure, asking the data layer once the JSON would be ready (and memoizing). */
export const failureOf = (session: Session, nowMs: number): SessionFailure | null => {
  const known = knownFailure(session)
  if (known !== null || nowMs < session.jsonReadyAt) return known
  if (session.lookupFailure === undefined) {
    const result = lookup(session)
    session.lookupFailure =
      result._tag === "Failed"
        ? { errorCode: result.errorCode, message: result.message, stage: "json" }
        : null
  }
  return session.lookupFailure
}

const iso = (ms: number): string => new Date(ms).toISOString()

const entityJson = (entity: EntityState, href: string, lifetimeMs: number): Record<string, unknown> => {
  if (entity.readyAt === null) return { status: entity.status }
  const times = { readyAt: iso(entity.readyAt), expiresAt: iso(entity.readyAt + lifetimeMs) }
  return entity.status === "READY"
    ? { status: entity.status, href, ...times }
    : { status: entity.status, ...times }
}

/** Session information of contract §6.2. */
export const sessionInfo = (
  session: Session,
  origin: string,
  nowMs: number,
  unrequested: ReadonlyArray<string> = [],
  form: "nested" | "flat" = "nested"
): Record<string, unknown> => {
  const info = nestedSessionInfo(session, origin, nowMs, unrequested)
  return form === "nested" ? info : flatten(info)
}

/**
 * BankID's one public example (contract §16.10): plain status strings, `jsonData` and one
 * `<type>-report` key per report at the top level. Downloads then go to the default paths.
 */
const flatten = (info: Record<string, unknown>): Record<string, unknown> => {
  const { jsonData, reports, ...rest } = info
  const statusOf = (entity: unknown): unknown => (isRecord(entity) ? entity["status"] : entity)
  const flat: Record<string, unknown> = { ...rest, jsonData: statusOf(jsonData) }
  if (isRecord(reports))
    for (const [type, entity] of Object.entries(reports)) flat[`${type}-report`] = statusOf(entity)
  return flat
}

const nestedSessionInfo = (
  session: Session,
  origin: string,
  nowMs: number,
  unrequested: ReadonlyArray<string>
): Record<string, unknown> => {
  const failure = failureOf(session, nowMs)
  const state = sessionState(session, failure, nowMs)
  const base = `${origin}${sessionPath(session)}`
  const reports: Record<string, unknown> = {}
  // Listed like the JSON, as an API that added a report type would (session.ts: simulator option).
  for (const type of unrequested)
    if (!(session.spec.reports as ReadonlyArray<string>).includes(type))
      reports[type] = entityJson(state.jsonData, `${base}/report/${type}`, session.lifetimeMs)
  session.spec.reports.forEach((type, i) => {
    const entity = state.reports[i]
    if (entity !== undefined) reports[type] = entityJson(entity, `${base}/report/${type}`, session.lifetimeMs)
  })
  return {
    sessionId: session.id,
    resource: session.spec.resource,
    country: session.spec.country,
    status: state.status,
    createdAt: iso(session.createdAt),
    updatedAt: iso(state.updatedAt),
    reference: session.spec.reference,
    jsonData: entityJson(state.jsonData, `${base}/json`, session.lifetimeMs),
    reports,
    error:
      state.failure === null || state.failedAt === null
        ? null
        : {
            status: 0,
            error: "Session Failed",
            errorCode: state.failure.errorCode,
            message: state.failure.message,
            path: sessionPath(session),
            timestamp: iso(state.failedAt),
            traceId: null,
            details: null
          }
  }
}

/** The JSON result with absolute report links; null if the lookup failed. */
export const resultDocument = (session: Session, origin: string): Record<string, unknown> | null => {
  const result = lookup(session)
  if (result._tag === "Failed") return null
  return withLinks(session, result.result, origin)
}

const withLinks = (
  session: Session,
  result: Record<string, unknown>,
  origin: string
): Record<string, unknown> => {
  if (session.spec.reports.length === 0) return result
  const base = `${origin}${sessionPath(session)}`
  const reports = session.spec.reports.map((rel) => ({
    href: `${base}/report/${rel}`,
    contentType: "application/pdf",
    rel
  }))
  return { ...result, links: { reports } }
}

const PDF_CACHE_LIMIT = 64

/**
 * Renders signed reports. Rendering is deterministic for equal inputs, so a small cache only saves
 * work; an evicted report renders to the same bytes again.
 */
export class ReportRenderer {
  private readonly cache = new Map<string, Promise<Uint8Array | null>>()

  constructor(private readonly identity: SigningIdentity) {}

  render(
    session: Session,
    type: ReportType,
    client: ResolvedClient,
    origin: string
  ): Promise<Uint8Array | null> {
    const key = `${session.id}/${type}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const rendering = this.renderNow(session, type, client, origin)
    if (this.cache.size >= PDF_CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value
      if (oldest !== undefined) this.cache.delete(oldest)
    }
    this.cache.set(key, rendering)
    rendering.catch(() => this.cache.delete(key))
    return rendering
  }

  clear(): void {
    this.cache.clear()
  }

  private async renderNow(
    session: Session,
    type: ReportType,
    client: ResolvedClient,
    origin: string
  ): Promise<Uint8Array | null> {
    const result = lookup(session)
    if (result._tag === "Failed") return null
    const { spec } = session
    return renderReport(
      {
        reportType: type,
        sessionId: session.id,
        resource: spec.resource,
        country: spec.country,
        subject: spec.resource === "organization" ? spec.identifier : (spec.ssn ?? spec.dateOfBirth ?? ""),
        subjectName: result.subjectName,
        reference: spec.reference,
        requester: { name: client.organizationName, number: client.organizationNumber },
        createdAt: new Date(session.createdAt),
        language: spec.language,
        result: withLinks(session, result.result, origin)
      },
      this.identity
    )
  }
}
