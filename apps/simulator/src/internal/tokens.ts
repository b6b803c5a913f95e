import { randomUUID } from "node:crypto"
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose"
import { ALL_SCOPES, type SimulatorClient } from "../SimulatorOptions.js"
import { hashString } from "./random.js"

export interface ResolvedClient {
  readonly clientId: string
  readonly clientSecret: string
  readonly scopes: ReadonlySet<string>
  readonly nationalRegistryAccess: "GRANTED" | "NOT_GRANTED"
  readonly organizationName: string
  readonly organizationNumber: string
}

export interface AuthContext {
  readonly client: ResolvedClient
  readonly scopes: ReadonlySet<string>
  readonly expiresAtMs: number
}

export interface IssuedToken {
  readonly accessToken: string
  readonly expiresIn: number
  readonly scope: string
}

export const resolveClient = (client: SimulatorClient): ResolvedClient => ({
  clientId: client.clientId,
  clientSecret: client.clientSecret,
  scopes: new Set(client.scopes ?? ALL_SCOPES),
  nationalRegistryAccess: client.nationalRegistryAccess ?? "GRANTED",
  organizationName: client.organizationName ?? "SIMULATOR KUNDE AS",
  organizationNumber: client.organizationNumber ?? "999999999"
})

/** A stable UUID-shaped subject per client id, as Keycloak gives each client a service account. */
const subjectOf = (clientId: string): string => {
  const hex = [1, 2, 3, 4].map((i) => hashString(i, clientId).toString(16).padStart(8, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const resourceAccess = (scopes: ReadonlyArray<string>): Record<string, { roles: Array<string> }> => {
  const access: Record<string, { roles: Array<string> }> = {}
  for (const scope of scopes) {
    const [resource, role] = scope.split("/")
    if (resource === undefined || role === undefined) continue
    const entry = access[resource] ?? { roles: [] }
    entry.roles.push(role)
    access[resource] = entry
  }
  return access
}

const CACHE_LIMIT = 10_000

/** Issues ES256 access tokens and validates bearer tokens; a verified token is cached by its text. */
export class TokenService {
  private readonly verified = new Map<string, AuthContext>()

  private constructor(
    readonly issuer: string,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwk: JWK,
    private readonly clients: ReadonlyMap<string, ResolvedClient>
  ) {}

  static async create(issuer: string, clients: ReadonlyArray<ResolvedClient>): Promise<TokenService> {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true })
    const kid = randomUUID()
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }
    return new TokenService(issuer, privateKey, publicKey, jwk, new Map(clients.map((c) => [c.clientId, c])))
  }

  client(clientId: string): ResolvedClient | undefined {
    return this.clients.get(clientId)
  }

  /** Grants the requested scopes the client holds; unknown or withheld ones are dropped silently. */
  async issue(
    client: ResolvedClient,
    requested: string | null,
    nowMs: number,
    ttlSeconds: number
  ): Promise<IssuedToken> {
    const wanted =
      requested === null ? Array.from(client.scopes) : requested.split(/\s+/).filter((s) => s !== "")
    const granted = Array.from(new Set(wanted.filter((s) => client.scopes.has(s))))
    const access = resourceAccess(granted.filter((s) => s !== "profile"))
    const audience = Object.keys(access)
    const iat = Math.floor(nowMs / 1000)
    const accessToken = await new SignJWT({
      typ: "Bearer",
      azp: client.clientId,
      clientId: client.clientId,
      resource_access: access,
      scope: granted.join(" ")
    })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: this.jwk.kid ?? "" })
      .setIssuer(this.issuer)
      .setSubject(subjectOf(client.clientId))
      .setAudience(audience.length === 1 ? (audience[0] ?? "") : audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey)
    return { accessToken, expiresIn: ttlSeconds, scope: granted.join(" ") }
  }

  /** The authenticated caller of a bearer token, or null when the token is missing, bad or expired. */
  async authenticate(authorization: string | undefined, nowMs: number): Promise<AuthContext | null> {
    if (authorization === undefined || !/^bearer /i.test(authorization)) return null
    const token = authorization.slice(7).trim()
    const cached = this.verified.get(token)
    if (cached !== undefined) return cached.expiresAtMs > nowMs ? cached : null
    const context = await this.verify(token, nowMs)
    if (context === null) return null
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear()
    this.verified.set(token, context)
    return context
  }

  private async verify(token: string, nowMs: number): Promise<AuthContext | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        algorithms: ["ES256"],
        currentDate: new Date(nowMs)
      })
      const client = typeof payload["azp"] === "string" ? this.clients.get(payload["azp"]) : undefined
      const scope = payload["scope"]
      if (client === undefined || typeof scope !== "string" || payload.exp === undefined) return null
      return { client, scopes: new Set(scope.split(" ")), expiresAtMs: payload.exp * 1000 }
    } catch {
      return null
    }
  }
}
