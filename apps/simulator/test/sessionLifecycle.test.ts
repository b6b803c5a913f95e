import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { FIXTURES } from "../src/data/index.js"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, create, eventually, HOUR, json, obj, orgBody, start } from "./helpers.js"

let sim: Simulator
let client: Api

beforeAll(async () => {
  sim = await start({
    jsonDelayMs: 1000,
    reportDelayMs: 1000,
    // Long enough to outlive the clock jumps of the expiry tests.
    tokenTtlSeconds: 7 * 24 * 3600,
    clients: [{ clientId: "other", clientSecret: "other-secret" }]
  })
})
beforeEach(async () => {
  sim.reset()
  client = api(sim, await accessToken(sim))
})
afterAll(() => sim.stop())

const fixture = (outcome: string, resource = "organization") => {
  const found = FIXTURES.find((f) => f.outcome === outcome && f.resource === resource && f.country === "NO")
  if (found === undefined) throw new Error(`no fixture ${outcome}`)
  return found.identifier
}

const info = async (location: string) => json(await client.get(location))

const entity = (body: Record<string, unknown>, key: string): Record<string, unknown> =>
  key === "jsonData" ? obj(body["jsonData"]) : obj(obj(body["reports"])[key])

describe("session states", () => {
  it("starts IN_PROGRESS with reports NOT_STARTED, then moves through to DONE", async () => {
    const { sessionId, location } = await create(
      client,
      "/organization/session/no",
      orgBody({ reference: "ref-1" })
    )
    const early = await info(location)
    expect(early).toMatchObject({
      sessionId,
      resource: "organization",
      country: "NO",
      status: "IN_PROGRESS",
      reference: "ref-1",
      jsonData: { status: "IN_PROGRESS" },
      reports: { aml: { status: "NOT_STARTED" }, certificate_of_incorporation: { status: "NOT_STARTED" } }
    })
    expect(early["error"]).toBeNull()
    sim.clock.advance(1000)
    const middle = await info(location)
    expect(middle["status"]).toBe("IN_PROGRESS")
    expect(entity(middle, "jsonData")["status"]).toBe("READY")
    expect(entity(middle, "aml")["status"]).toBe("IN_PROGRESS")
    sim.clock.advance(1000)
    const done = await info(location)
    expect(done["status"]).toBe("DONE")
    const json = entity(done, "jsonData")
    expect(json["href"]).toBe(`${sim.url}${location}/json`)
    expect(Date.parse(String(json["expiresAt"])) - Date.parse(String(json["readyAt"]))).toBe(2 * HOUR)
    expect(entity(done, "aml")["href"]).toBe(`${sim.url}${location}/report/aml`)
    expect(Date.parse(String(done["updatedAt"]))).toBeGreaterThanOrEqual(
      Date.parse(String(done["createdAt"]))
    )
  })

  it("reaches DONE in real time with small delays", async () => {
    const fast = await start({ jsonDelayMs: 20, reportDelayMs: 20 })
    try {
      const fastClient = api(fast, await accessToken(fast))
      const { location } = await create(fastClient, "/organization/session/no", orgBody())
      const done = await eventually(
        async () => json(await fastClient.get(location)),
        (body) => body["status"] === "DONE"
      )
      expect(done["status"]).toBe("DONE")
    } finally {
      await fast.stop()
    }
  })

  it("jitters latency per session, reproducibly for the same seed", async () => {
    const offsets = async () => {
      const jittery = await start({
        seed: 7,
        jsonDelayMs: 1000,
        latencyJitter: { distribution: "uniform", ratio: 0.5 },
        tokenTtlSeconds: 3600
      })
      try {
        const jitteryClient = api(jittery, await accessToken(jittery))
        const locations: Array<string> = []
        for (let i = 0; i < 4; i++)
          locations.push((await create(jitteryClient, "/organization/session/no", orgBody())).location)
        jittery.clock.advance(1500)
        return await Promise.all(
          locations.map(async (location) => {
            const body = await json(await jitteryClient.get(location))
            return (
              Date.parse(String(entity(body, "jsonData")["readyAt"])) - Date.parse(String(body["createdAt"]))
            )
          })
        )
      } finally {
        await jittery.stop()
      }
    }
    const first = await offsets()
    expect(await offsets()).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(1)
    for (const offset of first) expect(offset).toBeGreaterThanOrEqual(500)
  })

  it("answers the country-less alias path", async () => {
    const { sessionId } = await create(client, "/organization/session/no", orgBody())
    const response = await client.get(`/organization/session/${sessionId}`)
    expect(response.status).toBe(200)
    expect((await json(response))["sessionId"]).toBe(sessionId)
  })

  it("keeps sessions private to their client and to their path", async () => {
    const { sessionId, location } = await create(client, "/organization/session/no", orgBody())
    const other = api(sim, await accessToken(sim, { clientId: "other", clientSecret: "other-secret" }))
    for (const path of [location, `${location}/json`, `${location}/report/aml`]) {
      const response = await other.get(path)
      expect(response.status).toBe(404)
      expect((await json(response))["errorCode"]).toBe("SESSION_NOT_FOUND")
    }
    expect((await client.get(`/organization/session/se/${sessionId}`)).status).toBe(404)
    expect((await client.get(`/person/session/no/${sessionId}`)).status).toBe(404)
    expect((await client.get("/organization/session/no/6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10")).status).toBe(
      404
    )
  })
})

describe("downloads", () => {
  it("204 with Retry-After while processing, then 200 JSON with absolute report links", async () => {
    const { location } = await create(client, "/organization/session/no", orgBody())
    const pending = await client.get(`${location}/json`)
    expect(pending.status).toBe(204)
    expect(pending.headers.get("retry-after")).toBe("2")
    const pendingPdf = await client.get(`${location}/report/aml`)
    expect(pendingPdf.status).toBe(204)
    sim.clock.advance(1000)
    const response = await client.get(`${location}/json`)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8")
    const document = await json(response)
    expect(document["keyInformation"]).toBeDefined()
    expect(document["roles"]).toBeDefined()
    expect(document["addresses"]).toBeUndefined()
    expect(document["links"]).toEqual({
      reports: [
        { href: `${sim.url}${location}/report/aml`, contentType: "application/pdf", rel: "aml" },
        {
          href: `${sim.url}${location}/report/certificate_of_incorporation`,
          contentType: "application/pdf",
          rel: "certificate_of_incorporation"
        }
      ]
    })
  })

  it("identical requests give identical JSON apart from ids and hrefs", async () => {
    const a = await create(client, "/organization/session/no", orgBody())
    const b = await create(client, "/organization/session/no", orgBody())
    sim.clock.advance(1000)
    const strip = (text: string, id: string) => text.replaceAll(id, "ID")
    const first = strip(await (await client.get(`${a.location}/json`)).text(), a.sessionId)
    const second = strip(await (await client.get(`${b.location}/json`)).text(), b.sessionId)
    expect(first).toBe(second)
  })

  it("serves the PDF once READY, with identical bytes on every download", async () => {
    const { location } = await create(client, "/organization/session/no", orgBody())
    sim.clock.advance(2000)
    const first = await client.get(`${location}/report/aml`)
    expect(first.status).toBe(200)
    expect(first.headers.get("content-type")).toBe("application/pdf")
    const bytes = Buffer.from(await first.arrayBuffer())
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    const again = Buffer.from(await (await client.get(`${location}/report/aml`)).arrayBuffer())
    expect(again.equals(bytes)).toBe(true)
  })

  it("404 ENTITY_NOT_REQUESTED and 400 UNSUPPORTED_REPORT_TYPE", async () => {
    const { location } = await create(
      client,
      "/organization/session/no",
      orgBody({ expands: ["links.reports.aml"] })
    )
    sim.clock.advance(2000)
    const notRequested = await client.get(`${location}/report/certificate_of_incorporation`)
    expect(notRequested.status).toBe(404)
    expect((await json(notRequested))["errorCode"]).toBe("ENTITY_NOT_REQUESTED")
    const unknown = await client.get(`${location}/report/credit`)
    expect(unknown.status).toBe(400)
    expect((await json(unknown))["errorCode"]).toBe("UNSUPPORTED_REPORT_TYPE")
  })

  it("410 RESULT_EXPIRED two hours after READY, EXPIRED status, then 404 after 24 h", async () => {
    const { location } = await create(client, "/organization/session/no", orgBody())
    sim.clock.advance(1000 + 2 * HOUR)
    const mixed = await info(location)
    expect(entity(mixed, "jsonData")["status"]).toBe("EXPIRED")
    expect(entity(mixed, "aml")["status"]).toBe("READY")
    expect(mixed["status"]).toBe("DONE")
    const gone = await client.get(`${location}/json`)
    expect(gone.status).toBe(410)
    expect((await json(gone))["errorCode"]).toBe("RESULT_EXPIRED")
    sim.clock.advance(1000)
    const expired = await info(location)
    expect(expired["status"]).toBe("EXPIRED")
    expect((await client.get(`${location}/report/aml`)).status).toBe(410)
    sim.clock.advance(24 * HOUR - 1000)
    expect((await client.get(location)).status).toBe(200)
    sim.clock.advance(1000)
    const notFound = await client.get(location)
    expect(notFound.status).toBe(404)
    expect((await json(notFound))["errorCode"]).toBe("SESSION_NOT_FOUND")
  })
})

describe("failed sessions", () => {
  it("a lookup failure is accepted on create and surfaces as FAILED with error after the JSON delay", async () => {
    const { location } = await create(
      client,
      "/organization/session/no",
      orgBody({ identifier: fixture("ORGANIZATION_NOT_FOUND") })
    )
    expect((await info(location))["status"]).toBe("IN_PROGRESS")
    sim.clock.advance(1000)
    const failed = await info(location)
    expect(failed["status"]).toBe("FAILED")
    expect(failed["error"]).toMatchObject({ status: 0, errorCode: "ORGANIZATION_NOT_FOUND" })
    expect(entity(failed, "jsonData")["status"]).toBe("FAILED")
    expect(entity(failed, "aml")["status"]).toBe("FAILED")
    const conflict = await client.get(`${location}/json`)
    expect(conflict.status).toBe(409)
    expect((await json(conflict))["errorCode"]).toBe("ENTITY_FAILED")
    expect((await client.get(`${location}/report/aml`)).status).toBe(409)
  })

  it("a person that does not exist fails with PERSON_NOT_FOUND", async () => {
    const { location } = await create(client, "/person/session/no", {
      name: "Test Person",
      ssn: fixture("PERSON_NOT_FOUND", "person")
    })
    sim.clock.advance(1000)
    expect((await info(location))["error"]).toMatchObject({ errorCode: "PERSON_NOT_FOUND" })
  })

  it("a source that is always down fails with SOURCE_UNAVAILABLE", async () => {
    const { location } = await create(
      client,
      "/organization/session/no",
      orgBody({ identifier: fixture("SOURCE_UNAVAILABLE") })
    )
    sim.clock.advance(1000)
    expect((await info(location))["error"]).toMatchObject({ errorCode: "SOURCE_UNAVAILABLE" })
  })
})

describe("person sessions", () => {
  it("delivers the person JSON and the aml report", async () => {
    const { location } = await create(client, "/person/session/no", {
      firstName: "Marte",
      lastName: "Nygaard",
      ssn: fixture("CLEAN", "person"),
      expands: ["address.national", "aml", "links.reports.aml"]
    })
    sim.clock.advance(2000)
    const done = await info(location)
    expect(done["status"]).toBe("DONE")
    expect(done["resource"]).toBe("person")
    const document = await json(await client.get(`${location}/json`))
    expect(document["keyInformation"]).toBeDefined()
    expect(document["aml"]).toBeDefined()
    expect((await client.get(`${location}/report/aml`)).status).toBe(200)
  })
})
