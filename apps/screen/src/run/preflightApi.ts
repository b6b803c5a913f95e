import { createServer } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import { AccessTokens, type Adapter, AmlConfig, AmlHttp } from "@nordscreen/core"
import { Data, Effect, Either, Layer, Redacted } from "effect"

/** The API cannot be used with these settings: nothing would succeed, so no run starts. */
export class ApiUnusable extends Data.TaggedError("ApiUnusable")<{
  /** `token endpoint` or `API`. */
  readonly what: string
  readonly url: string
  readonly reason: string
  readonly hint: string
}> {
  override get message(): string {
    return `cannot use the ${this.what} at ${this.url}: ${this.reason}; ${this.hint}`
  }
}

/** The webhook receiver cannot listen where it was asked to. */
export class WebhookPortUnavailable extends Data.TaggedError("WebhookPortUnavailable")<{
  readonly host: string
  readonly port: number
  readonly reason: string
  /** A port that was free a moment ago, to suggest. */
  readonly freePort: number | undefined
}> {
  override get message(): string {
    const free = this.freePort === undefined ? "" : ` or a free one such as --webhook-port ${this.freePort}`
    return `--webhook-port ${this.port}: cannot listen on ${this.host}:${this.port} (${this.reason}); use --webhook-port 0 for any free port${free}`
  }
}

export type PreflightError = ApiUnusable | WebhookPortUnavailable

const errnoOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
    ? cause.code
    : String(cause)

/** Listens on host:port and closes again; fails with the errno code when that is impossible. */
const probeListen = (host: string, port: number): Effect.Effect<number, string> =>
  Effect.async<number, string>((resume) => {
    const server = createServer()
    server.once("error", (cause) => resume(Effect.fail(errnoOf(cause))))
    server.listen(port, host, () => {
      const address = server.address()
      const bound = typeof address === "object" && address !== null ? address.port : port
      server.close(() => resume(Effect.succeed(bound)))
    })
  })

const LISTEN_REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: "the port is in use by another program",
  EACCES: "not permitted; ports below 1024 need privileges",
  EADDRNOTAVAIL: "the address is not one of this machine's"
}

// The engine starts the receiver only once the run is recorded; an occupied port found there
// would leave a run behind, so it is tried here first.
const checkWebhookPort = (
  settings: AmlConfig.AmlConfigShape
): Effect.Effect<void, WebhookPortUnavailable> => {
  const { enabled, host, port } = settings.webhook
  if (!enabled || port === 0) return Effect.void
  return Effect.catchAll(probeListen(host, port), (code) =>
    Effect.flatMap(Effect.either(probeListen(host, 0)), (free) =>
      Effect.fail(
        new WebhookPortUnavailable({
          host,
          port,
          reason: LISTEN_REASONS[code] ?? code,
          freePort: Either.getOrUndefined(free)
        })
      )
    )
  )
}

const CREDENTIALS_HINT =
  "check the client id and secret (--client-id, NORDSCREEN_CLIENT_ID, NORDSCREEN_CLIENT_SECRET or the config file)"
const ADDRESS_HINT =
  "check --api-url/--issuer (or NORDSCREEN_API_URL/NORDSCREEN_ISSUER), the network and proxy"

const tokenFailure = (settings: AmlConfig.AmlConfigShape, error: AccessTokens.TokenError): ApiUnusable => {
  // The endpoint's own words are shown, but never the secret, even if a server echoed it.
  const secret = Redacted.value(settings.clientSecret)
  const scrub = (text: string) => (secret === "" ? text : text.split(secret).join("***"))
  const at = { what: "token endpoint", url: settings.tokenUrl }
  switch (error._tag) {
    case "Unauthorized":
      return new ApiUnusable({
        ...at,
        reason: `the client credentials were refused (HTTP ${error.status} ${error.errorCode}: ${scrub(error.detail)})`,
        hint: CREDENTIALS_HINT
      })
    case "Forbidden":
      return new ApiUnusable({
        ...at,
        reason: `the client may obtain none of the scopes the adapters need (${error.errorCode}: ${scrub(error.detail)})`,
        hint: "ask for the AML scopes to be granted to this client"
      })
    case "AccessTokenError":
      return new ApiUnusable({
        ...at,
        reason:
          error.status === undefined
            ? `no answer (${scrub(error.reason)})`
            : `HTTP ${error.status}${error.oauthError === undefined ? "" : ` ${error.oauthError}`}: ${scrub(error.reason)}`,
        hint: error.status === undefined ? ADDRESS_HINT : CREDENTIALS_HINT
      })
  }
}

/**
 * One access token, for the first scope set of the adapters the client may obtain. Bad client
 * credentials or an unreachable token endpoint fail here instead of once per entity. A scope set
 * that is refused (`invalid_scope`) is skipped: the client may lack only person scopes while the
 * portfolio holds only organisations.
 */
const checkToken = (
  settings: AmlConfig.AmlConfigShape,
  adapters: ReadonlyArray<Adapter.AnyAdapter>
): Effect.Effect<void, ApiUnusable> =>
  Effect.gen(function* () {
    const tokens = yield* AccessTokens.AccessTokens
    const scopeSets = new Map(adapters.map((a) => [[...new Set(a.scopes)].sort().join(" "), a.scopes]))
    let refused: AccessTokens.TokenError | undefined
    for (const scopes of scopeSets.values()) {
      const answer = yield* Effect.either(tokens.get(scopes))
      if (Either.isRight(answer)) return
      if (answer.left._tag !== "Forbidden") return yield* tokenFailure(settings, answer.left)
      refused = answer.left
    }
    if (refused !== undefined) return yield* tokenFailure(settings, refused)
  }).pipe(
    Effect.provide(
      AccessTokens.accessTokensLayer().pipe(
        Layer.provide(Layer.merge(AmlConfig.amlConfigFrom(settings), AmlHttp.nodeHttpClientLayer))
      )
    )
  )

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * The API base URL answers at all (any HTTP status will do). Only asked when the API lives on
 * another origin than the token endpoint, whose answer already proved the host reachable.
 */
const checkApiReachable = (settings: AmlConfig.AmlConfigShape): Effect.Effect<void, ApiUnusable> => {
  if (originOf(settings.apiUrl) === originOf(settings.tokenUrl)) return Effect.void
  const unusable = (reason: string) =>
    new ApiUnusable({ what: "API", url: settings.apiUrl, reason, hint: ADDRESS_HINT })
  return Effect.flatMap(HttpClient.HttpClient, (client) => client.head(settings.apiUrl)).pipe(
    Effect.timeoutFail({
      duration: settings.timeouts.requestMs,
      onTimeout: () => unusable(`no answer within ${settings.timeouts.requestMs} ms`)
    }),
    Effect.mapError((error) =>
      error instanceof ApiUnusable ? error : unusable(`no answer (${error.message})`)
    ),
    Effect.asVoid,
    Effect.provide(AmlHttp.nodeHttpClientLayer)
  )
}

/**
 * What must hold before a run is recorded, so that a wrong setting is one clear error (exit 2)
 * and not a run that fails every entity or stays "running": the webhook port is free, the client
 * gets an access token, the API answers.
 */
export const preflightApi = (
  settings: AmlConfig.AmlConfigShape,
  adapters: ReadonlyArray<Adapter.AnyAdapter>
): Effect.Effect<void, PreflightError> =>
  Effect.all([checkWebhookPort(settings), checkToken(settings, adapters), checkApiReachable(settings)], {
    discard: true
  })
