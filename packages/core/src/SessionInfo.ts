import { Either, type ParseResult, Schema } from "effect"
import { isRecord } from "./internal/isRecord.js"

/**
 * Session information (contract §6.2), normalised. Status strings stay open: an unknown value
 * is kept, never rejected (contract §0 rule 3).
 */
export type EntityStatus = "NOT_STARTED" | "IN_PROGRESS" | "READY" | "FAILED" | "EXPIRED" | (string & {})
export type SessionStatus = "IN_PROGRESS" | "DONE" | "FAILED" | "EXPIRED" | (string & {})

export interface EntityState {
  readonly status: EntityStatus
  readonly href: string | undefined
  readonly readyAt: string | undefined
  readonly expiresAt: string | undefined
}

export interface SessionError {
  readonly errorCode: string
  readonly message: string
}

export interface SessionInfo {
  readonly sessionId: string | undefined
  readonly status: SessionStatus
  readonly reference: string | undefined
  readonly jsonData: EntityState | undefined
  readonly reports: Readonly<Record<string, EntityState>>
  readonly error: SessionError | undefined
}

/**
 * `string | null` as one check: the same values as `NullOr(String)`, without the union parser
 * (session info is decoded on every poll and webhook, and the union allocates per field).
 */
const StringOrNull = Schema.declare((u: unknown): u is string | null => u === null || typeof u === "string", {
  identifier: "string | null"
})
const OptionalString = Schema.optional(StringOrNull)

const EntityStateObject = Schema.Struct({
  status: OptionalString,
  href: OptionalString,
  readyAt: OptionalString,
  expiresAt: OptionalString
})

/** §6.2 tolerance: a plain status string may stand in for an EntityState. */
const EntityStateWire = Schema.Union(Schema.String, EntityStateObject)

const ApiErrorWire = Schema.Struct({
  errorCode: OptionalString,
  message: OptionalString,
  error: OptionalString
})

const SessionInfoWire = Schema.Struct({
  sessionId: OptionalString,
  status: OptionalString,
  reference: OptionalString,
  jsonData: Schema.optional(Schema.NullOr(EntityStateWire)),
  reports: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
  error: Schema.optional(Schema.NullOr(ApiErrorWire))
})

const decodeWire = Schema.decodeUnknownEither(SessionInfoWire)
const decodeEntityWire = Schema.decodeUnknownEither(EntityStateWire)

const orUndefined = (value: string | null | undefined): string | undefined => value ?? undefined

const toEntityState = (wire: typeof EntityStateWire.Type): EntityState =>
  typeof wire === "string"
    ? { status: wire, href: undefined, readyAt: undefined, expiresAt: undefined }
    : {
        status: wire.status ?? "UNKNOWN",
        href: orUndefined(wire.href),
        readyAt: orUndefined(wire.readyAt),
        expiresAt: orUndefined(wire.expiresAt)
      }

const entityOrUndefined = (value: unknown): EntityState | undefined =>
  Either.match(decodeEntityWire(value), { onLeft: () => undefined, onRight: toEntityState })

const REPORT_KEY = /^(.+)-report$/

/**
 * Reports from `reports{}` plus BankID's flat `<type>-report` keys of the body (contract §6.2);
 * each one decoded on its own, so one unreadable entry does not hide the others.
 */
const collectReports = (
  body: Readonly<Record<string, unknown>>,
  nested: Readonly<Record<string, unknown>> | null | undefined
): Record<string, EntityState> => {
  const reports: Record<string, EntityState> = {}
  for (const key in body) {
    const type = key.endsWith("-report") ? REPORT_KEY.exec(key)?.[1] : undefined
    const entity = type === undefined ? undefined : entityOrUndefined(body[key])
    if (type !== undefined && entity !== undefined) reports[type] = entity
  }
  if (nested !== null && nested !== undefined) {
    for (const key in nested) {
      const entity = entityOrUndefined(nested[key])
      if (entity !== undefined) reports[key] = entity
    }
  }
  return reports
}

/** Decodes a session-info body; fails only when the body is not an object at all. */
export const decodeSessionInfo = (body: unknown): Either.Either<SessionInfo, ParseResult.ParseError> =>
  Either.map(decodeWire(body), (wire) => ({
    sessionId: orUndefined(wire.sessionId),
    status: wire.status ?? "UNKNOWN",
    reference: orUndefined(wire.reference),
    jsonData:
      wire.jsonData === undefined || wire.jsonData === null ? undefined : toEntityState(wire.jsonData),
    reports: collectReports(isRecord(body) ? body : {}, wire.reports),
    error:
      wire.error === undefined || wire.error === null
        ? undefined
        : {
            errorCode: wire.error.errorCode ?? wire.error.error ?? "UNKNOWN",
            message: wire.error.message ?? ""
          }
  }))

/** Contract §10.2 error body, every field optional; OAuth-style bodies use `error_description`. */
export const ApiErrorBody = Schema.Struct({
  status: Schema.optional(Schema.NullOr(Schema.Number)),
  error: OptionalString,
  errorCode: OptionalString,
  message: OptionalString,
  error_description: OptionalString,
  details: Schema.optional(
    Schema.NullOr(Schema.Array(Schema.Struct({ field: OptionalString, issue: OptionalString })))
  )
})
export type ApiErrorBody = typeof ApiErrorBody.Type

export const CreateSessionResponse = Schema.Struct({ sessionId: Schema.String })

/** Contract §7.2 webhook payload. `status` is the event name. */
export const WebhookPayload = Schema.Struct({
  sessionId: Schema.String,
  status: Schema.String,
  entity: OptionalString,
  reference: OptionalString
})
export type WebhookPayload = typeof WebhookPayload.Type
