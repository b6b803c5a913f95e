import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Simulator } from "../src/index.js"
import { type Api, accessToken, api, json, NO_ORG, orgBody, start } from "./helpers.js"

let sim: Simulator
let client: Api

beforeAll(async () => {
  sim = await start()
  client = api(sim, await accessToken(sim))
})
afterAll(() => sim.stop())

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const expectError = async (response: Response, status: number, errorCode: string) => {
  expect(response.status).toBe(status)
  const body = await json(response)
  expect(body["errorCode"]).toBe(errorCode)
  expect(body["status"]).toBe(status)
  expect(typeof body["error"]).toBe("string")
  expect(typeof body["message"]).toBe("string")
  expect(typeof body["timestamp"]).toBe("string")
  return body
}

const person = (extra: Record<string, unknown>): Record<string, unknown> => ({
  firstName: "Kari",
  lastName: "Nordmann",
  ...extra
})

describe("create organization sessions", () => {
  it.each([
    ["no", NO_ORG, "NO"],
    ["se", "556036-0793", "SE"],
    ["fi", "2077474-0", "FI"],
    ["dk", "31000017", "DK"]
  ])(
    "POST /organization/session/%s answers 201, Location and a UUID v4",
    async (cc, identifier, nationality) => {
      const response = await client.post(`/organization/session/${cc}`, { identifier, nationality })
      expect(response.status).toBe(201)
      const body = await json(response)
      expect(body["sessionId"]).toMatch(UUID_V4)
      expect(response.headers.get("location")).toBe(`/organization/session/${cc}/${body["sessionId"]}`)
    }
  )

  it("accepts spaces and one hyphen, lower-case nationality and the `expand` alias", async () => {
    const response = await client.post("/organization/session/no", {
      identifier: "913 579 240",
      nationality: "no",
      expand: ["roles", "links.reports.aml"],
      language: "NB"
    })
    expect(response.status).toBe(201)
  })

  it("treats a 9-digit value failing mod-11 as DUNS on /no and any 9 digits as DUNS on /se and /fi", async () => {
    expect(
      (await client.post("/organization/session/no", { identifier: "150483782", nationality: "NO" })).status
    ).toBe(201)
    expect(
      (await client.post("/organization/session/se", { identifier: "15-048-3782", nationality: "SE" })).status
    ).toBe(201)
    expect(
      (
        await client.post("/organization/session/fi", {
          identifier: "150483782",
          nationality: "FI",
          identifierType: "DUNS"
        })
      ).status
    ).toBe(201)
  })

  it("INVALID_IDENTIFIER for bad check digits, lengths and an explicit type that does not fit", async () => {
    const cases: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ["no", { identifier: "12345678", nationality: "NO" }],
      ["no", { identifier: "150483782", nationality: "NO", identifierType: "ORGANIZATION_NUMBER" }],
      ["no", { identifier: "9236090160", nationality: "NO", identifierType: "DUNS" }],
      ["se", { identifier: "556036-0794", nationality: "SE" }],
      ["se", { identifier: "551234-5678", nationality: "SE" }],
      ["fi", { identifier: "2077474-1", nationality: "FI" }],
      ["dk", { identifier: "31000018", nationality: "DK" }],
      ["dk", { identifier: "01000012", nationality: "DK" }],
      ["no", { identifier: "923609O16", nationality: "NO" }]
    ]
    for (const [cc, body] of cases) {
      const error = await expectError(
        await client.post(`/organization/session/${cc}`, body),
        400,
        "INVALID_IDENTIFIER"
      )
      expect(JSON.stringify(error)).not.toContain(String(body["identifier"]))
    }
  })

  it("COUNTRY_MISMATCH when nationality differs from the path", async () => {
    await expectError(
      await client.post("/organization/session/no", { identifier: NO_ORG, nationality: "SE" }),
      400,
      "COUNTRY_MISMATCH"
    )
  })

  it("UNSUPPORTED_EXPAND lists each unknown value in details", async () => {
    const body = await expectError(
      await client.post("/organization/session/no", orgBody({ expands: ["officialRoles", "roles", "Aml"] })),
      400,
      "UNSUPPORTED_EXPAND"
    )
    expect(body["details"]).toHaveLength(2)
    await expectError(
      await client.post("/organization/session/no", {
        identifier: NO_ORG,
        nationality: "NO",
        expand: ["sanction"]
      }),
      400,
      "UNSUPPORTED_EXPAND"
    )
  })

  it("INVALID_LANGUAGE for anything but no/nb/nn/en", async () => {
    await expectError(
      await client.post("/organization/session/no", orgBody({ language: "de" })),
      400,
      "INVALID_LANGUAGE"
    )
  })

  it("INVALID_WEBHOOK_URL unless https or http to localhost", async () => {
    for (const url of ["http://merchant.example/hook", "ftp://localhost/x", "/relative", "not a url"]) {
      await expectError(
        await client.post("/organization/session/no", orgBody({ webhook: { url } })),
        400,
        "INVALID_WEBHOOK_URL"
      )
    }
    for (const url of ["https://merchant.example/hook", "http://localhost:9/x", "http://127.0.0.1:9/x"]) {
      expect((await client.post("/organization/session/no", orgBody({ webhook: { url } }))).status).toBe(201)
    }
  })

  it("INVALID_REQUEST for malformed JSON, wrong types and over-long fields", async () => {
    const bodies: ReadonlyArray<unknown> = [
      "{not json",
      "[1,2]",
      { identifier: 913579240, nationality: "NO" },
      { nationality: "NO" },
      { identifier: NO_ORG, nationality: 47 },
      orgBody({ expands: "roles" }),
      orgBody({ expands: ["roles"], expand: ["aml"] }),
      orgBody({ identifierType: "VAT" }),
      orgBody({ language: 1 }),
      orgBody({ reference: "x".repeat(101) }),
      orgBody({ webhook: "https://merchant.example" }),
      orgBody({ webhook: { url: "https://merchant.example", events: ["Done"] } }),
      orgBody({ webhook: { url: "https://merchant.example", authorization: "x".repeat(513) } })
    ]
    for (const body of bodies) {
      await expectError(await client.post("/organization/session/no", body), 400, "INVALID_REQUEST")
    }
    const details = await expectError(
      await client.post("/organization/session/no", { identifier: 1, nationality: 2 }),
      400,
      "INVALID_REQUEST"
    )
    expect(details["details"]).toEqual([
      { field: "identifier", issue: "required string" },
      { field: "nationality", issue: "must be a string" }
    ])
  })

  it("accepts a 100-character reference and a 512-character authorization", async () => {
    const response = await client.post(
      "/organization/session/no",
      orgBody({
        reference: "r".repeat(100),
        webhook: { url: "https://merchant.example/h", authorization: "a".repeat(512) }
      })
    )
    expect(response.status).toBe(201)
  })

  it("415 without application/json", async () => {
    const response = await client.post("/organization/session/no", JSON.stringify(orgBody()), {
      "content-type": "text/plain"
    })
    await expectError(response, 415, "UNSUPPORTED_MEDIA_TYPE")
  })

  it("404 for unknown paths and countries", async () => {
    expect((await client.post("/organization/session/is", orgBody())).status).toBe(404)
    expect((await client.get("/nothing/here")).status).toBe(404)
  })
})

describe("create person sessions", () => {
  it("accepts ssn, name + dateOfBirth, full name, and a Swedish number via countryOfSsn", async () => {
    const bodies = [
      person({ ssn: "12858840099" }),
      person({ dateOfBirth: "1970-01-01", matchMode: "fuzzy" }),
      { name: "Kari Nordmann", ssn: "41814061033", dateOfBirth: "1940-01-01" },
      person({ ssn: "000101-2384", countryOfSsn: "SE" }),
      person({ ssn: "000101-2384", country: "SE", expands: ["address.national", "aml", "links.reports.aml"] })
    ]
    for (const body of bodies) {
      const response = await client.post("/person/session/no", body)
      expect(response.status).toBe(201)
      expect(response.headers.get("location")).toMatch(/^\/person\/session\/no\//)
    }
  })

  it("MISSING_NAME without lastName+firstName or name", async () => {
    await expectError(
      await client.post("/person/session/no", { firstName: "Kari", ssn: "12858840099" }),
      400,
      "MISSING_NAME"
    )
    await expectError(
      await client.post("/person/session/no", { name: "  ", ssn: "12858840099" }),
      400,
      "MISSING_NAME"
    )
  })

  it("MISSING_SSN_OR_DATE_OF_BIRTH without either", async () => {
    await expectError(
      await client.post("/person/session/no", person({})),
      400,
      "MISSING_SSN_OR_DATE_OF_BIRTH"
    )
  })

  it("INVALID_SSN for bad check digits, the Swedish + form and NO rules on SE numbers", async () => {
    for (const body of [
      person({ ssn: "30108299921" }),
      person({ ssn: "02013299997" }),
      person({ ssn: "31848549986" }),
      person({ ssn: "000101-2384" }),
      person({ ssn: "000101+2384", country: "SE" })
    ]) {
      const error = await expectError(await client.post("/person/session/no", body), 400, "INVALID_SSN")
      expect(JSON.stringify(error)).not.toContain(String(body["ssn"]))
    }
  })

  it("INVALID_DATE_OF_BIRTH for impossible and future dates", async () => {
    for (const dateOfBirth of ["1970-02-30", "2999-01-01", "01.01.1970"]) {
      await expectError(
        await client.post("/person/session/no", person({ dateOfBirth })),
        400,
        "INVALID_DATE_OF_BIRTH"
      )
    }
  })

  it("UNSUPPORTED_EXPAND, INVALID_LANGUAGE, INVALID_WEBHOOK_URL and INVALID_REQUEST", async () => {
    const base = person({ ssn: "12858840099" })
    await expectError(
      await client.post("/person/session/no", {
        ...base,
        expands: ["links.reports.certificate_of_incorporation"]
      }),
      400,
      "UNSUPPORTED_EXPAND"
    )
    await expectError(
      await client.post("/person/session/no", { ...base, language: "sv" }),
      400,
      "INVALID_LANGUAGE"
    )
    await expectError(
      await client.post("/person/session/no", { ...base, webhook: { url: "http://10.0.0.1/x" } }),
      400,
      "INVALID_WEBHOOK_URL"
    )
    for (const bad of [
      { matchMode: "loose" },
      { country: "US" },
      { ssn: 12858840099 },
      { country: "NO", countryOfSsn: "SE" }
    ]) {
      await expectError(await client.post("/person/session/no", { ...base, ...bad }), 400, "INVALID_REQUEST")
    }
  })
})
