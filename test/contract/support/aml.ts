import { expect } from "vitest"
import { basic, form, type Json, obj, type Reply, send, str, waitUntil } from "./http.js"
import { DEFAULT_CLIENT } from "./simulatorProcess.js"

export const DISCOVERY_PATH = "/auth/realms/sim/.well-known/openid-configuration"

export interface Discovery {
  readonly issuer: string
  readonly tokenEndpoint: string
  readonly amlBase: string
}

export const discover = async (simUrl: string): Promise<Discovery> => {
  const reply = await send(simUrl + DISCOVERY_PATH)
  expect(reply.status).toBe(200)
  const doc = obj(reply.body, "discovery")
  return {
    issuer: str(doc["issuer"], "issuer"),
    tokenEndpoint: str(doc["token_endpoint"], "token_endpoint"),
    amlBase: str(doc["aml-baseurl"], "aml-baseurl").replace(/\/$/, "")
  }
}

export interface Credentials {
  readonly clientId: string
  readonly clientSecret: string
}

export const requestToken = (
  tokenEndpoint: string,
  options: {
    readonly credentials?: Credentials
    readonly scope?: string
    readonly method?: "basic" | "post"
  } = {}
): Promise<Reply> => {
  const { clientId, clientSecret } = options.credentials ?? DEFAULT_CLIENT
  const fields: Record<string, string> = { grant_type: "client_credentials" }
  if (options.scope !== undefined) fields["scope"] = options.scope
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }
  if (options.method === "post") {
    fields["client_id"] = clientId
    fields["client_secret"] = clientSecret
  } else {
    headers["authorization"] = basic(clientId, clientSecret)
  }
  return send(tokenEndpoint, { method: "POST", headers, body: form(fields) })
}

const ALL_SCOPES =
  "aml_organization/basic aml_organization/OFAC aml_person/basic aml_person/OFAC aml_person/NO_NATIONAL_REGISTRY"

export const token = async (
  tokenEndpoint: string,
  options: { readonly credentials?: Credentials; readonly scope?: string } = {}
): Promise<string> => {
  const reply = await requestToken(tokenEndpoint, { scope: ALL_SCOPES, ...options })
  expect(reply.status, reply.text).toBe(200)
  return str(obj(reply.body)["access_token"], "access_token")
}

/** A bare-bones AML caller written from the contract alone (§4). */
export class Aml {
  constructor(
    readonly base: string,
    readonly accessToken: string
  ) {}

  url(pathOrUrl: string): string {
    return new URL(pathOrUrl, `${this.base}/`).toString()
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return send(this.url(path), {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        "content-type": "application/json",
        accept: "application/json",
        ...headers
      },
      body: typeof body === "string" ? body : JSON.stringify(body)
    })
  }

  get(path: string, accept = "application/json"): Promise<Reply> {
    return send(this.url(path), { headers: { authorization: `Bearer ${this.accessToken}`, accept } })
  }

  withToken(accessToken: string): Aml {
    return new Aml(this.base, accessToken)
  }
}

export interface Created {
  readonly sessionId: string
  /** Absolute session-info URL, resolved from `Location`. */
  readonly sessionUrl: string
  readonly reply: Reply
}

export const create = async (aml: Aml, path: string, body: unknown): Promise<Created> => {
  const reply = await aml.post(path, body)
  expect(reply.status, reply.text).toBe(201)
  const sessionId = str(obj(reply.body, "create response")["sessionId"], "sessionId")
  const location = reply.headers.get("location")
  expect(location, "Location header").not.toBeNull()
  return { sessionId, sessionUrl: aml.url(location ?? ""), reply }
}

export const info = async (aml: Aml, sessionUrl: string): Promise<Json> => {
  const reply = await aml.get(sessionUrl)
  expect(reply.status, reply.text).toBe(200)
  return obj(reply.body, "session info")
}

export const waitForStatus = (aml: Aml, sessionUrl: string, statuses: ReadonlyArray<string>): Promise<Json> =>
  waitUntil(
    async () => {
      const current = await info(aml, sessionUrl)
      return statuses.includes(str(current["status"])) ? current : undefined
    },
    `session status ${statuses.join("/")}`
  )

/** Admin endpoints of the simulator (§14). */
export class Admin {
  constructor(readonly simUrl: string) {}

  async stats(): Promise<Json> {
    const reply = await send(`${this.simUrl}/_sim/stats`)
    expect(reply.status).toBe(200)
    return obj(reply.body, "stats")
  }

  async advance(ms: number): Promise<void> {
    const reply = await send(`${this.simUrl}/_sim/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms })
    })
    expect(reply.status, reply.text).toBeLessThan(300)
  }

  async now(): Promise<number> {
    const reply = await send(`${this.simUrl}/_sim/clock`)
    expect(reply.status).toBe(200)
    return Date.parse(str(obj(reply.body)["now"], "clock.now"))
  }

  config(patch: Json): Promise<Reply> {
    return send(`${this.simUrl}/_sim/config`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(patch)
    })
  }

  async configure(patch: Json): Promise<void> {
    const reply = await this.config(patch)
    expect(reply.status, reply.text).toBe(200)
  }

  async reset(): Promise<void> {
    const reply = await send(`${this.simUrl}/_sim/reset`, { method: "POST" })
    expect(reply.status, reply.text).toBeLessThan(300)
  }
}
