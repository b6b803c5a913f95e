import { decodeJwt } from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_CLIENT, type Simulator } from "../src/index.js"
import { accessToken, api, json, orgBody, start, tokenResponse } from "./helpers.js"

let sim: Simulator

beforeAll(async () => {
  sim = await start({
    tokenTtlSeconds: 120,
    clients: [
      { clientId: "org-only", clientSecret: "s1", scopes: ["aml_organization/basic"] },
      { clientId: "no-registry", clientSecret: "s2", nationalRegistryAccess: "NOT_GRANTED" }
    ]
  })
})
afterAll(() => sim.stop())

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe("discovery", () => {
  it("publishes issuer, token endpoint and aml-baseurl", async () => {
    const response = await fetch(`${sim.url}/auth/realms/sim/.well-known/openid-configuration`)
    expect(response.status).toBe(200)
    const doc = await json(response)
    expect(doc["issuer"]).toBe(sim.issuer)
    expect(doc["token_endpoint"]).toBe(sim.tokenUrl)
    expect(doc["aml-baseurl"]).toBe(sim.url)
    expect(doc["grant_types_supported"]).toContain("client_credentials")
    expect(doc["token_endpoint_auth_methods_supported"]).toEqual([
      "client_secret_basic",
      "client_secret_post"
    ])
  })
})

describe("token endpoint", () => {
  it("issues a JWT with client_secret_basic", async () => {
    const response = await tokenResponse(sim, { scope: "aml_organization/basic aml_organization/OFAC" })
    expect(response.status).toBe(200)
    expect(response.headers.get("cache-control")).toBe("no-store")
    const body = await json(response)
    expect(body["token_type"]).toBe("Bearer")
    expect(body["expires_in"]).toBe(120)
    expect(body["scope"]).toBe("aml_organization/basic aml_organization/OFAC")
    const claims = decodeJwt(String(body["access_token"]))
    expect(claims.iss).toBe(sim.issuer)
    expect(claims["azp"]).toBe(DEFAULT_CLIENT.clientId)
    expect(claims["clientId"]).toBe(DEFAULT_CLIENT.clientId)
    expect(claims["typ"]).toBe("Bearer")
    expect(claims.aud).toBe("aml_organization")
    expect(claims["resource_access"]).toEqual({ aml_organization: { roles: ["basic", "OFAC"] } })
    expect(typeof claims.jti).toBe("string")
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120)
  })

  it("issues with client_secret_post and grants every scope when none is asked for", async () => {
    const response = await fetch(sim.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({
        grant_type: "client_credentials",
        ...{ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret }
      })
    })
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(String(body["scope"]).split(" ")).toEqual(
      expect.arrayContaining(["aml_organization/basic", "aml_person/basic", "aml_person/OFAC"])
    )
  })

  it("says the token_type it is configured to say (BankID: lowercase bearer, §16.8)", async () => {
    sim.config({ tokenType: "bearer" })
    try {
      expect((await json(await tokenResponse(sim)))["token_type"]).toBe("bearer")
    } finally {
      sim.config({ tokenType: "Bearer" })
    }
  })

  it("answers 400 invalid_client for a bad secret or unknown client, as BankID does (§16.8)", async () => {
    const bad = await tokenResponse(sim, { clientSecret: "wrong" })
    expect(bad.status).toBe(400)
    expect(bad.headers.get("www-authenticate")).toBeNull()
    expect((await json(bad))["error"]).toBe("invalid_client")
    const unknown = await tokenResponse(sim, { clientId: "nobody" })
    expect(unknown.status).toBe(400)
    expect((await json(unknown))["error"]).toBe("invalid_client")
  })

  it("answers 401 invalid_client without client authentication", async () => {
    const response = await fetch(sim.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ grant_type: "client_credentials" })
    })
    expect(response.status).toBe(401)
    expect((await json(response))["error"]).toBe("invalid_client")
  })

  it("answers 400 unsupported_grant_type and invalid_request", async () => {
    const basic = Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString("base64")
    const post = (body: string, type = "application/x-www-form-urlencoded") =>
      fetch(sim.tokenUrl, {
        method: "POST",
        headers: { "content-type": type, authorization: `Basic ${basic}` },
        body
      })
    const password = await post("grant_type=password&username=a&password=b")
    expect(password.status).toBe(400)
    expect((await json(password))["error"]).toBe("unsupported_grant_type")
    const missing = await post("scope=aml_person%2Fbasic")
    expect(missing.status).toBe(400)
    expect((await json(missing))["error"]).toBe("invalid_request")
    const wrongType = await post(JSON.stringify({ grant_type: "client_credentials" }), "application/json")
    expect(wrongType.status).toBe(400)
    expect((await json(wrongType))["error"]).toBe("invalid_request")
  })

  it("drops scopes the client was not given", async () => {
    const response = await tokenResponse(sim, {
      clientId: "org-only",
      clientSecret: "s1",
      scope: "aml_organization/basic aml_person/basic profile"
    })
    expect((await json(response))["scope"]).toBe("aml_organization/basic")
  })
})

describe("bearer tokens on the AML API", () => {
  it("answers 401 INVALID_TOKEN for a missing or garbled token", async () => {
    const missing = await fetch(`${sim.url}/organization/session/no`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(orgBody())
    })
    expect(missing.status).toBe(401)
    expect(missing.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"')
    expect((await json(missing))["errorCode"]).toBe("INVALID_TOKEN")
    const garbled = await api(sim, "not.a.jwt").get("/access-rights")
    expect(garbled.status).toBe(401)
  })

  it("rejects a token of another simulator (realm)", async () => {
    const other = await start()
    try {
      const foreign = await accessToken(other)
      expect((await api(sim, foreign).get("/access-rights")).status).toBe(401)
    } finally {
      await other.stop()
    }
  })

  it("answers 401 once the token expired on the simulated clock", async () => {
    const token = await accessToken(sim)
    const client = api(sim, token)
    expect((await client.get("/access-rights")).status).toBe(200)
    sim.clock.advance(121_000)
    const expired = await client.get("/access-rights")
    expect(expired.status).toBe(401)
    expect((await json(expired))["errorCode"]).toBe("INVALID_TOKEN")
  })

  it("answers 403 INSUFFICIENT_SCOPE without the basic scope", async () => {
    const token = await accessToken(sim, { scope: "aml_organization/basic" })
    const response = await api(sim, token).post("/person/session/no", {
      name: "Kari Nordmann",
      dateOfBirth: "1970-01-01"
    })
    expect(response.status).toBe(403)
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"')
    expect((await json(response))["errorCode"]).toBe("INSUFFICIENT_SCOPE")
    const orgToken = await accessToken(sim, { scope: "aml_person/basic" })
    expect((await api(sim, orgToken).post("/organization/session/no", orgBody())).status).toBe(403)
  })

  it("shows the client's National Registry access", async () => {
    const granted = await api(sim, await accessToken(sim)).get("/access-rights")
    expect(await granted.json()).toEqual({ nationalRegistry: { status: "GRANTED" } })
    const denied = await api(
      sim,
      await accessToken(sim, { clientId: "no-registry", clientSecret: "s2" })
    ).get("/access-rights")
    expect(await denied.json()).toEqual({ nationalRegistry: { status: "NOT_GRANTED" } })
  })
})
