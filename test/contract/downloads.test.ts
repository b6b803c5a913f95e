// §6 status model and §8 download answers: 204/409/410/404/400, private sessions, expiry on the clock.
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Admin, Aml, create, type Discovery, discover, info, token, waitForStatus } from "./support/aml.js"
import { expectApiError, ISO_UTC } from "./support/errors.js"
import { type Json, obj, type Reply, str } from "./support/http.js"
import { expectReady, expectSessionInfo, runToDone, TWO_HOURS } from "./support/session.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

const SECOND = { clientId: "contract-second", clientSecret: "second-secret" }
const TEN_MINUTES = 10 * 60 * 1000
const HOUR = 60 * 60 * 1000

let sim: RunningSimulator
let disco: Discovery
let admin: Admin

beforeAll(async () => {
  sim = await startSimulatorProcess({
    config: { clients: [{ clientId: "simulator-client", clientSecret: "simulator-secret" }, SECOND] }
  })
  disco = await discover(sim.url)
  admin = new Admin(sim.url)
})
afterAll(async () => {
  await sim?.stop()
})
beforeEach(async () => {
  await admin.configure({ jsonDelayMs: 30, reportDelayMs: 30, sessionFailRate: 0 })
})

// Advancing the simulated clock also ages access tokens (300 s), so every step gets a fresh one.
const caller = async (credentials = { clientId: "simulator-client", clientSecret: "simulator-secret" }) =>
  new Aml(disco.amlBase, await token(disco.tokenEndpoint, { credentials }))

const ORG_WITH_REPORTS = {
  identifier: "910000012",
  nationality: "NO",
  expands: ["aml", "links.reports.aml", "links.reports.certificate_of_incorporation"]
}

const expectNotYet = (reply: Reply): void => {
  expect(reply.status, reply.text).toBe(204)
  expect(reply.headers.get("retry-after")).toBe("2")
  expect(reply.bytes.length).toBe(0)
}

describe("while processing (§6, §8)", () => {
  it("jsonData IN_PROGRESS, reports NOT_STARTED, downloads 204 + Retry-After: 2, then READY in order", async () => {
    await admin.configure({ jsonDelayMs: TEN_MINUTES, reportDelayMs: TEN_MINUTES })
    let aml = await caller()
    const { sessionUrl } = await create(aml, "/organization/session/no", ORG_WITH_REPORTS)

    const early = await info(aml, sessionUrl)
    const reports = expectSessionInfo(early, { resource: "organization", country: "NO" })
    expect(early["status"]).toBe("IN_PROGRESS")
    expect(["NOT_STARTED", "IN_PROGRESS"]).toContain(obj(early["jsonData"])["status"])
    expect(obj(reports["aml"])["status"]).toBe("NOT_STARTED")
    expect(obj(reports["certificate_of_incorporation"])["status"]).toBe("NOT_STARTED")
    expect(obj(early["jsonData"])["href"] ?? null).toBeNull()
    expectNotYet(await aml.get(`${sessionUrl}/json`))
    expectNotYet(await aml.get(`${sessionUrl}/report/aml`, "application/pdf"))
    expectNotYet(await aml.get(`${sessionUrl}/report/certificate_of_incorporation`, "application/pdf"))

    await admin.advance(TEN_MINUTES)
    aml = await caller()
    const middle = await info(aml, sessionUrl)
    expect(middle["status"]).toBe("IN_PROGRESS")
    expectReady(middle["jsonData"], "jsonData")
    expect(obj(obj(middle["reports"])["aml"])["status"]).toBe("IN_PROGRESS")
    expect((await aml.get(`${sessionUrl}/json`)).status).toBe(200)
    expectNotYet(await aml.get(`${sessionUrl}/report/aml`, "application/pdf"))

    await admin.advance(TEN_MINUTES)
    aml = await caller()
    const done = await info(aml, sessionUrl)
    expect(done["status"]).toBe("DONE")
    expectReady(obj(done["reports"])["aml"], "reports.aml")
    expect((await aml.get(`${sessionUrl}/report/aml`, "application/pdf")).status).toBe(200)
  })
})

describe("not requested, unknown type, unknown session (§8)", () => {
  it("404 ENTITY_NOT_REQUESTED for a report the session did not ask for", async () => {
    const aml = await caller()
    const org = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expands: ["links.reports.aml"]
    })
    expectApiError(
      await aml.get(`${org.sessionUrl}/report/certificate_of_incorporation`),
      404,
      "ENTITY_NOT_REQUESTED"
    )
    const person = await runToDone(aml, "/person/session/no", {
      name: "Marte Nygaard",
      dateOfBirth: "1988-05-12"
    })
    expectApiError(await aml.get(`${person.sessionUrl}/report/aml`), 404, "ENTITY_NOT_REQUESTED")
  })

  it("400 UNSUPPORTED_REPORT_TYPE for an unknown report type", async () => {
    const aml = await caller()
    const org = await runToDone(aml, "/organization/session/no", ORG_WITH_REPORTS)
    for (const type of ["credit", "AML", "json"]) {
      expectApiError(await aml.get(`${org.sessionUrl}/report/${type}`), 400, "UNSUPPORTED_REPORT_TYPE")
    }
  })

  it("404 SESSION_NOT_FOUND for unknown ids on every session route", async () => {
    const aml = await caller()
    for (const base of [
      `/organization/session/no/${randomUUID()}`,
      `/organization/session/se/${randomUUID()}`,
      `/person/session/no/${randomUUID()}`,
      "/organization/session/fi/not-a-uuid"
    ]) {
      expectApiError(await aml.get(base), 404, "SESSION_NOT_FOUND")
      expectApiError(await aml.get(`${base}/json`), 404, "SESSION_NOT_FOUND")
      expectApiError(await aml.get(`${base}/report/aml`), 404, "SESSION_NOT_FOUND")
    }
    expectApiError(await aml.get(`/organization/session/${randomUUID()}`), 404, "SESSION_NOT_FOUND")
  })

  it("a session is only found under its own path (an SE session is not found under /no)", async () => {
    const aml = await caller()
    const se = await runToDone(aml, "/organization/session/se", {
      identifier: "559100-0012",
      nationality: "SE"
    })
    expectApiError(await aml.get(`/organization/session/no/${se.sessionId}`), 404, "SESSION_NOT_FOUND")
    expectApiError(await aml.get(`/person/session/no/${se.sessionId}/json`), 404, "SESSION_NOT_FOUND")
  })

  it("an unknown path answers 404 with the §10.2 body", async () => {
    const aml = await caller()
    expectApiError(await aml.get("/organization/nothing/here"), 404)
  })
})

describe("private sessions (§5.6)", () => {
  it("another client gets 404 SESSION_NOT_FOUND on info, JSON, report and the alias", async () => {
    const owner = await caller(SECOND)
    const done = await runToDone(owner, "/organization/session/no", ORG_WITH_REPORTS)
    expect((await owner.get(`${done.sessionUrl}/report/aml`)).status).toBe(200)
    const stranger = await caller()
    expectApiError(await stranger.get(done.sessionUrl), 404, "SESSION_NOT_FOUND")
    expectApiError(await stranger.get(`${done.sessionUrl}/json`), 404, "SESSION_NOT_FOUND")
    expectApiError(await stranger.get(`${done.sessionUrl}/report/aml`), 404, "SESSION_NOT_FOUND")
    expectApiError(await stranger.get(`/organization/session/${done.sessionId}`), 404, "SESSION_NOT_FOUND")
    const person = await runToDone(owner, "/person/session/no", {
      name: "Marte Nygaard",
      dateOfBirth: "1988-05-12"
    })
    expectApiError(await stranger.get(person.sessionUrl), 404, "SESSION_NOT_FOUND")
  })
})

describe("failed sessions (§6.1, §10.3)", () => {
  it.each([
    ["/organization/session/no", { identifier: "910000098", nationality: "NO" }, "ORGANIZATION_NOT_FOUND"],
    ["/organization/session/no", { identifier: "910000101", nationality: "NO" }, "SOURCE_UNAVAILABLE"],
    ["/organization/session/no", { identifier: "910000128", nationality: "NO" }, "TIMEOUT"],
    ["/organization/session/no", { identifier: "810000015", nationality: "NO" }, "INTERNAL_ERROR"],
    ["/organization/session/se", { identifier: "559100-0020", nationality: "SE" }, "ORGANIZATION_NOT_FOUND"],
    ["/organization/session/fi", { identifier: "3100003-8", nationality: "FI" }, "ORGANIZATION_NOT_FOUND"],
    ["/person/session/no", { firstName: "A", lastName: "B", ssn: "06834515189" }, "PERSON_NOT_FOUND"],
    ["/person/session/no", { firstName: "A", lastName: "B", ssn: "17897322269" }, "SOURCE_UNAVAILABLE"]
  ])("%s %j → FAILED %s; every entity FAILED; downloads 409 ENTITY_FAILED", async (path, body, code) => {
    const aml = await caller()
    const { sessionUrl } = await create(aml, path, { ...body, expands: ["aml", "links.reports.aml"] })
    const failed = await waitForStatus(aml, sessionUrl, ["FAILED", "DONE"])
    const cc = path.split("/")[3]?.toUpperCase() ?? ""
    const reports = expectSessionInfo(failed, { resource: path.split("/")[1] ?? "", country: cc })
    expect(failed["status"]).toBe("FAILED")
    expect(obj(failed["jsonData"])["status"]).toBe("FAILED")
    expect(obj(reports["aml"])["status"]).toBe("FAILED")
    const error = obj(failed["error"], "error")
    expect(error["status"]).toBe(0)
    expect(error["errorCode"]).toBe(code)
    expect(error["timestamp"]).toMatch(ISO_UTC)
    expect(typeof error["message"]).toBe("string")
    expect(JSON.stringify(error)).not.toMatch(/06834515189|17897322269/)
    expectApiError(await aml.get(`${sessionUrl}/json`), 409, "ENTITY_FAILED")
    expectApiError(await aml.get(`${sessionUrl}/report/aml`), 409, "ENTITY_FAILED")
  })

  it("a session failing after its JSON was READY keeps the JSON downloadable (sessionFailRate)", async () => {
    await admin.configure({ sessionFailRate: 1 })
    const aml = await caller()
    let late: { info: Json; sessionUrl: string } | undefined
    for (let i = 0; i < 12 && late === undefined; i++) {
      const { sessionUrl } = await create(aml, "/organization/session/no", {
        identifier: "910000012",
        nationality: "NO",
        expands: ["links.reports.aml"],
        reference: `try ${i}`
      })
      const failed = await waitForStatus(aml, sessionUrl, ["FAILED", "DONE"])
      expect(failed["status"]).toBe("FAILED")
      expect(["SOURCE_UNAVAILABLE", "TIMEOUT"]).toContain(obj(failed["error"])["errorCode"])
      if (obj(failed["jsonData"])["status"] === "READY") late = { info: failed, sessionUrl }
    }
    expect(late, "no session failed after its JSON").toBeDefined()
    if (late === undefined) return
    expect(obj(obj(late.info["reports"])["aml"])["status"]).toBe("FAILED")
    expect((await aml.get(`${late.sessionUrl}/json`)).status).toBe(200)
    expectApiError(await aml.get(`${late.sessionUrl}/report/aml`), 409, "ENTITY_FAILED")
  })
})

describe("lifetime and expiry on the simulated clock (§6, §8)", () => {
  it("each entity expires 2 h after its own READY (410 RESULT_EXPIRED); session EXPIRED; 404 after 24 h more", async () => {
    // Reports an hour after the JSON, so the two lifetimes end an hour apart.
    await admin.configure({ reportDelayMs: HOUR })
    let aml = await caller()
    const { sessionUrl } = await create(aml, "/organization/session/no", ORG_WITH_REPORTS)
    await waitForStatus(aml, sessionUrl, ["IN_PROGRESS"])
    await admin.advance(HOUR + 1000)
    aml = await caller()
    const done = await waitForStatus(aml, sessionUrl, ["DONE"])
    const json = expectReady(done["jsonData"], "jsonData")
    const report = expectReady(obj(done["reports"])["aml"], "reports.aml")
    const jsonExpiry = Date.parse(str(json["expiresAt"]))
    const reportExpiry = Date.parse(str(report["expiresAt"]))
    expect(reportExpiry - jsonExpiry).toBeGreaterThanOrEqual(HOUR)

    await admin.advance(jsonExpiry - (await admin.now()) - 60_000)
    aml = await caller()
    expect((await aml.get(`${sessionUrl}/json`)).status, "JSON one minute before expiry").toBe(200)

    await admin.advance(120_000)
    aml = await caller()
    expectApiError(await aml.get(`${sessionUrl}/json`), 410, "RESULT_EXPIRED")
    expect((await aml.get(`${sessionUrl}/report/aml`)).status, "report still in its lifetime").toBe(200)
    const half = await info(aml, sessionUrl)
    expect(obj(half["jsonData"])["status"]).toBe("EXPIRED")
    expect(half["status"], "session stays DONE until every entity expired").toBe("DONE")

    await admin.advance(reportExpiry - (await admin.now()) + 60_000)
    aml = await caller()
    expectApiError(await aml.get(`${sessionUrl}/report/aml`), 410, "RESULT_EXPIRED")
    expectApiError(await aml.get(`${sessionUrl}/report/certificate_of_incorporation`), 410, "RESULT_EXPIRED")
    expectApiError(await aml.get(`${sessionUrl}/json`), 410, "RESULT_EXPIRED")
    const expired = await info(aml, sessionUrl)
    expect(expired["status"]).toBe("EXPIRED")
    expect(obj(obj(expired["reports"])["aml"])["status"]).toBe("EXPIRED")

    await admin.advance(23 * HOUR)
    aml = await caller()
    expect((await info(aml, sessionUrl))["status"], "still EXPIRED within 24 h").toBe("EXPIRED")

    await admin.advance(2 * HOUR)
    aml = await caller()
    expectApiError(await aml.get(sessionUrl), 404, "SESSION_NOT_FOUND")
    expectApiError(await aml.get(`${sessionUrl}/json`), 404, "SESSION_NOT_FOUND")
  })

  it("a READY entity's expiresAt is readyAt + 2 h on the simulated clock", async () => {
    const aml = await caller()
    const done = await runToDone(aml, "/organization/session/no", ORG_WITH_REPORTS)
    const json = obj(done.info["jsonData"])
    expect(Date.parse(str(json["expiresAt"])) - Date.parse(str(json["readyAt"]))).toBe(TWO_HOURS)
    expect(Date.parse(str(json["readyAt"]))).toBeLessThanOrEqual(await admin.now())
  })
})
