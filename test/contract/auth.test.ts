// §2 discovery, §3 tokens and scopes, §10.1 401/403/415 — against the simulator as a process.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Admin, Aml, DISCOVERY_PATH, type Discovery, discover, requestToken, token } from "./support/aml.js"
import { expectApiError } from "./support/errors.js"
import { basic, form, obj, send, str } from "./support/http.js"
import { DEFAULT_CLIENT, type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

const ORG = { identifier: "910000012", nationality: "NO" }
const PERSON = { firstName: "Marte", lastName: "Nygaard", ssn: "12858840099" }

let sim: RunningSimulator
let other: RunningSimulator
let disco: Discovery

beforeAll(async () => {
  ;[sim, other] = await Promise.all([startSimulatorProcess(), startSimulatorProcess()])
  disco = await discover(sim.url)
})
afterAll(async () => {
  await Promise.all([sim?.stop(), other?.stop()])
})

const decodeJwtPayload = (jwt: string): Record<string, unknown> => {
  const part = jwt.split(".")[1] ?? ""
  return obj(JSON.parse(Buffer.from(part, "base64url").toString("utf8")), "JWT payload")
}

describe("OIDC discovery (§2)", () => {
  it("serves issuer, token_endpoint and aml-baseurl = the simulator origin", async () => {
    const reply = await send(sim.url + DISCOVERY_PATH)
    expect(reply.status).toBe(200)
    expect(reply.headers.get("content-type") ?? "").toMatch(/^application\/json/)
    expect(disco.amlBase).toBe(new URL(sim.url).origin)
    expect(disco.issuer).toBe(`${sim.url}/auth/realms/sim`)
    expect(disco.tokenEndpoint).toBe(`${sim.url}/auth/realms/sim/protocol/openid-connect/token`)
  })
})

describe("token endpoint (§3.1)", () => {
  it("issues a Bearer token with client_secret_basic", async () => {
    const reply = await requestToken(disco.tokenEndpoint, {
      scope: "aml_organization/basic aml_organization/OFAC"
    })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.headers.get("content-type") ?? "").toMatch(/^application\/json/)
    const body = obj(reply.body)
    expect(str(body["access_token"]).length).toBeGreaterThan(10)
    expect(body["token_type"]).toBe("Bearer")
    expect(body["expires_in"]).toBe(300)
    expect(str(body["scope"]).split(" ").sort()).toEqual(["aml_organization/OFAC", "aml_organization/basic"])
  })

  it("issues a token with client_secret_post that the AML API accepts", async () => {
    const reply = await requestToken(disco.tokenEndpoint, { method: "post", scope: "aml_organization/basic" })
    expect(reply.status, reply.text).toBe(200)
    const aml = new Aml(disco.amlBase, str(obj(reply.body)["access_token"]))
    expect((await aml.post("/organization/session/no", ORG)).status).toBe(201)
  })

  it("ignores profile and unknown scopes (§3.2)", async () => {
    const reply = await requestToken(disco.tokenEndpoint, {
      scope: "profile aml_organization/basic no_such/scope"
    })
    expect(reply.status, reply.text).toBe(200)
    const aml = new Aml(disco.amlBase, str(obj(reply.body)["access_token"]))
    expect((await aml.post("/organization/session/no", ORG)).status).toBe(201)
  })

  it.each([
    ["a wrong secret", { clientId: DEFAULT_CLIENT.clientId, clientSecret: "wrong" }],
    ["an unknown client", { clientId: "nobody", clientSecret: "nothing" }]
  ])("answers %s with 400 and the OAuth error invalid_client (§16.8)", async (_, credentials) => {
    for (const method of ["basic", "post"] as const) {
      const reply = await requestToken(disco.tokenEndpoint, { credentials, method })
      expect(reply.status).toBe(400)
      const body = obj(reply.body, "OAuth error")
      expect(body["error"]).toBe("invalid_client")
      expect(typeof body["error_description"]).toBe("string")
      expect(reply.text).not.toContain("wrong")
    }
  })

  it("answers an unsupported grant type with 400 unsupported_grant_type", async () => {
    const reply = await send(disco.tokenEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret)
      },
      body: form({ grant_type: "password", username: "u", password: "p" })
    })
    expect(reply.status).toBe(400)
    expect(obj(reply.body)["error"]).toBe("unsupported_grant_type")
  })

  it("answers a request without grant_type with 400 and an OAuth error body", async () => {
    const reply = await send(disco.tokenEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret)
      },
      body: form({ scope: "aml_organization/basic" })
    })
    expect(reply.status).toBe(400)
    expect(obj(reply.body)["error"]).toBe("invalid_request")
  })
})

describe("bearer tokens on the AML API (§3, §10.1)", () => {
  const expectInvalidToken = (reply: Awaited<ReturnType<Aml["get"]>>): void => {
    expectApiError(reply, 401, "INVALID_TOKEN")
    expect(reply.headers.get("www-authenticate") ?? "").toMatch(/^Bearer\b.*error="invalid_token"/)
  }

  it("401 INVALID_TOKEN without a token, with a malformed one and on a foreign realm's token", async () => {
    const noToken = await send(`${disco.amlBase}/organization/session/no`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ORG)
    })
    expectInvalidToken(noToken)
    expectInvalidToken(await new Aml(disco.amlBase, "not-a-jwt").post("/organization/session/no", ORG))
    const foreign = await token((await discover(other.url)).tokenEndpoint)
    expectInvalidToken(await new Aml(disco.amlBase, foreign).post("/organization/session/no", ORG))
  })

  it("401 on a token with a broken signature", async () => {
    const good = await token(disco.tokenEndpoint)
    const [h, p, s] = good.split(".")
    const flipped = `${h}.${p}.${(s ?? "").startsWith("A") ? "B" : "A"}${(s ?? "").slice(1)}`
    expectInvalidToken(await new Aml(disco.amlBase, flipped).get("/organization/session/no/x"))
  })

  it("403 INSUFFICIENT_SCOPE with WWW-Authenticate when the …/basic scope is missing", async () => {
    const personOnly = new Aml(disco.amlBase, await token(disco.tokenEndpoint, { scope: "aml_person/basic" }))
    const orgOnly = new Aml(
      disco.amlBase,
      await token(disco.tokenEndpoint, { scope: "aml_organization/basic" })
    )
    const full = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
    for (const reply of [
      await personOnly.post("/organization/session/no", ORG),
      await personOnly.post("/organization/session/se", { identifier: "559100-0012", nationality: "SE" }),
      await orgOnly.post("/person/session/no", PERSON)
    ]) {
      expectApiError(reply, 403, "INSUFFICIENT_SCOPE")
      expect(reply.headers.get("www-authenticate") ?? "").toMatch(/^Bearer\b.*error="insufficient_scope"/)
    }
    const created = await full.post("/organization/session/no", ORG)
    const id = str(obj(created.body)["sessionId"])
    const infoWithoutScope = await personOnly.get(`/organization/session/no/${id}`)
    expectApiError(infoWithoutScope, 403, "INSUFFICIENT_SCOPE")
  })

  it("a token expires on the simulated clock after expires_in (300 s)", async () => {
    const aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
    expect((await aml.post("/organization/session/no", ORG)).status).toBe(201)
    await new Admin(sim.url).advance(301_000)
    expectInvalidToken(await aml.post("/organization/session/no", ORG))
  })

  it("a JWT names the realm that issued it", async () => {
    const claims = decodeJwtPayload(await token(disco.tokenEndpoint))
    expect(claims["iss"]).toBe(disco.issuer)
  })
})

describe("415 on a POST without application/json (§10.1)", () => {
  it.each([
    ["text/plain", "text/plain"],
    ["form encoding", "application/x-www-form-urlencoded"]
  ])("answers %s with 415 and the §10.2 error body", async (_, contentType) => {
    const aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
    const reply = await aml.post("/organization/session/no", JSON.stringify(ORG), {
      "content-type": contentType
    })
    expectApiError(reply, 415)
  })

  it("answers a POST without any Content-Type with 415", async () => {
    const reply = await send(`${disco.amlBase}/organization/session/no`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token(disco.tokenEndpoint)}` },
      body: Buffer.from(JSON.stringify(ORG))
    })
    expectApiError(reply, 415)
  })

  it("accepts application/json with a charset parameter", async () => {
    const aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
    const reply = await aml.post("/organization/session/no", ORG, {
      "content-type": "application/json; charset=utf-8"
    })
    expect(reply.status, reply.text).toBe(201)
  })
})
