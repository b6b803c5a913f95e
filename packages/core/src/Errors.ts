import { Data } from "effect"

/**
 * Every error carries the facts a user needs to act on it and nothing they must not see: the
 * `subject` is the adapter's masked display label, never a national identity number, and no
 * error holds a token or a secret.
 */

/** Where the file name, size and digest of a stored artifact are recorded. */
export interface ArtifactRef {
  readonly path: string
  readonly sha256: string
  readonly size: number
}

/** Facts shared by every error that comes from one API call. */
interface CallFacts {
  readonly subject?: string | undefined
  readonly sessionId?: string | undefined
  /** Our `X-Request-Id`, for correlating with the service's logs. */
  readonly requestId?: string | undefined
}

const about = (facts: CallFacts): string => {
  const parts = [
    facts.subject === undefined ? undefined : `subject ${facts.subject}`,
    facts.sessionId === undefined ? undefined : `session ${facts.sessionId}`,
    facts.requestId === undefined ? undefined : `request ${facts.requestId}`
  ].filter((part): part is string => part !== undefined)
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`
}

/** A setting is missing or malformed; `setting` names it as the user wrote it. */
export class AmlConfigError extends Data.TaggedError("AmlConfigError")<{
  readonly setting: string
  readonly reason: string
}> {
  override get message(): string {
    return `Configuration setting ${this.setting}: ${this.reason}`
  }
}

/** The token endpoint refused or failed for a reason other than bad client credentials. */
export class AccessTokenError extends Data.TaggedError("AccessTokenError")<{
  readonly status: number | undefined
  /** OAuth `error` code, e.g. `invalid_scope`, `temporarily_unavailable`. */
  readonly oauthError: string | undefined
  readonly reason: string
}> {
  override get message(): string {
    const status = this.status === undefined ? "" : ` HTTP ${this.status}`
    const code = this.oauthError === undefined ? "" : ` ${this.oauthError}`
    return `Access token request failed:${status}${code} ${this.reason}`
  }
}

/** 400: the API rejected the request (contract §10.3 validation codes). */
export class ApiValidationError extends Data.TaggedError("ApiValidationError")<
  CallFacts & {
    readonly status: number
    readonly errorCode: string
    readonly detail: string
    readonly fields: ReadonlyArray<{ readonly field: string | undefined; readonly issue: string | undefined }>
  }
> {
  override get message(): string {
    return `API rejected the request: ${this.errorCode} ${this.detail}${about(this)}`
  }
}

/** 401 after one token refresh, or bad client credentials at the token endpoint. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<
  CallFacts & { readonly status: number; readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Not authorized (HTTP ${this.status} ${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 403: the token lacks a scope the endpoint needs (`INSUFFICIENT_SCOPE`). */
export class Forbidden extends Data.TaggedError("Forbidden")<
  CallFacts & { readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Forbidden (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 404: unknown session or another client's session (any 404 but `ENTITY_NOT_REQUESTED`). */
export class SessionNotFound extends Data.TaggedError("SessionNotFound")<
  CallFacts & { readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Not found (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/**
 * 404 `ENTITY_NOT_REQUESTED`: the session exists, it just has no such report. Never read as a
 * session that is gone (that would make the next run pay for a new one).
 */
export class EntityNotRequested extends Data.TaggedError("EntityNotRequested")<
  CallFacts & { readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Not requested in this session (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 204 from a download: the entity is not READY yet. */
export class EntityNotReady extends Data.TaggedError("EntityNotReady")<
  CallFacts & { readonly entity: string; readonly retryAfterMs: number | undefined }
> {
  override get message(): string {
    return `Entity ${this.entity} is not ready yet${about(this)}`
  }
}

/** 409: the entity FAILED and will never become available. */
export class EntityFailed extends Data.TaggedError("EntityFailed")<
  CallFacts & { readonly entity: string; readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Entity ${this.entity} failed (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** 410 or an EXPIRED entity: the two-hour download window has passed. Paid for, but gone. */
export class ResultExpired extends Data.TaggedError("ResultExpired")<
  CallFacts & { readonly entity: string }
> {
  override get message(): string {
    return `Result ${this.entity} expired before it was downloaded${about(this)}`
  }
}

/** 429 after the retries allowed for the call. */
export class RateLimited extends Data.TaggedError("RateLimited")<
  CallFacts & { readonly retryAfterMs: number | undefined }
> {
  override get message(): string {
    return `Rate limited by the API${about(this)}`
  }
}

/** 5xx after the retries allowed for the call. */
export class ServiceUnavailable extends Data.TaggedError("ServiceUnavailable")<
  CallFacts & { readonly status: number; readonly errorCode: string; readonly detail: string }
> {
  override get message(): string {
    return `Service unavailable (HTTP ${this.status} ${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** The connection failed or timed out (after the retries allowed for the call). */
export class ConnectionFailed extends Data.TaggedError("ConnectionFailed")<
  CallFacts & { readonly reason: string }
> {
  override get message(): string {
    return `Connection to the API failed: ${this.reason}${about(this)}`
  }
}

/** An answer the contract does not describe (status or body). */
export class UnexpectedResponse extends Data.TaggedError("UnexpectedResponse")<
  CallFacts & { readonly status: number; readonly reason: string }
> {
  override get message(): string {
    return `Unexpected API response (HTTP ${this.status}): ${this.reason}${about(this)}`
  }
}

/**
 * The create POST may or may not have created (and billed) a session. It is never retried
 * automatically; resume with `retryUnknown` to create anyway.
 */
export class CreateOutcomeUnknown extends Data.TaggedError("CreateOutcomeUnknown")<
  CallFacts & {
    readonly entityKeyHash: string
    /** The `reference` sent with the create request (a keyed hash of the entity key). */
    readonly reference: string
    readonly reason: string
  }
> {
  override get message(): string {
    return `Unknown whether a session was created (reference ${this.reference}): ${this.reason}${about(this)}`
  }
}

/** The API cancelled the session (`FAILED`, contract §6.1); `errorCode` says why. */
export class SessionFailed extends Data.TaggedError("SessionFailed")<
  CallFacts & {
    readonly sessionId: string
    readonly errorCode: string
    readonly detail: string
    /** Artifacts downloaded before the failure (entities that were READY stay downloadable). */
    readonly artifacts: Readonly<Record<string, ArtifactRef>>
  }
> {
  override get message(): string {
    return `Session failed (${this.errorCode}): ${this.detail}${about(this)}`
  }
}

/** Waited longer than the session timeout; the session id is kept so the entity can resume. */
export class SessionTimedOut extends Data.TaggedError("SessionTimedOut")<
  CallFacts & { readonly sessionId: string; readonly sessionPath: string; readonly waitedMs: number }
> {
  override get message(): string {
    return `Session not finished after ${Math.round(this.waitedMs / 1000)} s; resume it later${about(this)}`
  }
}

/** The JSON result did not match the adapter's schema. The raw bytes are stored at `json`. */
export class ResultDecodeFailed extends Data.TaggedError("ResultDecodeFailed")<
  CallFacts & {
    readonly sessionId: string
    readonly json: ArtifactRef
    readonly artifacts: Readonly<Record<string, ArtifactRef>>
    readonly issue: string
  }
> {
  override get message(): string {
    return `JSON result did not match the expected shape (kept at ${this.json.path}): ${this.issue}${about(this)}`
  }
}

/** The artifact sink could not store downloaded bytes. */
export class ArtifactWriteFailed extends Data.TaggedError("ArtifactWriteFailed")<
  CallFacts & { readonly artifact: string; readonly reason: string }
> {
  override get message(): string {
    return `Could not store ${this.artifact}: ${this.reason}${about(this)}`
  }
}

/** The step journal could not read or record a step. */
export class JournalError extends Data.TaggedError("JournalError")<{
  readonly step: string
  readonly reason: string
}> {
  override get message(): string {
    return `Step journal failed at ${this.step}: ${this.reason}`
  }
}

export class AdapterNotFound extends Data.TaggedError("AdapterNotFound")<{
  readonly adapterId: string
  readonly known: ReadonlyArray<string>
}> {
  override get message(): string {
    return `No adapter registered as ${this.adapterId} (known: ${this.known.join(", ") || "none"})`
  }
}

export class AdapterConflict extends Data.TaggedError("AdapterConflict")<{ readonly adapterId: string }> {
  override get message(): string {
    return `An adapter with id ${this.adapterId} is already registered`
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

/** Every way one entity's screening can end other than success. */
export type ScreeningError =
  | AmlApiError
  | CreateOutcomeUnknown
  | SessionFailed
  | SessionTimedOut
  | ResultDecodeFailed
  | ArtifactWriteFailed
  | JournalError
