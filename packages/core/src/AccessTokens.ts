import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Clock, Context, Deferred, Effect, Either, FiberId, Layer, Redacted, Schema } from "effect"
import { AmlConfig, type AmlConfigShape, type AssertionProvider } from "./AmlConfig.js"
import { AccessTokenError, type AmlConfigError, Forbidden, Unauthorized } from "./Errors.js"
import { tokenRequests } from "./internal/metrics.js"
import {
  backoffMs,
  bodyJson,
  type Exchange,
  exchange,
  quietClient,
  retryAfterMs,
  TransportFailure
} from "./internal/transport.js"

export type TokenError = AccessTokenError | Unauthorized | Forbidden

export interface AccessTokensShape {
  /** A valid bearer token for this scope set (cached; one request in flight per scope set). */
  readonly get: (scopes: ReadonlyArray<string>) => Effect.Effect<Redacted.Redacted<string>, TokenError>
  /** The cached token if it is still fresh at `now`, without fetching (then use `get`). */
  readonly unsafeCached: (scopes: ReadonlyArray<string>, now: number) => Redacted.Redacted<string> | undefined
  /** Drops `token` after the API answered 401 to it; a newer token is kept. */
  readonly invalidate: (
    scopes: ReadonlyArray<string>,
    token: Redacted.Redacted<string>
  ) => Effect.Effect<void>
}

export class AccessTokens extends Context.Tag("@nordscreen/core/AccessTokens")<
  AccessTokens,
  AccessTokensShape
>() {}

export interface AccessTokensOptions {
  /** Signs the `client_assertion` for `private_key_jwt`. */
  readonly assertion?: AssertionProvider | undefined
}

const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.optional(Schema.NullOr(Schema.String)),
  expires_in: Schema.optional(Schema.NullOr(Schema.Union(Schema.Number, Schema.NumberFromString))),
  scope: Schema.optional(Schema.NullOr(Schema.String))
})

const OAuthError = Schema.Struct({
  error: Schema.String,
  error_description: Schema.optional(Schema.NullOr(Schema.String))
})

/** Lifetime assumed when the token response omits `expires_in` (simulator default, §3.1). */
const DEFAULT_EXPIRES_IN_S = 300
/** Refresh once 80 % of the lifetime has passed (contract §3.1). */
const REFRESH_AT = 0.8

interface Token {
  readonly value: Redacted.Redacted<string>
  readonly refreshAt: number
}

interface Entry {
  readonly deferred: Deferred.Deferred<Token, TokenError>
  /** Set once the request succeeded. */
  readonly token: Token | undefined
}

const scopeKey = (scopes: ReadonlyArray<string>): string => [...new Set(scopes)].sort().join(" ")

const formBody = (
  config: AmlConfigShape,
  scopes: string,
  assertion: string | undefined
): Record<string, string> => {
  const body: Record<string, string> = { grant_type: "client_credentials" }
  if (scopes !== "") body["scope"] = scopes
  if (config.authMethod === "client_secret_post") {
    body["client_id"] = config.clientId
    body["client_secret"] = Redacted.value(config.clientSecret)
  }
  if (assertion !== undefined) {
    body["client_id"] = config.clientId
    body["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    body["client_assertion"] = assertion
  }
  return body
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before Base64. */
const basicAuth = (config: AmlConfigShape): string =>
  `Basic ${Buffer.from(
    `${encodeURIComponent(config.clientId)}:${encodeURIComponent(Redacted.value(config.clientSecret))}`
  ).toString("base64")}`

const oauthFailure = (answer: Exchange): TokenError => {
  const parsed = Schema.decodeUnknownEither(OAuthError)(bodyJson(answer.body))
  const code = Either.isRight(parsed) ? parsed.right.error : undefined
  const detail = Either.isRight(parsed)
    ? (parsed.right.error_description ?? code ?? "")
    : `HTTP ${answer.status}`
  if (
    code === "invalid_client" ||
    code === "unauthorized_client" ||
    (code === undefined && answer.status === 401)
  )
    return new Unauthorized({ status: answer.status, errorCode: code ?? "invalid_client", detail })
  if (code === "invalid_scope") return new Forbidden({ errorCode: code, detail })
  return new AccessTokenError({ status: answer.status, oauthError: code, reason: detail })
}

/**
 * `token_type` is case-insensitive (RFC 6749 §5.1): BankID says `bearer`, the simulator `Bearer`
 * (contract §16.8). A response without one is taken as bearer, the only type the API knows.
 */
const unsupportedTokenType = (tokenType: string | null | undefined): string | undefined =>
  tokenType === undefined || tokenType === null || tokenType.toLowerCase() === "bearer"
    ? undefined
    : tokenType

const retryable = (status: number): boolean => status === 429 || status >= 500

const makeFetch = (client: HttpClient.HttpClient, config: AmlConfigShape, options: AccessTokensOptions) => {
  const once = (scopes: string) =>
    Effect.gen(function* () {
      const assertion =
        config.authMethod === "private_key_jwt"
          ? yield* options.assertion === undefined
              ? Effect.fail(
                  new AccessTokenError({
                    status: undefined,
                    oauthError: undefined,
                    reason: "private_key_jwt needs an assertion provider"
                  })
                )
              : options.assertion({ clientId: config.clientId, tokenUrl: config.tokenUrl }).pipe(
                  Effect.mapError(
                    (error: AmlConfigError) =>
                      new AccessTokenError({
                        status: undefined,
                        oauthError: undefined,
                        reason: error.message
                      })
                  )
                )
          : undefined
      let request = HttpClientRequest.post(config.tokenUrl).pipe(
        HttpClientRequest.acceptJson,
        HttpClientRequest.bodyUrlParams(formBody(config, scopes, assertion))
      )
      if (config.authMethod === "client_secret_basic")
        request = HttpClientRequest.setHeader(request, "authorization", basicAuth(config))
      yield* tokenRequests
      return yield* exchange(client, request, config.timeouts.tokenMs)
    })

  const attempt = (scopes: string, n: number): Effect.Effect<Token, TokenError> =>
    Effect.gen(function* () {
      const answer = yield* Effect.either(once(scopes))
      const now = yield* Clock.currentTimeMillis
      const transient = Either.isLeft(answer)
        ? answer.left instanceof TransportFailure
        : retryable(answer.right.status)
      if (transient && n < config.retry.maxAttempts) {
        const after = Either.isRight(answer) ? retryAfterMs(answer.right.headers, now) : undefined
        yield* Effect.sleep(backoffMs(n, config.retry, after))
        return yield* attempt(scopes, n + 1)
      }
      if (Either.isLeft(answer)) {
        const failure = answer.left
        return yield* failure instanceof TransportFailure
          ? Effect.fail(
              new AccessTokenError({
                status: undefined,
                oauthError: undefined,
                reason: `connection ${failure.code}`
              })
            )
          : Effect.fail(failure)
      }
      if (answer.right.status !== 200) return yield* Effect.fail(oauthFailure(answer.right))
      const decoded = Schema.decodeUnknownEither(TokenResponse)(bodyJson(answer.right.body))
      if (Either.isLeft(decoded))
        return yield* Effect.fail(
          new AccessTokenError({
            status: 200,
            oauthError: undefined,
            reason: "token response without access_token"
          })
        )
      const tokenType = unsupportedTokenType(decoded.right.token_type)
      if (tokenType !== undefined)
        return yield* Effect.fail(
          new AccessTokenError({
            status: 200,
            oauthError: undefined,
            reason: `token_type ${JSON.stringify(tokenType.slice(0, 40))} is not supported: the AML API takes bearer tokens only`
          })
        )
      const lifetime = decoded.right.expires_in ?? DEFAULT_EXPIRES_IN_S
      return {
        value: Redacted.make(decoded.right.access_token),
        refreshAt: now + lifetime * 1000 * REFRESH_AT
      }
    })

  return (scopes: string) => attempt(scopes, 1)
}

const make = (options: AccessTokensOptions) =>
  Effect.gen(function* () {
    const config = yield* AmlConfig
    const client = quietClient(yield* HttpClient.HttpClient)
    const scope = yield* Effect.scope
    const fetch = makeFetch(client, config, options)
    // Plain mutable state: every read-modify-write below is synchronous, hence atomic.
    const entries = new Map<string, Entry>()

    /** Runs the request detached, so a caller being interrupted cannot strand the others. */
    const start = (key: string, deferred: Deferred.Deferred<Token, TokenError>) =>
      fetch(key).pipe(
        Effect.tap((token) =>
          Effect.sync(() => {
            if (entries.get(key)?.deferred === deferred) entries.set(key, { deferred, token })
          })
        ),
        Effect.tapError(() =>
          Effect.sync(() => {
            if (entries.get(key)?.deferred === deferred) entries.delete(key)
          })
        ),
        Effect.exit,
        Effect.flatMap((exit) => Deferred.done(deferred, exit)),
        Effect.forkIn(scope)
      )

    /** Scope keys by the adapter's scope array: most callers pass the same array every time. */
    const keys = new WeakMap<ReadonlyArray<string>, string>()
    const keyOf = (scopes: ReadonlyArray<string>): string => {
      let key = keys.get(scopes)
      if (key === undefined) {
        key = scopeKey(scopes)
        keys.set(scopes, key)
      }
      return key
    }

    /** Joins the request in flight, or starts one. */
    const request = (key: string) =>
      Effect.suspend(() => {
        const entry = entries.get(key)
        if (entry !== undefined && entry.token === undefined) return Deferred.await(entry.deferred)
        const deferred = Deferred.unsafeMake<Token, TokenError>(FiberId.none)
        entries.set(key, { deferred, token: undefined })
        return Effect.zipRight(start(key, deferred), Deferred.await(deferred))
      })

    const unsafeCached = (scopes: ReadonlyArray<string>, now: number) => {
      const token = entries.get(keyOf(scopes))?.token
      return token !== undefined && now < token.refreshAt ? token.value : undefined
    }

    // A cached, fresh token is the common case: one clock read, no Deferred.
    const get = (scopes: ReadonlyArray<string>) =>
      Effect.clockWith((clock) => {
        const cached = unsafeCached(scopes, clock.unsafeCurrentTimeMillis())
        return cached !== undefined
          ? Effect.succeed(cached)
          : Effect.map(request(keyOf(scopes)), (fetched) => fetched.value)
      })

    const invalidate = (scopes: ReadonlyArray<string>, token: Redacted.Redacted<string>) =>
      Effect.sync(() => {
        const key = keyOf(scopes)
        const current = entries.get(key)?.token
        if (current !== undefined && Redacted.value(current.value) === Redacted.value(token))
          entries.delete(key)
      })

    return { get, unsafeCached, invalidate } satisfies AccessTokensShape
  })

export const accessTokensLayer = (
  options: AccessTokensOptions = {}
): Layer.Layer<AccessTokens, never, AmlConfig | HttpClient.HttpClient> =>
  Layer.scoped(AccessTokens, make(options))
