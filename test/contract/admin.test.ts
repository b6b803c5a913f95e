// §14 admin endpoints: stats, reset, config, clock; §10.1/§10.4 429 and injected 503 answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Admin, Aml, create, type Discovery, discover, token } from "./support/aml.js"
import { expectApiError } from "./support/errors.js"
import { arr, num, obj, send } from "./support/http.js"
import { runToDone } from "./support/session.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

let sim: RunningSimulator
let disco: Discovery
let admin: Admin
let aml: Aml

beforeAll(async () => {
  sim = await startSimulatorProcess()
  disco = await discover(sim.url)
  admin = new Admin(sim.url)
})
afterAll(async () => {
  await sim?.stop()
})
beforeEach(async () => {
  await admin.configure({ faultRate: 0, rateLimit: null })
  await admin.reset()
  aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
})

describe("GET /_sim/stats", () => {
  it("counts sessions created, by normalised identifier, and not rejected ones", async () => {
    await create(aml, "/organization/session/no", { identifier: "910000012", nationality: "NO" })
    await create(aml, "/organization/session/no", { identifier: "910 000 012", nationality: "NO" })
    await create(aml, "/person/session/no", { firstName: "Marte", lastName: "Nygaard", ssn: "12858840099" })
    await create(aml, "/person/session/no", { name: "Marte Nygaard", dateOfBirth: "1988-05-12" })
    await create(aml, "/organization/session/se", { identifier: "559100-0012", nationality: "SE" })
    expect((await aml.post("/organization/session/no", { identifier: "1", nationality: "NO" })).status).toBe(
      400
    )
    const stats = await admin.stats()
    expect(stats["sessionsCreated"]).toBe(5)
    const byId = obj(stats["sessionsCreatedByIdentifier"], "sessionsCreatedByIdentifier")
    expect(byId["organization/NO/910000012"]).toBe(2)
    expect(byId["person/NO/12858840099"]).toBe(1)
    expect(byId["person/NO/Marte Nygaard+1988-05-12"]).toBe(1)
    const se = Object.keys(byId).filter((k) => k.startsWith("organization/SE/"))
    expect(se.length).toBe(1)
    expect(Object.values(byId).reduce((a: number, v) => a + num(v), 0)).toBe(5)
  })

  it("reports the fields §14 asks for", async () => {
    await runToDone(aml, "/organization/session/no", { identifier: "910000012", nationality: "NO" })
    const stats = await admin.stats()
    for (const key of [
      "sessionsCreated",
      "sessionsCreatedByIdentifier",
      "requests",
      "rateLimited",
      "faults",
      "webhooks"
    ])
      expect(stats, key).toHaveProperty(key)
    const webhooks = obj(stats["webhooks"])
    expect(webhooks).toHaveProperty("delivered")
    expect(webhooks).toHaveProperty("failed")
    expect(Object.keys(obj(stats["requests"])).length).toBeGreaterThan(0)
  })
})

describe("POST /_sim/reset", () => {
  it("clears counters and sessions", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO"
    })
    await admin.reset()
    const stats = await admin.stats()
    expect(stats["sessionsCreated"]).toBe(0)
    expect(stats["sessionsCreatedByIdentifier"]).toEqual({})
    expectApiError(await aml.get(done.sessionUrl), 404, "SESSION_NOT_FOUND")
  })
})

describe("clock", () => {
  it("POST /_sim/clock/advance moves GET /_sim/clock by at least the given ms", async () => {
    const before = await admin.now()
    await admin.advance(3_600_000)
    expect((await admin.now()) - before).toBeGreaterThanOrEqual(3_600_000)
  })
})

describe("PUT /_sim/config", () => {
  it("applies a partial patch visible in GET /_sim/config", async () => {
    await admin.configure({ jsonDelayMs: 45 })
    const config = obj((await send(`${sim.url}/_sim/config`)).body)
    expect(config["jsonDelayMs"]).toBe(45)
    expect(config["reportDelayMs"]).toBe(30)
    await admin.configure({ jsonDelayMs: 30 })
  })

  it.each([{ jsonDelayMs: -1 }, { faultRate: 2 }, { jsonDelayMs: "fast" }])(
    "answers 400 with details on %j",
    async (patch) => {
      const reply = await admin.config(patch)
      expect(reply.status).toBe(400)
      expect(arr(obj(reply.body)["details"]).length).toBeGreaterThan(0)
    }
  )

  it("injected 503s carry Retry-After and the §10.2 body with SERVICE_UNAVAILABLE, and are counted", async () => {
    await admin.configure({
      faultRate: 1,
      faultWeights: { http500: 0, http502: 0, http503: 1, reset: 0 },
      faultRoutes: ["info"]
    })
    const { sessionUrl } = await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO"
    })
    const reply = await aml.get(sessionUrl)
    expectApiError(reply, 503, "SERVICE_UNAVAILABLE")
    expect(reply.headers.get("retry-after")).toMatch(/^\d+$/)
    await admin.configure({ faultRate: 0 })
    expect((await aml.get(sessionUrl)).status).toBe(200)
    expect(num(obj((await admin.stats())["faults"])["http503"])).toBeGreaterThan(0)
  })

  it("injected 500s carry the §10.2 body with INTERNAL_ERROR", async () => {
    await admin.configure({
      faultRate: 1,
      faultWeights: { http500: 1, http502: 0, http503: 0, reset: 0 },
      faultRoutes: ["info"]
    })
    const { sessionUrl } = await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO"
    })
    expectApiError(await aml.get(sessionUrl), 500, "INTERNAL_ERROR")
  })

  it("a rate limit answers 429 RATE_LIMITED with Retry-After, counted in rateLimited (§10.4)", async () => {
    await admin.configure({ rateLimit: { rps: 1, burst: 1 } })
    const replies = []
    for (let i = 0; i < 4; i++)
      replies.push(await aml.get("/organization/session/no/00000000-0000-4000-8000-000000000000"))
    const limited = replies.find((r) => r.status === 429)
    expect(limited, "a 429 within four quick requests").toBeDefined()
    if (limited === undefined) return
    expectApiError(limited, 429, "RATE_LIMITED")
    expect(limited.headers.get("retry-after")).toBe("1")
    await admin.configure({ rateLimit: null })
    expect(num((await admin.stats())["rateLimited"])).toBeGreaterThan(0)
  })
})
