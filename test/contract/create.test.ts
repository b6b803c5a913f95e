// §4, §5 create endpoints and the validation codes of §10.3.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ORG_EXPANDS, PERSON_EXPANDS } from "./support/expands.js"
import { Aml, create, discover, token } from "./support/aml.js"
import { expectApiError } from "./support/errors.js"
import { obj, str } from "./support/http.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let sim: RunningSimulator
let aml: Aml

beforeAll(async () => {
  sim = await startSimulatorProcess()
  const disco = await discover(sim.url)
  aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
})
afterAll(async () => {
  await sim?.stop()
})

describe("create endpoints (§4, §5.6)", () => {
  it.each([
    ["/organization/session/no", { identifier: "910000012", nationality: "NO" }],
    ["/organization/session/se", { identifier: "559100-0012", nationality: "SE" }],
    ["/organization/session/fi", { identifier: "3100001-1", nationality: "FI" }],
    ["/person/session/no", { firstName: "Marte", lastName: "Nygaard", ssn: "12858840099" }]
  ])("POST %s → 201, Location to the session path, { sessionId } as UUID v4", async (path, body) => {
    const created = await create(aml, path, body)
    expect(created.reply.headers.get("content-type") ?? "").toMatch(/^application\/json/)
    expect(created.sessionId).toMatch(UUID_V4)
    expect(Object.keys(obj(created.reply.body))).toEqual(["sessionId"])
    expect(new URL(created.sessionUrl).pathname).toBe(`${path}/${created.sessionId}`)
    const info = await aml.get(created.sessionUrl)
    expect(info.status).toBe(200)
    expect(obj(info.body)["sessionId"]).toBe(created.sessionId)
  })

  it.each([
    [
      "a NO organization number with spaces",
      "/organization/session/no",
      { identifier: "910 000 012", nationality: "NO" }
    ],
    [
      "a DUNS number on /no (fails mod-11)",
      "/organization/session/no",
      { identifier: "150000001", nationality: "NO" }
    ],
    [
      "identifierType DUNS on a mod-11-valid number",
      "/organization/session/no",
      { identifier: "910000012", nationality: "NO", identifierType: "DUNS" }
    ],
    ["a 9-digit DUNS on /se", "/organization/session/se", { identifier: "150000001", nationality: "SE" }],
    ["a 9-digit DUNS on /fi", "/organization/session/fi", { identifier: "150000001", nationality: "FI" }],
    [
      "an SE number without hyphen",
      "/organization/session/se",
      { identifier: "5591000012", nationality: "SE" }
    ],
    [
      "an SE number with the 16 prefix",
      "/organization/session/se",
      { identifier: "165591000012", nationality: "SE" }
    ],
    [
      "keyInformation listed, language in upper case, a reference and a webhook",
      "/organization/session/no",
      {
        identifier: "910000012",
        nationality: "NO",
        expands: ["keyInformation"],
        language: "NB",
        reference: "r".repeat(100),
        webhook: { url: "https://merchant.example/hooks/aml", events: ["AllDone"], authorization: "Bearer x" }
      }
    ],
    [
      "every NO organization expand",
      "/organization/session/no",
      {
        identifier: "910000012",
        nationality: "NO",
        expands: ORG_EXPANDS
      }
    ],
    [
      "every person expand",
      "/person/session/no",
      {
        firstName: "Marte",
        lastName: "Nygaard",
        ssn: "12858840099",
        expands: PERSON_EXPANDS
      }
    ],
    [
      "a person by full name and date of birth",
      "/person/session/no",
      { name: "Marte Nygaard", dateOfBirth: "1988-05-12" }
    ],
    [
      "a person with ssn and date of birth and matchMode fuzzy",
      "/person/session/no",
      {
        firstName: "Marte",
        lastName: "Nygaard",
        ssn: "12858840099",
        dateOfBirth: "1988-05-12",
        matchMode: "fuzzy"
      }
    ],
    ["a D-number", "/person/session/no", { firstName: "Sander", lastName: "Kvarme", ssn: "52898011143" }],
    [
      "a Swedish ssn ÅÅMMDD-XXXX with country SE",
      "/person/session/no",
      { firstName: "Tolvan", lastName: "Tolvansson", ssn: "121212-1212", country: "SE" }
    ],
    [
      "a Swedish ssn with the legacy alias countryOfSsn",
      "/person/session/no",
      { firstName: "Tolvan", lastName: "Tolvansson", ssn: "121212-1212", countryOfSsn: "SE" }
    ],
    [
      "a webhook on http://localhost",
      "/person/session/no",
      { name: "Marte Nygaard", dateOfBirth: "1988-05-12", webhook: { url: "http://localhost:9/hook" } }
    ]
  ])("accepts %s", async (_, path, body) => {
    await create(aml, path, body)
  })
})

describe("validation errors (§5, §10.3)", () => {
  const expectRejected = async (path: string, body: unknown, errorCode: string): Promise<void> => {
    const reply = await aml.post(path, body)
    expectApiError(reply, 400, errorCode)
    expect(obj(reply.body)["status"]).toBe(400)
  }

  it.each([
    ["a body that is not JSON", "{not json"],
    ["a JSON array", []],
    ["identifier as a number", { identifier: 910000012, nationality: "NO" }],
    ["expands as a string", { identifier: "910000012", nationality: "NO", expands: "roles" }]
  ])("INVALID_REQUEST for %s", async (_, body) => {
    await expectRejected("/organization/session/no", body, "INVALID_REQUEST")
  })

  it.each([
    ["/organization/session/no", "8 digits", { identifier: "91000001", nationality: "NO" }],
    ["/organization/session/no", "letters", { identifier: "91000001A", nationality: "NO" }],
    [
      "/organization/session/no",
      "a bad check digit with identifierType ORGANIZATION_NUMBER",
      { identifier: "910000013", nationality: "NO", identifierType: "ORGANIZATION_NUMBER" }
    ],
    [
      "/organization/session/no",
      "remainder 1 with identifierType ORGANIZATION_NUMBER",
      { identifier: "910000110", nationality: "NO", identifierType: "ORGANIZATION_NUMBER" }
    ],
    ["/organization/session/se", "a bad Luhn digit", { identifier: "559100-0013", nationality: "SE" }],
    ["/organization/session/se", "third digit below 2", { identifier: "551000-0010", nationality: "SE" }],
    ["/organization/session/se", "11 digits", { identifier: "55910000123", nationality: "SE" }],
    ["/organization/session/fi", "a bad check digit", { identifier: "3100001-2", nationality: "FI" }],
    ["/organization/session/fi", "remainder 1", { identifier: "3100010-0", nationality: "FI" }],
    [
      "/organization/session/fi",
      "7 digits without the check digit",
      { identifier: "3100001", nationality: "FI" }
    ]
  ])("INVALID_IDENTIFIER on %s for %s", async (path, _, body) => {
    await expectRejected(path, body, "INVALID_IDENTIFIER")
  })

  it.each([
    ["/organization/session/no", "SE"],
    ["/organization/session/se", "NO"],
    ["/organization/session/fi", "SE"]
  ])("COUNTRY_MISMATCH on %s with nationality %s", async (path, nationality) => {
    const identifier = { NO: "910000012", SE: "559100-0012", FI: "3100001-1" }[nationality] ?? ""
    await expectRejected(path, { identifier, nationality }, "COUNTRY_MISMATCH")
  })

  it.each([
    ["/organization/session/no", { identifier: "910000012", nationality: "NO", expands: ["address"] }],
    ["/organization/session/no", { identifier: "910000012", nationality: "NO", expands: ["Roles"] }],
    [
      "/organization/session/no",
      { identifier: "910000012", nationality: "NO", expands: ["address.national"] }
    ],
    ["/organization/session/no", { identifier: "910000012", nationality: "NO", expand: ["officialRoles"] }],
    ["/person/session/no", { name: "Marte Nygaard", dateOfBirth: "1988-05-12", expands: ["addresses"] }],
    [
      "/person/session/no",
      {
        name: "Marte Nygaard",
        dateOfBirth: "1988-05-12",
        expands: ["links.reports.certificate_of_incorporation"]
      }
    ]
  ])("UNSUPPORTED_EXPAND on %s for %j", async (path, body) => {
    await expectRejected(path, body, "UNSUPPORTED_EXPAND")
  })

  it.each([
    ["no name at all", { ssn: "12858840099" }],
    ["firstName only", { firstName: "Marte", ssn: "12858840099" }],
    ["lastName only", { lastName: "Nygaard", ssn: "12858840099" }]
  ])("MISSING_NAME for %s", async (_, body) => {
    await expectRejected("/person/session/no", body, "MISSING_NAME")
  })

  it("MISSING_SSN_OR_DATE_OF_BIRTH when neither is given", async () => {
    await expectRejected(
      "/person/session/no",
      { firstName: "Marte", lastName: "Nygaard" },
      "MISSING_SSN_OR_DATE_OF_BIRTH"
    )
  })

  it.each([
    ["a wrong check digit", { ssn: "12858840098" }],
    ["10 digits", { ssn: "1285884009" }],
    ["a wrong check digit with countryOfSsn NO", { ssn: "12858840098", countryOfSsn: "NO" }],
    ["the Swedish + form", { ssn: "121212+1212", country: "SE" }]
  ])("INVALID_SSN for %s, and the number is not echoed", async (_, extra) => {
    const reply = await aml.post("/person/session/no", { firstName: "Marte", lastName: "Nygaard", ...extra })
    expectApiError(reply, 400, "INVALID_SSN")
    expect(reply.text).not.toContain(extra.ssn)
  })

  it.each([
    ["an impossible date", "1988-02-30"],
    ["a future date", "2999-01-01"],
    ["a Norwegian date layout", "12.05.1988"]
  ])("INVALID_DATE_OF_BIRTH for %s", async (_, dateOfBirth) => {
    await expectRejected(
      "/person/session/no",
      { name: "Marte Nygaard", dateOfBirth },
      "INVALID_DATE_OF_BIRTH"
    )
  })

  it.each([
    ["/organization/session/no", { identifier: "910000012", nationality: "NO", language: "de" }],
    ["/person/session/no", { name: "Marte Nygaard", dateOfBirth: "1988-05-12", language: "sv" }]
  ])("INVALID_LANGUAGE on %s", async (path, body) => {
    await expectRejected(path, body, "INVALID_LANGUAGE")
  })

  it.each([
    ["plain http to a public host", "http://merchant.example/hook"],
    ["a relative URL", "/hook"],
    ["not a URL", "not a url"],
    ["ftp", "ftp://merchant.example/hook"]
  ])("INVALID_WEBHOOK_URL for %s", async (_, url) => {
    await expectRejected(
      "/organization/session/no",
      { identifier: "910000012", nationality: "NO", webhook: { url } },
      "INVALID_WEBHOOK_URL"
    )
  })

  it("rejects a reference longer than 100 characters (§5.1) with 400", async () => {
    const reply = await aml.post("/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      reference: "r".repeat(101)
    })
    expectApiError(reply, 400)
  })

  it("rejects a webhook authorization longer than 512 characters (§5.5) with 400", async () => {
    const reply = await aml.post("/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      webhook: { url: "https://merchant.example/hook", authorization: "a".repeat(513) }
    })
    expectApiError(reply, 400)
  })

  it("error messages name no personal data", async () => {
    const reply = await aml.post("/person/session/no", { firstName: "Marte", ssn: "12858840099" })
    expect(str(obj(reply.body)["message"])).not.toMatch(/Marte|12858840099/)
  })
})
