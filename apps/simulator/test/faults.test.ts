import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, create, json, obj, orgBody, start, tokenResponse } from "./helpers.js"

let sim: Simulator
let client: Api

const QUIET = {
  rateLimit: null,
  faultRate: 0,
  faultWeights: { http500: 1, http502: 1, http503: 1, reset: 1 },
  faultRoutes: ["token", "create", "info", "json", "report"],
  slowRate: 0,
  burst429Rate: 0,
  sessionFailRate: 0
} as const

beforeAll(async () => {
  sim = await start({ clients: [{ clientId: "second", clientSecret: "second-secret" }] })
})
beforeEach(async () => {
  sim.config(QUIET)
  sim.reset()
  client = api(sim, await accessToken(sim))
})
afterAll(() => sim.stop())

const only = (kind: "http500" | "http502" | "http503" | "reset") => ({
  faultRate: 1,
  faultWeights: { http500: 0, http502: 0, http503: 0, reset: 0, [kind]: 1 }
})

describe("rate limiting", () => {
  it("is off by default", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.get("/access-rights")))
    expect(answers.every((r) => r.status === 200)).toBe(true)
  })

  it("answers 429 RATE_LIMITED with Retry-After once a client's bucket is empty; others are unaffected", async () => {
    sim.config({ rateLimit: { rps: 0.1, burst: 2 } })
    const statuses: Array<number> = []
    let limited: Response | null = null
    for (let i = 0; i < 4; i++) {
      const response = await client.get("/access-rights")
      statuses.push(response.status)
      if (response.status === 429) limited = response
    }
    expect(statuses).toEqual([200, 200, 429, 429])
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
    expect(limited === null ? null : (await json(limited))["errorCode"]).toBe("RATE_LIMITED")
    const second = api(sim, await accessToken(sim, { clientId: "second", clientSecret: "second-secret" }))
    expect((await second.get("/access-rights")).status).toBe(200)
    expect(sim.stats().rateLimited).toBe(2)
  })

  it("defaults the burst to twice the rate", () => {
    sim.config({ rateLimit: { rps: 7 } })
    expect(sim.getConfig().rateLimit).toEqual({ rps: 7, burst: 14 })
  })
})

describe("injected faults", () => {
  it("500 with the API error body", async () => {
    sim.config(only("http500"))
    const response = await client.get("/organization/session/no/00000000-0000-4000-8000-000000000000")
    expect(response.status).toBe(500)
    expect((await json(response))["errorCode"]).toBe("INTERNAL_ERROR")
    expect(sim.stats().faults).toMatchObject({ total: 1, http500: 1 })
  })

  it("502 with a gateway's HTML page", async () => {
    sim.config(only("http502"))
    const response = await client.get("/organization/session/no/00000000-0000-4000-8000-000000000000")
    expect(response.status).toBe(502)
    expect(response.headers.get("content-type")).toBe("text/html")
    expect(sim.stats().faults.http502).toBe(1)
  })

  it("503 SERVICE_UNAVAILABLE with Retry-After", async () => {
    sim.config(only("http503"))
    const response = await client.get("/organization/session/no/00000000-0000-4000-8000-000000000000")
    expect(response.status).toBe(503)
    expect(response.headers.get("retry-after")).toBe("2")
    expect((await json(response))["errorCode"]).toBe("SERVICE_UNAVAILABLE")
    expect(sim.stats().faults.http503).toBe(1)
  })

  it("connection resets", async () => {
    sim.config(only("reset"))
    await expect(
      client.get("/organization/session/no/00000000-0000-4000-8000-000000000000")
    ).rejects.toThrow()
    const stats = sim.stats()
    expect(stats.faults.reset).toBe(1)
    expect(stats.requests["info"]).toEqual({ reset: 1 })
  })

  it("strikes the create POST before or after the session exists, and counts which", async () => {
    sim.config(only("http500"))
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => client.post("/organization/session/no", orgBody()))
    )
    expect(answers.every((r) => r.status === 500)).toBe(true)
    const stats = sim.stats()
    expect(stats.faults.createBefore + stats.faults.createAfter).toBe(20)
    expect(stats.faults.createBefore).toBeGreaterThan(0)
    expect(stats.faults.createAfter).toBeGreaterThan(0)
    expect(stats.sessionsCreated).toBe(stats.faults.createAfter)
    expect(stats.sessionsCreatedByIdentifier["organization/NO/913579240"]).toBe(stats.faults.createAfter)
  })

  it("applies only to the configured routes and never to admin routes", async () => {
    sim.config({ ...only("http500"), faultRoutes: ["create"] })
    expect((await client.get("/organization/session/no/00000000-0000-4000-8000-000000000000")).status).toBe(
      404
    )
    expect((await tokenResponse(sim)).status).toBe(200)
    expect((await fetch(`${sim.url}/_sim/stats`)).status).toBe(200)
    sim.config({ faultRoutes: ["token"] })
    expect((await tokenResponse(sim)).status).toBe(500)
  })

  it("slow answers still answer, and are counted", async () => {
    sim.config({ slowRate: 1, slowMs: 30 })
    expect((await client.get("/access-rights")).status).toBe(200)
    const { location } = await create(client, "/organization/session/no", orgBody())
    expect((await client.get(location)).status).toBe(200)
    expect(sim.stats().faults.slow).toBe(2)
  })

  it("429 bursts answer every API request with 429 for a window", async () => {
    sim.config({ burst429Rate: 1, burst429Ms: 60_000 })
    const answers = await Promise.all([1, 2, 3].map(() => client.post("/organization/session/no", orgBody())))
    for (const answer of answers) {
      expect(answer.status).toBe(429)
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
    }
    const stats = sim.stats()
    expect(stats.faults.burst429Windows).toBe(1)
    expect(stats.faults.burst429).toBe(3)
    expect(stats.rateLimited).toBe(3)
    expect(stats.sessionsCreated).toBe(0)
  })

  it("failed sessions end FAILED with SOURCE_UNAVAILABLE or TIMEOUT, some after their JSON was READY", async () => {
    sim.config({ sessionFailRate: 1 })
    const sessions = await Promise.all(
      Array.from({ length: 12 }, () => create(client, "/organization/session/no", orgBody()))
    )
    sim.clock.advance(5000)
    const infos = await Promise.all(sessions.map(async (s) => json(await client.get(s.location))))
    for (const info of infos) {
      expect(info["status"]).toBe("FAILED")
      expect(["SOURCE_UNAVAILABLE", "TIMEOUT"]).toContain(obj(info["error"])["errorCode"])
    }
    const jsonStates = infos.map((info) => obj(info["jsonData"])["status"])
    expect(jsonStates).toContain("READY")
    expect(jsonStates).toContain("FAILED")
    expect(sim.stats().faults.sessionFailed).toBe(12)
  })
})
