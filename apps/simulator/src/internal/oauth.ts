import type { IncomingMessage } from "node:http"
import { ALL_SCOPES } from "../SimulatorOptions.js"
import { readBody } from "./http.js"
import { jsonReply, type Reply } from "./reply.js"
import { JWKS_PATH, REALM_PATH, TOKEN_PATH } from "./router.js"
import type { IssuedToken, ResolvedClient, TokenService } from "./tokens.js"

export const issuerOf = (origin: string): string => `${origin}${REALM_PATH}`

export const discoveryDocument = (origin: string): Record<string, unknown> => ({
  issuer: issuerOf(origin),
  token_endpoint: `${origin}${TOKEN_PATH}`,
  jwks_uri: `${origin}${JWKS_PATH}`,
  "aml-baseurl": origin,
  grant_types_supported: ["client_credentials"],
  token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  response_types_supported: ["token"],
  scopes_supported: ALL_SCOPES,
  claims_supported: ["iss", "sub", "aud", "azp", "exp", "iat", "jti", "scope", "resource_access"]
})

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" }

const oauthError = (
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {}
): Reply => jsonReply(status, { error, error_description: description }, { ...NO_STORE, ...headers })

/** RFC 6749 §2.3.1: the Basic credentials are form-encoded before base64. */
const formDecode = (value: string): string | null => {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "))
  } catch {
    return null
  }
}

type Credentials =
  | { readonly _tag: "Found"; readonly clientId: string; readonly secret: string; readonly basic: boolean }
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Malformed"; readonly description: string }

const credentialsOf = (authorization: string | undefined, form: URLSearchParams): Credentials => {
  const postId = form.get("client_id")
  const postSecret = form.get("client_secret")
  if (form.has("client_assertion")) {
    return { _tag: "Malformed", description: "private_key_jwt is not enabled for this client" }
  }
  if (authorization !== undefined && /^basic /i.test(authorization)) {
    if (postSecret !== null) return { _tag: "Malformed", description: "use one client authentication method" }
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    const clientId = colon < 0 ? null : formDecode(decoded.slice(0, colon))
    const secret = colon < 0 ? null : formDecode(decoded.slice(colon + 1))
    if (clientId === null || secret === null)
      return { _tag: "Malformed", description: "malformed Basic credentials" }
    return { _tag: "Found", clientId, secret, basic: true }
  }
  if (postId !== null && postSecret !== null)
    return { _tag: "Found", clientId: postId, secret: postSecret, basic: false }
  return { _tag: "Missing" }
}

export interface TokenRequestContext {
  readonly tokens: TokenService
  readonly nowMs: number
  readonly ttlSeconds: number
  readonly tokenType: string
  readonly onIssued: (token: IssuedToken) => void
}

/** The client-credentials token endpoint (contract §3.1). */
export const handleTokenRequest = async (
  req: IncomingMessage,
  context: TokenRequestContext
): Promise<Reply> => {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase()
  const body = await readBody(req, 16 * 1024)
  if (body._tag !== "Body") return oauthError(400, "invalid_request", "request body too large or aborted")
  if (type !== "application/x-www-form-urlencoded") {
    return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
  }
  const form = new URLSearchParams(body.text)
  const grantType = form.get("grant_type")
  if (grantType === null || grantType === "")
    return oauthError(400, "invalid_request", "Missing form parameter: grant_type")
  const credentials = credentialsOf(req.headers.authorization, form)
  if (credentials._tag === "Malformed") return oauthError(400, "invalid_request", credentials.description)
  const challenge = { "www-authenticate": 'Basic realm="sim"' }
  if (credentials._tag === "Missing")
    return oauthError(401, "invalid_client", "Client authentication required", challenge)
  const client: ResolvedClient | undefined = context.tokens.client(credentials.clientId)
  // BankID's token endpoint answers bad client credentials with 400 (contract §16.8, RFC 6749 §5.2).
  if (client === undefined || client.clientSecret !== credentials.secret) {
    return oauthError(400, "invalid_client", "Invalid client credentials")
  }
  if (grantType !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "Only client_credentials is supported")
  }
  const issued = await context.tokens.issue(client, form.get("scope"), context.nowMs, context.ttlSeconds)
  context.onIssued(issued)
  return jsonReply(
    200,
    {
      access_token: issued.accessToken,
      token_type: context.tokenType,
      expires_in: issued.expiresIn,
      scope: issued.scope
    },
    NO_STORE
  )
}
