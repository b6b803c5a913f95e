import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { FIXTURES } from "../src/data/index.js"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, create, eventually, HOUR, obj, orgBody, start } from "./helpers.js"

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: Record<string, unknown>
}

/** A real webhook receiver; `answer` picks the status for the n-th request (0-based). */
class Receiver {
  readonly received: Array<Received> = []
  answer: (n: number) => number = () => 204
  private server: Server | null = null
  url = ""

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const n = this.received.length
        this.received.push({
          headers: req.headers,
          body: obj(JSON.parse(Buffer.concat(chunks).toString("utf8")))
        })
        res.writeHead(this.answer(n)).end()
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve))
    const address = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${address.port}/hook`
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections()
      this.server?.close(() => resolve())
    })
  }

  events(): Array<unknown> {
    return this.received.map((r) => r.body["status"])
  }
}

let sim: Simulator
let client: Api
const receiver = new Receiver()

beforeAll(async () => {
  await receiver.start()
  sim = await start({ jsonDelayMs: 20, reportDelayMs: 20, webhookRetryScale: 0.001 })
})
beforeEach(async () => {
  sim.reset()
  sim.config({ webhookLoss: 0, webhookDuplicate: 0, webhookReorder: 0, jsonDelayMs: 20, reportDelayMs: 20 })
  receiver.received.length = 0
  receiver.answer = () => 204
  client = api(sim, await accessToken(sim))
})
afterAll(async () => {
  await sim.stop()
  await receiver.stop()
})

const hooked = (webhook: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  orgBody({ webhook: { url: receiver.url, ...webhook }, reference: "ref-42", ...extra })

const waitForCount = (count: number) =>
  eventually(
    async () => receiver.received.length,
    (n) => n >= count
  )

const webhookStats = () => sim.stats().webhooks

/** Waits until the simulator's webhook counters satisfy `check`. */
const waitForStats = (check: (stats: ReturnType<typeof webhookStats>) => boolean) =>
  eventually(async () => webhookStats(), check)

/**
 * Returns once every delivery due so far has started (a POST counts as an attempt when it
 * starts). The clock jumps a minute, so all of them are due before a sentinel session's
 * JsonDataReady; jobs run in due order, so once the sentinel's POST has started, so have they.
 * The sentinel's own attempt is one of `attempts` afterwards; its event is not in `received`.
 */
const drain = async () => {
  sim.clock.advance(60_000)
  // Faults are drawn when a session's events are planned: the sessions before keep theirs.
  sim.config({ webhookLoss: 0, webhookDuplicate: 0, webhookReorder: 0 })
  const before = webhookStats().delivered
  await create(
    client,
    "/organization/session/no",
    orgBody({ webhook: { url: receiver.url, events: ["JsonDataReady"] }, reference: "sentinel" })
  )
  await waitForStats((stats) => stats.delivered > before)
  const sentinel = receiver.received.findIndex((r) => r.body["reference"] === "sentinel")
  if (sentinel >= 0) receiver.received.splice(sentinel, 1)
}

describe("webhook delivery", () => {
  it("posts JsonDataReady, each ReportReady, then AllDone with the echoed Authorization", async () => {
    const { sessionId } = await create(
      client,
      "/organization/session/no",
      hooked({ authorization: "Bearer shared-secret" })
    )
    // Delivered is counted once the simulator has the receiver's answer, after the receiver has the event.
    await waitForStats((stats) => stats.delivered >= 4)
    expect(receiver.events()).toEqual(["JsonDataReady", "ReportReady", "ReportReady", "AllDone"])
    const first = receiver.received[0]
    expect(first?.headers["authorization"]).toBe("Bearer shared-secret")
    expect(first?.headers["content-type"]).toBe("application/json")
    expect(first?.headers["x-bankid-aml-event"]).toBe("JsonDataReady")
    expect(first?.headers["x-bankid-aml-delivery"]).toMatch(/^[0-9a-f-]{36}$/)
    expect(first?.body).toMatchObject({
      sessionId,
      status: "JsonDataReady",
      entity: "jsonData",
      resource: "organization",
      country: "NO",
      reference: "ref-42"
    })
    expect(typeof first?.body["timestamp"]).toBe("string")
    const entities = receiver.received.slice(1, 3).map((r) => r.body["entity"])
    expect(entities.sort()).toEqual(["aml", "certificate_of_incorporation"])
    expect(receiver.received[3]?.body["entity"]).toBeNull()
    const ids = new Set(receiver.received.map((r) => r.headers["x-bankid-aml-delivery"]))
    expect(ids.size).toBe(4)
    expect(sim.stats().webhooks).toMatchObject({ delivered: 4, attempts: 4, failed: 0 })
  })

  it("sends only the subscribed events and no Authorization when none was given", async () => {
    await create(client, "/organization/session/no", hooked({ events: ["AllDone"] }))
    // AllDone is the session's last event: any other one would have been sent before it.
    await waitForStats((stats) => stats.delivered >= 1)
    expect(receiver.events()).toEqual(["AllDone"])
    expect(webhookStats().attempts).toBe(1)
    expect(receiver.received[0]?.headers["authorization"]).toBeUndefined()
  })

  it("sends Failed once, and nothing else, for a failed session", async () => {
    const notFound = FIXTURES.find((f) => f.outcome === "ORGANIZATION_NOT_FOUND" && f.country === "NO")
    await create(client, "/organization/session/no", hooked({}, { identifier: notFound?.identifier }))
    await waitForStats((stats) => stats.delivered >= 1)
    await drain()
    expect(receiver.events()).toEqual(["Failed"])
    expect(webhookStats().attempts).toBe(2)
  })

  it("fires on the simulated clock when a test advances it", async () => {
    sim.config({ jsonDelayMs: HOUR, reportDelayMs: HOUR })
    await create(client, "/organization/session/no", hooked({ events: ["JsonDataReady"] }))
    // A sentinel due before the hour is up: nothing of the session was sent by then.
    sim.config({ jsonDelayMs: 20 })
    await create(
      client,
      "/organization/session/no",
      orgBody({ webhook: { url: receiver.url, events: ["JsonDataReady"] }, reference: "sentinel" })
    )
    await waitForStats((stats) => stats.delivered >= 1)
    expect(receiver.received.map((r) => r.body["reference"])).toEqual(["sentinel"])
    expect(webhookStats().attempts).toBe(1)
    receiver.received.length = 0
    sim.clock.advance(HOUR)
    await waitForCount(1)
    expect(receiver.events()).toEqual(["JsonDataReady"])
  })
})

describe("webhook retries", () => {
  it("retries a 500 with the same delivery id until it succeeds", async () => {
    receiver.answer = (n) => (n < 2 ? 500 : 200)
    await create(client, "/organization/session/no", hooked({ events: ["JsonDataReady"] }))
    // Delivered is final for a delivery: no attempt of it comes after.
    await waitForStats((stats) => stats.delivered >= 1)
    expect(receiver.events()).toEqual(["JsonDataReady", "JsonDataReady", "JsonDataReady"])
    expect(new Set(receiver.received.map((r) => r.headers["x-bankid-aml-delivery"])).size).toBe(1)
    expect(sim.stats().webhooks).toMatchObject({ delivered: 1, attempts: 3, retries: 2, failed: 0 })
  })

  it("gives up after five retries", async () => {
    sim.config({ webhookRetryScale: 0.0001 })
    try {
      receiver.answer = () => 503
      await create(client, "/organization/session/no", hooked({ events: ["AllDone"] }))
      // Failed is final for a delivery: no attempt of it comes after.
      await waitForStats((stats) => stats.failed >= 1)
      expect(receiver.received).toHaveLength(6)
      expect(sim.stats().webhooks).toMatchObject({ delivered: 0, attempts: 6, retries: 5, failed: 1 })
    } finally {
      sim.config({ webhookRetryScale: 0.001 })
    }
  })

  it("does not retry other 4xx answers", async () => {
    receiver.answer = () => 400
    await create(client, "/organization/session/no", hooked({ events: ["JsonDataReady"] }))
    await waitForStats((stats) => stats.failed >= 1)
    expect(receiver.received).toHaveLength(1)
    expect(sim.stats().webhooks).toMatchObject({ failed: 1, attempts: 1 })
  })

  it("stops retrying once the entity expired", async () => {
    sim.config({ webhookRetryScale: 1 })
    try {
      receiver.answer = () => 500
      await create(client, "/organization/session/no", hooked({ events: ["JsonDataReady"] }))
      await waitForCount(1)
      sim.clock.advance(3 * HOUR)
      await waitForStats((stats) => stats.failed >= 1)
      expect(receiver.received).toHaveLength(1)
      expect(sim.stats().webhooks).toMatchObject({ failed: 1, retries: 0 })
    } finally {
      sim.config({ webhookRetryScale: 0.001 })
    }
  })
})

describe("webhook faults", () => {
  it("loses every event with webhookLoss 1, and counts them", async () => {
    sim.config({ webhookLoss: 1 })
    const { location } = await create(client, "/organization/session/no", hooked({}))
    await eventually(
      async () => obj(await (await client.get(location)).json())["status"],
      (status) => status === "DONE"
    )
    await waitForStats((stats) => stats.lost >= 4)
    await drain()
    expect(receiver.received).toHaveLength(0)
    expect(webhookStats().attempts).toBe(1)
    expect(sim.stats().webhooks.lost).toBe(4)
  })

  it("sends every event twice with the same delivery id with webhookDuplicate 1", async () => {
    sim.config({ webhookDuplicate: 1 })
    await create(client, "/organization/session/no", hooked({ events: ["JsonDataReady", "AllDone"] }))
    // The duplicate of the last event is sent once its first copy was answered.
    await waitForStats((stats) => stats.duplicated >= 2 && stats.delivered >= 2)
    await waitForCount(4)
    await drain()
    expect(receiver.events()).toEqual(["JsonDataReady", "JsonDataReady", "AllDone", "AllDone"])
    expect(webhookStats().attempts).toBe(5)
    expect(receiver.received[0]?.headers["x-bankid-aml-delivery"]).toBe(
      receiver.received[1]?.headers["x-bankid-aml-delivery"]
    )
    expect(sim.stats().webhooks.duplicated).toBe(2)
  })

  it("lets AllDone overtake the last ReportReady with webhookReorder 1", async () => {
    sim.config({ webhookReorder: 1 })
    await create(client, "/organization/session/no", hooked({}))
    await waitForCount(4)
    expect(receiver.events()).toEqual(["JsonDataReady", "ReportReady", "AllDone", "ReportReady"])
    expect(sim.stats().webhooks.reordered).toBe(1)
  })
})
