import { Schema } from "effect"

/**
 * Every error carries the facts a user needs to act on it and nothing they must not see: the
 * `subject` is the adapter's masked display label, never a national identity number, and no
 * error holds a token or a secret.
 *
 * Errors are `Schema.TaggedError`s: a durable-steps interpreter can record a step's failure
 * (encoded with the error's schema) and replay it.
 */

/** Where the file name, size and digest of a stored artifact are recorded. */
export const ArtifactRef = Schema.Struct({
  path: Schema.String,
  sha256: Schema.String,
  size: Schema.Number
})
export type ArtifactRef = typeof ArtifactRef.Type

/** Artifacts by kind (`json`, or a report type). */
export const ArtifactRefs = Schema.Record({ key: Schema.String, value: ArtifactRef })

const OptionalString = Schema.optional(Schema.String)

/** Facts shared by every error that comes from one API call. */
const CallFacts = {
  subject: OptionalString,
  sessionId: OptionalString,
  /** Our `X-Request-Id`, for correlating with the service's logs. */
  requestId: OptionalString
}

interface Facts {
  readonly subject?: string | undefined
  readonly sessionId?: string | undefined
  readonly requestId?: string | undefined
}

const about = (facts: Facts): string => {
  const parts = [
    facts.subject === undefined ? undefined : `subject ${facts.subject}`,
    facts.sessionId === undefined ? undefined : `session ${facts.sessionId}`,
    facts.requestId === undefined ? undefined : `request ${facts.requestId}`
  ].filter((part): part is string => part !== undefined)
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`
}

/** A setting is missing or malformed; `setting` names it as the user wrote it. */
export class AmlConfigError extends Schema.TaggedError<AmlConfigError>()("AmlConfigError", {
  setting: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Configuration setting ${this.setting}: ${this.reason}`
  }
}

/** The token endpoint refused or failed for a reason other than bad client credentials. */
export class AccessTokenError extends Schema.TaggedError<AccessTokenError>()("AccessTokenError", {
  status: Schema.optional(Schema.Number),
  /** OAuth `error` code, e.g. `invalid_scope`, `temporarily_unavailable`. */
  oauthError: OptionalString,
  reason: Schema.String,
  /** The session the call was for, when it was for one. */
  sessionId: OptionalString
}) {
  override get message(): string {
    const status = this.status === undefined ? "" : ` HTTP ${this.status}`
    const code = this.oauthError === undefined ? "" : ` ${this.oauthError}`
    return `Access token request failed:${status}${code} ${this.reason}`
  }
}

/** 400: the API rejected the request (contract §10.3 validation codes). */
export class ApiValidationError extends Schema.TaggedError<ApiValidationError>()("ApiValidationError", {
  ...CallFacts,
  status: Schema.Number,
  errorCode: Schema.String,
  detail: Schema.String,
  fields: Schema.Array(Schema.Struct({ field: OptionalString, issue: OptionalString }))
}) {
  override get message(): string {
    return `API rejected the request: ${this.errorCode} ${this.detail}${about(this)}`
  }
}

/** 401 after one token refresh, or bad client credentials at the token endpoint. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  ...CallFacts,
  status: Schema.Number,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Not authorized (HTTP ${this.status} ${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 403: the token lacks a scope the endpoint needs (`INSUFFICIENT_SCOPE`). */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  ...CallFacts,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Forbidden (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 404: unknown session or another client's session (any 404 but `ENTITY_NOT_REQUESTED`). */
export class SessionNotFound extends Schema.TaggedError<SessionNotFound>()("SessionNotFound", {
  ...CallFacts,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Not found (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/**
 * 404 `ENTITY_NOT_REQUESTED`: the session exists, it just has no such report. Never read as a
 * session that is gone (that would make the next run pay for a new one).
 */
export class EntityNotRequested extends Schema.TaggedError<EntityNotRequested>()("EntityNotRequested", {
  ...CallFacts,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Not requested in this session (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 204 from a download: the entity is not READY yet. */
export class EntityNotReady extends Schema.TaggedError<EntityNotReady>()("EntityNotReady", {
  ...CallFacts,
  entity: Schema.String,
  retryAfterMs: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return `Entity ${this.entity} is not ready yet${about(this)}`
  }
}

/** 409: the entity FAILED and will never become available. */
export class EntityFailed extends Schema.TaggedError<EntityFailed>()("EntityFailed", {
  ...CallFacts,
  entity: Schema.String,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Entity ${this.entity} failed (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/**
 * 410 or an EXPIRED entity: the two-hour download window has passed. Paid for, but gone.
 * `artifacts`: what was downloaded before (READY entities of the session are never left behind).
 */
export class ResultExpired extends Schema.TaggedError<ResultExpired>()("ResultExpired", {
  ...CallFacts,
  entity: Schema.String,
  artifacts: Schema.optional(ArtifactRefs)
}) {
  override get message(): string {
    return `Result ${this.entity} expired before it was downloaded${about(this)}`
  }
}

/** 429 after the retries allowed for the call. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  ...CallFacts,
  retryAfterMs: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    return `Rate limited by the API${about(this)}`
  }
}

/** 5xx after the retries allowed for the call. */
export class ServiceUnavailable extends Schema.TaggedError<ServiceUnavailable>()("ServiceUnavailable", {
  ...CallFacts,
  status: Schema.Number,
  errorCode: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `Service unavailable (HTTP ${this.status} ${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** The connection failed or timed out (after the retries allowed for the call). */
export class ConnectionFailed extends Schema.TaggedError<ConnectionFailed>()("ConnectionFailed", {
  ...CallFacts,
  reason: Schema.String
}) {
  override get message(): string {
    return `Connection to the API failed: ${this.reason}${about(this)}`
  }
}

/** An answer the contract does not describe (status or body). */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>()("UnexpectedResponse", {
  ...CallFacts,
  status: Schema.Number,
  reason: Schema.String
}) {
  override get message(): string {
    return `Unexpected API response (HTTP ${this.status}): ${this.reason}${about(this)}`
  }
}

/**
 * The create POST may or may not have created (and billed) a session. It is never retried
 * automatically; resume with `retryUnknown` to create anyway.
 */
export class CreateOutcomeUnknown extends Schema.TaggedError<CreateOutcomeUnknown>()("CreateOutcomeUnknown", {
  ...CallFacts,
  entityKeyHash: Schema.String,
  /** The `reference` sent with the create request (a keyed hash of the entity key). */
  reference: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Unknown whether a session was created (reference ${this.reference}): ${this.reason}${about(this)}`
  }
}

/** The API cancelled the session (`FAILED`, contract §6.1); `errorCode` says why. */
export class SessionFailed extends Schema.TaggedError<SessionFailed>()("SessionFailed", {
  ...CallFacts,
  sessionId: Schema.String,
  errorCode: Schema.String,
  detail: Schema.String,
  /** Artifacts downloaded before the failure (entities that were READY stay downloadable). */
  artifacts: ArtifactRefs
}) {
  override get message(): string {
    return `Session failed (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** Waited longer than the session timeout; the session id is kept so the entity can resume. */
export class SessionTimedOut extends Schema.TaggedError<SessionTimedOut>()("SessionTimedOut", {
  ...CallFacts,
  sessionId: Schema.String,
  sessionPath: Schema.String,
  waitedMs: Schema.Number
}) {
  override get message(): string {
    return `Session not finished after ${Math.round(this.waitedMs / 1000)} s; resume it later${about(this)}`
  }
}

/** The JSON result did not match the adapter's schema. The raw bytes are stored at `json`. */
export class ResultDecodeFailed extends Schema.TaggedError<ResultDecodeFailed>()("ResultDecodeFailed", {
  ...CallFacts,
  sessionId: Schema.String,
  json: ArtifactRef,
  artifacts: ArtifactRefs,
  issue: Schema.String
}) {
  override get message(): string {
    return `JSON result did not match the expected shape (kept at ${this.json.path}): ${this.issue}${about(this)}`
  }
}

/** The artifact sink could not store downloaded bytes. */
export class ArtifactWriteFailed extends Schema.TaggedError<ArtifactWriteFailed>()("ArtifactWriteFailed", {
  ...CallFacts,
  artifact: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Could not store ${this.artifact}: ${this.reason}${about(this)}`
  }
}

/** The step journal could not read or record a step. */
export class JournalError extends Schema.TaggedError<JournalError>()("JournalError", {
  step: Schema.String,
  reason: Schema.String,
  /** The session of the execution, once it has one. */
  sessionId: OptionalString
}) {
  override get message(): string {
    return `Step journal failed at ${this.step}: ${this.reason}`
  }
}

/** A request names an adapter the registry does not hold. */
export class AdapterNotFound extends Schema.TaggedError<AdapterNotFound>()("AdapterNotFound", {
  adapterId: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `No adapter registered as ${this.adapterId} (known: ${this.known.join(", ") || "none"})`
  }
}

export class AdapterConflict extends Schema.TaggedError<AdapterConflict>()("AdapterConflict", {
  adapterId: Schema.String
}) {
  override get message(): string {
    return `An adapter with id ${this.adapterId} is already registered`
  }
}

/**
 * A request's input does not decode with its adapter's `inputSchema`. Names no value (the input
 * may hold a national identity number).
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  adapterId: Schema.String,
  subject: OptionalString
}) {
  override get message(): string {
    return `The input does not match the input schema of adapter ${this.adapterId}${about(this)}`
  }
}

/** Errors an API call can end in after its retries. */
export type AmlApiError =
  | ApiValidationError
  | Unauthorized
  | Forbidden
  | SessionNotFound
  | EntityNotRequested
  | EntityFailed
  | ResultExpired
  | RateLimited
  | ServiceUnavailable
  | ConnectionFailed
  | UnexpectedResponse
  | AccessTokenError

export const AmlApiError = Schema.Union(
  ApiValidationError,
  Unauthorized,
  Forbidden,
  SessionNotFound,
  EntityNotRequested,
  EntityFailed,
  ResultExpired,
  RateLimited,
  ServiceUnavailable,
  ConnectionFailed,
  UnexpectedResponse,
  AccessTokenError
)

/** Every way one entity's screening can end other than success. */
export type ScreeningError =
  | AmlApiError
  | EntityNotReady
  | CreateOutcomeUnknown
  | SessionFailed
  | SessionTimedOut
  | ResultDecodeFailed
  | ArtifactWriteFailed
  | JournalError
  | AdapterNotFound
  | InvalidInput

export const ScreeningError = Schema.Union(
  AmlApiError,
  EntityNotReady,
  CreateOutcomeUnknown,
  SessionFailed,
  SessionTimedOut,
  ResultDecodeFailed,
  ArtifactWriteFailed,
  JournalError,
  AdapterNotFound,
  InvalidInput
)
