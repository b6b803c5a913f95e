// §5.5 webhook configuration and §7 events, headers, payload, order and retries, to a real receiver.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Admin, Aml, create, discover, token, waitForStatus } from "./support/aml.js"
import { ISO_UTC } from "./support/errors.js"
import { type Json, obj, waitUntil } from "./support/http.js"
import { check, webhookPayload } from "./support/shapes.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"
import { type Delivery, type Receiver, startReceiver } from "./support/webhookReceiver.js"

const HOOK_SECRET = "Bearer contract-hook-secret"
const ORG_REPORTS = ["aml", "links.reports.aml", "links.reports.certificate_of_incorporation"]

let sim: RunningSimulator
let admin: Admin
let aml: Aml
let receiver: Receiver
let hookNo = 0
let tokenEndpoint: string
let amlBase: string

beforeAll(async () => {
  sim = await startSimulatorProcess()
  admin = new Admin(sim.url)
  const disco = await discover(sim.url)
  tokenEndpoint = disco.tokenEndpoint
  amlBase = disco.amlBase
})
afterAll(async () => {
  await sim?.stop()
})
// settle() moves the simulated clock by an hour, which ages tokens, so each test gets its own.
beforeEach(async () => {
  receiver = await startReceiver()
  aml = new Aml(amlBase, await token(tokenEndpoint))
})
afterEach(async () => {
  await receiver.close()
})

const hookPath = (): string => `/hook/${++hookNo}`
const statusOf = (d: Delivery): unknown => obj(d.body, "webhook payload")["status"]

const waitForEvents = (path: string, last: string): Promise<ReadonlyArray<Delivery>> =>
  waitUntil(async () => {
    const got = receiver.at(path)
    return got.some((d) => statusOf(d) === last) ? got : undefined
  }, `webhook ${last} at ${path}`)

/**
 * Returns once the simulator has sent what it had to send until an hour from now: the clock
 * jumps an hour, then a sentinel session's JsonDataReady, due after all of it (the simulator
 * runs deliveries in the order they are due), must arrive.
 */
const settle = async (): Promise<void> => {
  await admin.advance(60 * 60 * 1000)
  const sentinel = hookPath()
  // An hour on, the test's token has expired.
  const fresh = new Aml(amlBase, await token(tokenEndpoint))
  await create(fresh, "/organization/session/no", {
    identifier: "910000012",
    nationality: "NO",
    webhook: { url: receiver.url(sentinel), events: ["JsonDataReady"] }
  })
  await waitForEvents(sentinel, "JsonDataReady")
}

describe("events and payload (§7.1, §7.2)", () => {
  it("organization with two reports: JsonDataReady, ReportReady ×2, AllDone — headers, payload, order", async () => {
    const path = hookPath()
    const { sessionId } = await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expands: ORG_REPORTS,
      reference: "hook-ref-1",
      webhook: { url: receiver.url(path), authorization: HOOK_SECRET }
    })
    const events = await waitForEvents(path, "AllDone")
    expect(events.map(statusOf)).toEqual(["JsonDataReady", "ReportReady", "ReportReady", "AllDone"])
    expect(
      events
        .map((d) => obj(d.body)["entity"])
        .slice(1, 3)
        .sort()
    ).toEqual(["aml", "certificate_of_incorporation"])
    expect(obj(events[0]?.body)["entity"]).toBe("jsonData")
    expect(obj(events[3]?.body)["entity"]).toBeNull()
    for (const d of events) {
      expect(d.method).toBe("POST")
      expect(d.headers["content-type"] ?? "").toMatch(/^application\/json/)
      expect(d.headers["authorization"]).toBe(HOOK_SECRET)
      expect(d.headers["x-bankid-aml-event"]).toBe(statusOf(d))
      expect(d.headers["x-bankid-aml-delivery"] ?? "").not.toBe("")
      expect(check(webhookPayload, d.body)).toEqual([])
      const body = obj(d.body)
      expect(body["sessionId"]).toBe(sessionId)
      expect(body["resource"]).toBe("organization")
      expect(body["country"]).toBe("NO")
      expect(body["reference"]).toBe("hook-ref-1")
      expect(body["timestamp"]).toMatch(ISO_UTC)
    }
    expect(new Set(events.map((d) => d.headers["x-bankid-aml-delivery"])).size).toBe(events.length)
    const info = await waitForStatus(aml, `/organization/session/no/${sessionId}`, ["DONE"])
    expect(info["status"]).toBe("DONE")
  })

  it.each([
    ["/organization/session/se", { identifier: "559100-0012", nationality: "SE" }, "organization", "SE"],
    ["/organization/session/fi", { identifier: "3100001-1", nationality: "FI" }, "organization", "FI"],
    ["/person/session/no", { name: "Marte Nygaard", dateOfBirth: "1988-05-12" }, "person", "NO"]
  ])(
    "%s without reports: JsonDataReady then AllDone, no Authorization when none was given",
    async (url, body, resource, country) => {
      const path = hookPath()
      await create(aml, url, { ...body, webhook: { url: receiver.url(path) } })
      const events = await waitForEvents(path, "AllDone")
      expect(events.map(statusOf)).toEqual(["JsonDataReady", "AllDone"])
      for (const d of events) {
        expect(d.headers["authorization"]).toBeUndefined()
        const payload = obj(d.body)
        expect(payload["resource"]).toBe(resource)
        expect(payload["country"]).toBe(country)
        expect(payload["reference"]).toBeNull()
      }
    }
  )

  it("a failed session sends Failed once and nothing else", async () => {
    const path = hookPath()
    await create(aml, "/organization/session/no", {
      identifier: "910000098",
      nationality: "NO",
      expands: ["links.reports.aml"],
      webhook: { url: receiver.url(path), authorization: HOOK_SECRET }
    })
    await waitForEvents(path, "Failed")
    await settle()
    const events = receiver.at(path)
    expect(events.map(statusOf)).toEqual(["Failed"])
    expect(obj(events[0]?.body)["entity"]).toBeNull()
    expect(events[0]?.headers["authorization"]).toBe(HOOK_SECRET)
  })

  it("only the events listed in webhook.events are sent", async () => {
    const path = hookPath()
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expands: ORG_REPORTS,
      webhook: { url: receiver.url(path), events: ["ReportReady", "AllDone"] }
    })
    await waitForEvents(path, "AllDone")
    await settle()
    expect(receiver.at(path).map(statusOf)).toEqual(["ReportReady", "ReportReady", "AllDone"])
  })

  it("Failed is not sent when not listed", async () => {
    const path = hookPath()
    const marker = hookPath()
    await create(aml, "/organization/session/no", {
      identifier: "910000098",
      nationality: "NO",
      webhook: { url: receiver.url(path), events: ["AllDone"] }
    })
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: receiver.url(marker), events: ["AllDone"] }
    })
    await waitForEvents(marker, "AllDone")
    await settle()
    expect(receiver.at(path)).toEqual([])
  })
})

describe("delivery retries (§7.2)", () => {
  const webhookStats = async (): Promise<Json> => obj((await admin.stats())["webhooks"], "stats.webhooks")

  it.each([500, 503, 429, 408])("retries after a %i with the same delivery id", async (status) => {
    const path = hookPath()
    receiver.respond = (d, before) => (statusOf(d) === "JsonDataReady" && before === 0 ? status : 200)
    const retriesBefore = Number((await webhookStats())["retries"])
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: receiver.url(path) }
    })
    const json = await waitUntil(async () => {
      const got = receiver.at(path).filter((d) => statusOf(d) === "JsonDataReady")
      return got.length >= 2 ? got : undefined
    }, "a retried JsonDataReady")
    expect(json[1]?.text).toBe(json[0]?.text)
    expect(json[1]?.headers["x-bankid-aml-delivery"]).toBe(json[0]?.headers["x-bankid-aml-delivery"])
    await waitForEvents(path, "AllDone")
    expect(Number((await webhookStats())["retries"])).toBeGreaterThan(retriesBefore)
  })

  it("does not retry after another 4xx", async () => {
    const path = hookPath()
    receiver.respond = (d) => (statusOf(d) === "JsonDataReady" ? 400 : 200)
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: receiver.url(path) }
    })
    await waitForEvents(path, "AllDone")
    await settle()
    expect(receiver.at(path).map(statusOf)).toEqual(["JsonDataReady", "AllDone"])
  })

  it("retries when the receiver does not answer within the timeout", async () => {
    await admin.configure({ webhookTimeoutMs: 100 })
    const path = hookPath()
    // The first attempt is never answered: only the simulator's timeout can end it.
    receiver.delayMs = (d, before) => (statusOf(d) === "JsonDataReady" && before === 0 ? null : 0)
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: receiver.url(path), events: ["JsonDataReady"] }
    })
    await waitUntil(
      async () => (receiver.at(path).length >= 2 ? true : undefined),
      "a retry after the timeout"
    )
    await admin.configure({ webhookTimeoutMs: 10_000 })
  })

  it("stops retrying once the entity has expired", async () => {
    const failedBefore = Number((await webhookStats())["failed"])
    await admin.configure({ webhookRetryScale: 1, lifetimeMs: 60_000 })
    try {
      const path = hookPath()
      receiver.respond = () => 500
      await create(aml, "/organization/session/no", {
        identifier: "910000012",
        nationality: "NO",
        webhook: { url: receiver.url(path), events: ["JsonDataReady"] }
      })
      await waitUntil(async () => (receiver.at(path).length >= 1 ? true : undefined), "the first attempt")
      await admin.advance(6_000)
      await waitUntil(async () => (receiver.at(path).length >= 2 ? true : undefined), "the retry after 5 s")
      await admin.advance(31_000)
      await waitUntil(async () => (receiver.at(path).length >= 3 ? true : undefined), "the retry after 30 s")
      await admin.advance(121_000)
      // Failed is final for a delivery: nothing of it is sent after.
      await waitUntil(
        async () => (Number((await webhookStats())["failed"]) > failedBefore ? true : undefined),
        "the delivery given up"
      )
      await settle()
      expect(receiver.at(path).length, "no retry after the 60 s lifetime").toBe(3)
    } finally {
      await admin.configure({ webhookRetryScale: 0.001, lifetimeMs: 7_200_000 })
    }
  })

  it("gives up after 5 retries of a receiver that keeps failing", async () => {
    const path = hookPath()
    receiver.respond = () => 500
    await create(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: receiver.url(path), events: ["AllDone"] }
    })
    await waitUntil(async () => (receiver.at(path).length >= 6 ? true : undefined), "six attempts")
    await settle()
    expect(receiver.at(path).length).toBe(6)
  })
})
