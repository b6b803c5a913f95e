import { Either, type ParseResult, Schema } from "effect"

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

const OptionalString = Schema.optional(Schema.NullOr(Schema.String))

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

const SessionInfoWire = Schema.Struct(
  {
    sessionId: OptionalString,
    status: OptionalString,
    reference: OptionalString,
    jsonData: Schema.optional(Schema.NullOr(EntityStateWire)),
    reports: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
    error: Schema.optional(Schema.NullOr(ApiErrorWire))
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

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

/** Reports from `reports{}` plus BankID's flat `<type>-report` keys (contract §6.2). */
const collectReports = (wire: Readonly<Record<string, unknown>>): Record<string, EntityState> => {
  const reports: Record<string, EntityState> = {}
  for (const [key, value] of Object.entries(wire)) {
    const match = /^(.+)-report$/.exec(key)
    const entity = match?.[1] === undefined ? undefined : entityOrUndefined(value)
    if (match?.[1] !== undefined && entity !== undefined) reports[match[1]] = entity
  }
  const nested = wire["reports"]
  if (typeof nested === "object" && nested !== null) {
    for (const [key, value] of Object.entries(nested)) {
      const entity = entityOrUndefined(value)
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
    reports: collectReports(wire),
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
