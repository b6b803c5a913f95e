import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, create, json, NO_ORG, obj, start } from "./helpers.js"

// Every shape a wire profile can produce (contract §16), and the strict mode that refuses every
// field BankID's guides do not name.
let sim: Simulator
let client: Api

beforeAll(async () => {
  sim = await start({ jsonDelayMs: 1000, reportDelayMs: 1000, tokenTtlSeconds: 7 * 24 * 3600 })
  client = api(sim, await accessToken(sim))
})
beforeEach(() => {
  sim.reset()
  sim.config({ strict: false, sessionInfoForm: "nested" })
})
afterAll(() => sim.stop())

const SSN = "01017012343"
const info = async (location: string) => json(await client.get(location))
const rejection = async (path: string, body: unknown) => {
  const response = await client.post(path, body)
  expect(response.status).toBe(400)
  return json(response)
}

describe("request shapes of every wire profile", () => {
  it("accepts a person nested under identifier, as the guide words it (§16.2)", async () => {
    const { location } = await create(client, "/person/session/no", {
      identifier: { firstName: "Kari", lastName: "Nordmann", ssn: SSN, dateOfBirth: "1970-01-01" },
      expands: ["keyInformation", "aml", "links.reports.aml"]
    })
    expect(obj((await info(location))["reports"])).toHaveProperty("aml")
    expect(sim.stats().sessionsCreatedByIdentifier).toEqual({ [`person/NO/${SSN}`]: 1 })
  })

  it("selects PDFs by the reports parameter (§16.1), alone or with the expands", async () => {
    const byParameter = await create(client, "/organization/session/no", {
      identifier: NO_ORG,
      expands: ["keyInformation", "aml"],
      reports: ["certificate_of_incorporation"]
    })
    expect(Object.keys(obj((await info(byParameter.location))["reports"]))).toEqual([
      "certificate_of_incorporation"
    ])
    const both = await create(client, "/organization/session/no", {
      identifier: NO_ORG,
      expands: ["links.reports.aml"],
      reports: ["aml", "certificate_of_incorporation"]
    })
    expect(Object.keys(obj((await info(both.location))["reports"])).sort()).toEqual([
      "aml",
      "certificate_of_incorporation"
    ])
    const person = await rejection("/person/session/no", {
      firstName: "Kari",
      lastName: "Nordmann",
      ssn: SSN,
      reports: ["certificate_of_incorporation"]
    })
    expect(person["errorCode"]).toBe("UNSUPPORTED_REPORT_TYPE")
  })

  it("takes keyInformation.lei and its alias lei (§16.3), and nationality is optional", async () => {
    for (const expand of ["keyInformation.lei", "lei"]) {
      const { location } = await create(client, "/organization/session/no", {
        identifier: NO_ORG,
        expands: [expand]
      })
      expect((await info(location))["status"]).toBe("IN_PROGRESS")
    }
  })

  it("emits flat session info on request (§16.10): plain strings and <type>-report keys", async () => {
    sim.config({ sessionInfoForm: "flat" })
    const { location } = await create(client, "/person/session/no", {
      firstName: "Kari",
      lastName: "Nordmann",
      ssn: SSN,
      expands: ["links.reports.aml"]
    })
    const early = await info(location)
    expect(early).toMatchObject({ jsonData: "IN_PROGRESS", "aml-report": "NOT_STARTED" })
    expect(early).not.toHaveProperty("reports")
    sim.clock.advance(2000)
    expect(await info(location)).toMatchObject({ status: "DONE", jsonData: "READY", "aml-report": "READY" })
  })
})

describe("strict mode", () => {
  beforeEach(() => sim.config({ strict: true }))

  it("accepts exactly what the guides name", async () => {
    await create(client, "/organization/session/no", {
      identifier: NO_ORG,
      expands: ["keyInformation", "keyInformation.lei", "links.reports.aml"],
      reports: ["aml"],
      language: "en"
    })
    await create(client, "/person/session/no", {
      identifier: { firstName: "Kari", lastName: "Nordmann", ssn: SSN },
      expands: ["aml", "links.reports.aml"],
      language: "no"
    })
    expect(sim.stats().sessionsCreated).toBe(2)
  })

  it.each([
    ["/organization/session/no", { identifier: NO_ORG, reference: "r" }, "reference"],
    ["/organization/session/no", { identifier: NO_ORG, identifierType: "DUNS" }, "identifierType"],
    ["/organization/session/no", { identifier: NO_ORG, webhook: { url: "https://x.example/h" } }, "webhook"],
    ["/organization/session/no", { identifier: NO_ORG, expand: ["aml"] }, "expand"],
    ["/person/session/no", { name: "Kari Nordmann", ssn: SSN }, "name"],
    ["/person/session/no", { firstName: "Kari", lastName: "Nordmann", ssn: SSN, country: "NO" }, "country"],
    ["/person/session/no", { identifier: { name: "Kari Nordmann", ssn: SSN } }, "identifier.name"],
    ["/person/session/no", { firstName: "K", lastName: "N", ssn: SSN, reports: ["aml"] }, "reports"]
  ])("refuses %s with %j naming the field", async (path, body, field) => {
    const error = await rejection(path, body)
    expect(error["errorCode"]).toBe("UNKNOWN_FIELD")
    expect(error["message"]).toContain(`${field}: not a field BankID's guides name`)
    expect(sim.stats().sessionsCreated).toBe(0)
  })

  it("refuses the lei spelling the guides do not use", async () => {
    const error = await rejection("/organization/session/no", { identifier: NO_ORG, expands: ["lei"] })
    expect(error).toMatchObject({ errorCode: "UNSUPPORTED_EXPAND" })
    expect(error["message"]).toContain("keyInformation.lei")
  })
})
