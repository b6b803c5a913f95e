import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, create, HOUR, json, obj, orgBody, start } from "./helpers.js"

let sim: Simulator
let client: Api

beforeAll(async () => {
  sim = await start({ tokenTtlSeconds: 7 * 24 * 3600 })
})
beforeEach(async () => {
  sim.reset()
  client = api(sim, await accessToken(sim))
})
afterAll(() => sim.stop())

const admin = (path: string, init: RequestInit = {}) => fetch(`${sim.url}/_sim/${path}`, init)
const put = (path: string, body: unknown, method = "PUT") =>
  admin(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) })

describe("GET /_sim/stats", () => {
  it("counts sessions per identifier and requests per route and status", async () => {
    await create(client, "/organization/session/no", orgBody())
    await create(client, "/organization/session/no", orgBody({ identifier: "913 579 240" }))
    await create(client, "/person/session/no", {
      firstName: "Kari",
      lastName: "Nordmann",
      ssn: "12858840099"
    })
    await create(client, "/person/session/no", { name: "Kari Nordmann", dateOfBirth: "1970-01-01" })
    await client.post("/organization/session/no", orgBody({ language: "xx" }))
    const stats = await json(await admin("stats"))
    expect(stats["sessionsCreated"]).toBe(4)
    expect(stats["sessionsLive"]).toBe(4)
    expect(stats["sessionsCreatedByIdentifier"]).toEqual({
      "organization/NO/913579240": 2,
      "person/NO/12858840099": 1,
      "person/NO/Kari Nordmann+1970-01-01": 1
    })
    expect(obj(stats["requests"])["create"]).toEqual({ "201": 4, "400": 1 })
    expect(obj(stats["requests"])["token"]).toEqual({ "200": 1 })
    expect(stats["tokensIssued"]).toBe(1)
    expect(obj(stats["faults"])["total"]).toBe(0)
    expect(obj(stats["webhooks"])["delivered"]).toBe(0)
  })
})

describe("POST /_sim/reset", () => {
  it("clears counters and sessions", async () => {
    const { location } = await create(client, "/organization/session/no", orgBody())
    expect((await admin("reset", { method: "POST" })).status).toBe(200)
    expect((await client.get(location)).status).toBe(404)
    const stats = sim.stats()
    expect(stats.sessionsCreated).toBe(0)
    expect(stats.sessionsCreatedByIdentifier).toEqual({})
    expect(stats.requests).toEqual({ info: { "404": 1 } })
  })
})

describe("POST /_sim/clock/advance", () => {
  it("moves the simulated clock", async () => {
    const before = sim.clock.now()
    const response = await put("clock/advance", { ms: HOUR }, "POST")
    expect(response.status).toBe(200)
    expect(Date.parse(String((await json(response))["now"]))).toBeGreaterThanOrEqual(before + HOUR)
    expect(sim.clock.now()).toBeGreaterThanOrEqual(before + HOUR)
  })

  it("rejects a bad body", async () => {
    for (const body of [{}, { ms: -1 }, { ms: "10" }]) {
      const response = await put("clock/advance", body, "POST")
      expect(response.status).toBe(400)
      expect((await json(response))["errorCode"]).toBe("INVALID_REQUEST")
    }
  })
})

describe("/_sim/config", () => {
  it("returns and patches the running configuration", async () => {
    const initial = await json(await admin("config"))
    expect(initial["jsonDelayMs"]).toBe(30)
    expect(initial["rateLimit"]).toBeNull()
    const response = await put("config", {
      faultRate: 0.25,
      rateLimit: { rps: 5 },
      faultWeights: { reset: 3 }
    })
    expect(response.status).toBe(200)
    const patched = await json(await admin("config"))
    expect(patched["faultRate"]).toBe(0.25)
    expect(patched["rateLimit"]).toEqual({ rps: 5, burst: 10 })
    expect(patched["faultWeights"]).toEqual({ http500: 1, http502: 1, http503: 1, reset: 3 })
    await put("config", { faultRate: 0, rateLimit: null })
  })

  it("answers 400 with details for a bad patch and changes nothing", async () => {
    const response = await put("config", {
      faultRate: 2,
      bogus: true,
      latencyJitter: { distribution: "pareto" }
    })
    expect(response.status).toBe(400)
    const body = await json(response)
    expect(body["errorCode"]).toBe("INVALID_REQUEST")
    expect(body["details"]).toHaveLength(3)
    expect((await json(await admin("config")))["faultRate"]).toBe(0)
    expect((await admin("config", { method: "PUT", body: "{oops" })).status).toBe(400)
    expect(() => sim.config({ webhookLoss: -1 })).toThrow()
  })
})

describe("GET /_sim/signing-certificate", () => {
  it("serves the PEM certificate the reports are signed with", async () => {
    const response = await admin("signing-certificate")
    expect(response.status).toBe(200)
    const pem = await response.text()
    expect(pem).toContain("-----BEGIN CERTIFICATE-----")
    expect(pem).toBe(sim.signingCertificatePem)
  })

  it("answers 404 for unknown admin paths", async () => {
    expect((await admin("nothing")).status).toBe(404)
  })
})

describe("memory sweep", () => {
  it("drops sessions 24 h after their last expiry, when the clock moves", async () => {
    for (let i = 0; i < 5; i++) await create(client, "/organization/session/no", orgBody())
    expect(sim.stats().sessionsLive).toBe(5)
    sim.clock.advance(2 * HOUR + 23 * HOUR)
    expect(sim.stats().sessionsLive).toBe(5)
    sim.clock.advance(2 * HOUR)
    expect(sim.stats().sessionsLive).toBe(0)
    expect(sim.stats().sessionsCreated).toBe(5)
  })
})
