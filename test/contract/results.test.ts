// §6.2 session info to DONE, §8 downloads, §9 result shapes, §13 registry access, PDFs of §8.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Aml, discover, type Discovery, token } from "./support/aml.js"
import { arr, isObject, type Json, obj, send, str } from "./support/http.js"
import { checkPdfSignature, pdfText } from "./support/pdf.js"
import { runToDone, expectReady, expectSessionInfo, listOf, reportTypesOf } from "./support/session.js"
import {
  check,
  organizationResultNO,
  organizationResultSEFI,
  personResultNO,
  type Shape
} from "./support/shapes.js"
import { ORG_EXPANDS, PERSON_EXPANDS } from "./support/expands.js"
import { type RunningSimulator, startSimulatorProcess } from "./support/simulatorProcess.js"

const NO_REGISTRY = { clientId: "contract-no-registry", clientSecret: "no-registry-secret" }

let sim: RunningSimulator
let disco: Discovery
let aml: Aml
let certificatePem: string

beforeAll(async () => {
  sim = await startSimulatorProcess({
    config: {
      clients: [
        { clientId: "simulator-client", clientSecret: "simulator-secret" },
        { ...NO_REGISTRY, nationalRegistryAccess: "NOT_GRANTED" }
      ]
    }
  })
  disco = await discover(sim.url)
  aml = new Aml(disco.amlBase, await token(disco.tokenEndpoint))
  certificatePem = (await send(`${sim.url}/_sim/signing-certificate`)).text
})
afterAll(async () => {
  await sim?.stop()
})

const topLevelOf = (expand: string): string => {
  const head = expand.split(".")[0] ?? expand
  return head
}

/** §1/§9: keyInformation always; every requested element present and never null; nothing else. */
const expectOnlyRequested = (json: Json, expands: ReadonlyArray<string>): void => {
  const wanted = new Set(["keyInformation", ...expands.map(topLevelOf)])
  expect(Object.keys(json).sort()).toEqual([...wanted].sort())
  for (const key of wanted) expect(json[key], `requested ${key}`).not.toBeNull()
  for (const parent of ["ownership", "financials"]) {
    const subs = expands.filter((e) => e.startsWith(`${parent}.`)).map((e) => e.slice(parent.length + 1))
    if (subs.length === 0) continue
    const node = obj(json[parent], parent)
    for (const sub of subs) expect(node[sub], `requested ${parent}.${sub}`).not.toBeNull()
    for (const sub of subs) expect(node, `requested ${parent}.${sub}`).toHaveProperty(sub)
    expect(
      Object.keys(node).filter((k) => k !== "metadata" && !subs.includes(k)),
      `unrequested in ${parent}`
    ).toEqual([])
  }
}

const expectLinks = async (
  caller: Aml,
  json: Json,
  sessionUrl: string,
  expands: ReadonlyArray<string>
): Promise<void> => {
  const types = reportTypesOf(expands)
  if (types.length === 0) return expect(json).not.toHaveProperty("links")
  const reports = listOf(obj(json["links"], "links")["reports"], "links.reports")
  expect(reports.map((r) => r["rel"]).sort()).toEqual([...types].sort())
  for (const link of reports) {
    const href = str(link["href"], "href")
    expect(link["contentType"]).toBe("application/pdf")
    expect(() => new URL(href), `href ${href} is absolute`).not.toThrow()
    expect(href).toBe(`${sessionUrl}/report/${str(link["rel"])}`)
    const pdf = await caller.get(href, "application/pdf")
    expect(pdf.status, `GET ${href}`).toBe(200)
    expect(pdf.headers.get("content-type")).toMatch(/^application\/pdf/)
  }
}

const expectDone = async (
  done: Awaited<ReturnType<typeof runToDone>>,
  expands: ReadonlyArray<string>,
  shape: Shape,
  where: { resource: string; country: string },
  caller: Aml = aml
): Promise<void> => {
  const reports = expectSessionInfo(done.info, where)
  expect(Object.keys(reports).sort()).toEqual(reportTypesOf(expands).sort())
  for (const [type, state] of Object.entries(reports)) {
    const href = str(expectReady(state, `reports.${type}`)["href"])
    expect(new URL(href, `${disco.amlBase}/`).toString()).toBe(`${done.sessionUrl}/report/${type}`)
  }
  expect(new URL(str(obj(done.info["jsonData"])["href"]), `${disco.amlBase}/`).toString()).toBe(
    `${done.sessionUrl}/json`
  )
  expect(done.jsonReply.headers.get("content-type")).toBe("application/json; charset=utf-8")
  expect(check(shape, done.json)).toEqual([])
  expectOnlyRequested(done.json, expands)
  await expectLinks(caller, done.json, done.sessionUrl, expands)
}

describe("NO organization sessions (§9.2)", () => {
  it("delivers only keyInformation by default, with no reports", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO"
    })
    await expectDone(done, [], organizationResultNO, { resource: "organization", country: "NO" })
    expect(obj(done.info["reports"])).toEqual({})
    const key = obj(done.json["keyInformation"])
    expect(key["organizationNumber"]).toBe("910000012")
    expect(key["name"]).toBe("FJORDLYS TEKNIKK AS")
  })

  it("echoes reference and delivers every expand for the clean fixture", async () => {
    const body = { identifier: "910000012", nationality: "NO", expands: ORG_EXPANDS, reference: "case 42" }
    const done = await runToDone(aml, "/organization/session/no", body)
    await expectDone(done, ORG_EXPANDS, organizationResultNO, { resource: "organization", country: "NO" })
    expect(done.info["reference"]).toBe("case 42")
    const amlNode = obj(done.json["aml"])
    expect(amlNode["status"]).toBe("NONE")
    expect(amlNode["sanctionResults"]).toEqual([])
    expect(arr(obj(done.json["ownership"])["beneficials"]).length).toBeGreaterThan(0)
    expect(arr(obj(obj(done.json["financials"])["accounting"])["years"]).length).toBe(3)
  })

  it.each([
    ["a subset", ["roles", "ownership.beneficials", "financials.keyFigures"]],
    ["one report only", ["aml", "links.reports.aml"]],
    ["the certificate only", ["links.reports.certificate_of_incorporation"]]
  ])("delivers %s and nothing unrequested", async (_, expands) => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expands
    })
    await expectDone(done, expands, organizationResultNO, { resource: "organization", country: "NO" })
  })

  it("accepts the alias field expand with the same semantics (§5.1)", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expand: ["roles"]
    })
    expectOnlyRequested(done.json, ["roles"])
  })

  it("sanction fixture: aml.status SANCTION with hits", async () => {
    const expands = ["aml"]
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000020",
      nationality: "NO",
      expands
    })
    await expectDone(done, expands, organizationResultNO, { resource: "organization", country: "NO" })
    const node = obj(done.json["aml"])
    expect(node["status"]).toBe("SANCTION")
    expect(arr(node["sanctionResults"]).length).toBeGreaterThan(0)
  })

  it("no-beneficials fixture: ownership.beneficials is [] (empty-node convention)", async () => {
    const expands = ["ownership.beneficials"]
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000039",
      nationality: "NO",
      expands
    })
    await expectDone(done, expands, organizationResultNO, { resource: "organization", country: "NO" })
    expect(obj(done.json["ownership"])["beneficials"]).toEqual([])
  })

  it.each([
    ["910000047", "BANKRUPT"],
    ["910000063", "DISSOLVED"],
    ["910000071", "UNDER_LIQUIDATION"]
  ])("%s carries statusCodes [%s]", async (identifier, code) => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier,
      nationality: "NO",
      expands: ORG_EXPANDS
    })
    await expectDone(done, ORG_EXPANDS, organizationResultNO, { resource: "organization", country: "NO" })
    expect(obj(done.json["keyInformation"])["statusCodes"]).toEqual([code])
  })

  it("bankruptcy estate fixture has organizationType BANKRUPT_ESTATE", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000055",
      nationality: "NO"
    })
    expect(obj(done.json["keyInformation"])["organizationType"]).toBe("BANKRUPT_ESTATE")
  })

  it("DUNS fixture on /no returns the DUNS number and a valid organization number", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "150000001",
      nationality: "NO",
      expands: ORG_EXPANDS
    })
    await expectDone(done, ORG_EXPANDS, organizationResultNO, { resource: "organization", country: "NO" })
    const key = obj(done.json["keyInformation"])
    expect(key["dunsNumber"]).toBe("150000001")
    expect(str(key["organizationNumber"])).toMatch(/^\d{9}$/)
  })

  it("without the OFAC scope, OFAC is absent from the screening sources; with it, present (§3.2)", async () => {
    const sourcesWith = async (scope: string): Promise<unknown> => {
      const caller = new Aml(disco.amlBase, await token(disco.tokenEndpoint, { scope }))
      const done = await runToDone(caller, "/organization/session/no", {
        identifier: "910000012",
        nationality: "NO",
        expands: ["aml"]
      })
      return obj(obj(done.json["aml"])["metadata"], "aml.metadata")["sources"]
    }
    expect(arr(await sourcesWith("aml_organization/basic"))).not.toContain("OFAC")
    expect(arr(await sourcesWith("aml_organization/basic aml_organization/OFAC"))).toContain("OFAC")
  })

  it("identical requests give identical JSON apart from hrefs, and downloads repeat byte for byte (§8, §14)", async () => {
    const body = { identifier: "910000012", nationality: "NO", expands: ORG_EXPANDS }
    const first = await runToDone(aml, "/organization/session/no", body)
    const second = await runToDone(aml, "/organization/session/no", body)
    const strip = (json: Json): Json =>
      Object.fromEntries(Object.entries(json).filter(([k]) => k !== "links"))
    expect(strip(second.json)).toEqual(strip(first.json))
    expect((await aml.get(`${first.sessionUrl}/json`)).bytes.equals(first.jsonReply.bytes)).toBe(true)
    const pdfA = await aml.get(`${first.sessionUrl}/report/aml`, "application/pdf")
    const pdfB = await aml.get(`${first.sessionUrl}/report/aml`, "application/pdf")
    expect(pdfA.bytes.equals(pdfB.bytes)).toBe(true)
  })

  it("reasonPhrase follows the requested language (§9.2)", async () => {
    const phrase = async (language: string): Promise<unknown> => {
      const done = await runToDone(aml, "/organization/session/no", {
        identifier: "910000012",
        nationality: "NO",
        expands: ["ownership.beneficials"],
        language
      })
      return listOf(obj(done.json["ownership"])["beneficials"], "beneficials")[0]?.["reasonPhrase"]
    }
    expect(await phrase("en")).not.toEqual(await phrase("nb"))
  })

  it("session info is also served under the alias /organization/session/{id} (§4)", async () => {
    const done = await runToDone(aml, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO"
    })
    const alias = await aml.get(`/organization/session/${done.sessionId}`)
    expect(alias.status).toBe(200)
    expect(obj(alias.body)["sessionId"]).toBe(done.sessionId)
  })
})

describe("SE and FI organization sessions (§9.3)", () => {
  it.each([
    ["se", "SE", "559100-0012", /^\d{6}-\d{4}$/, "AKTIEBOLAG"],
    ["fi", "FI", "3100001-1", /^\d{7}-\d$/, "OSAKEYHTIO"]
  ])(
    "/%s: national number format, country, legal form, nationalFields, every requested node",
    async (cc, country, identifier, format, legalForm) => {
      const done = await runToDone(aml, `/organization/session/${cc}`, {
        identifier,
        nationality: country,
        expands: ORG_EXPANDS
      })
      await expectDone(done, ORG_EXPANDS, organizationResultSEFI, { resource: "organization", country })
      const key = obj(done.json["keyInformation"])
      expect(str(key["organizationNumber"])).toMatch(format)
      expect(key["country"]).toBe(country)
      expect(key["organizationType"]).toBe(legalForm)
      expect(isObject(key["nationalFields"])).toBe(true)
    }
  )

  it("SE sanction fixture has hits", async () => {
    const done = await runToDone(aml, "/organization/session/se", {
      identifier: "559100-0038",
      nationality: "SE",
      expands: ["aml"]
    })
    expect(obj(done.json["aml"])["status"]).toBe("SANCTION")
    expect(arr(obj(done.json["aml"])["sanctionResults"]).length).toBeGreaterThan(0)
  })
})

const isEmptyNode = (value: unknown): boolean => {
  if (value === null) return true
  if (Array.isArray(value)) return value.length === 0
  if (isObject(value))
    return Object.entries(value).every(([k, v]) => k === "metadata" || k === "metaData" || isEmptyNode(v))
  return false
}

describe("NO person sessions (§9.4)", () => {
  const person = (ssn: string, extra: Json = {}): Json => ({
    firstName: "Test",
    lastName: "Person",
    ssn,
    expands: PERSON_EXPANDS,
    ...extra
  })

  it("delivers only keyInformation by default, without the registry sub-expands", async () => {
    const done = await runToDone(aml, "/person/session/no", {
      firstName: "Marte",
      lastName: "Nygaard",
      ssn: "12858840099"
    })
    await expectDone(done, [], personResultNO, { resource: "person", country: "NO" })
    const key = obj(done.json["keyInformation"])
    for (const field of ["birthplace", "citizenship", "historicNames"]) expect(key).not.toHaveProperty(field)
    expect(key["dateOfBirth"]).toBe("1988-05-12")
  })

  it("clean fixture with every expand", async () => {
    const done = await runToDone(aml, "/person/session/no", person("12858840099"))
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    const key = obj(done.json["keyInformation"])
    for (const field of ["birthplace", "citizenship", "historicNames"]) expect(key).toHaveProperty(field)
    const address = obj(done.json["address"])
    expect(address).toHaveProperty("national")
    expect(address).toHaveProperty("postal")
    expect(address).toHaveProperty("historic")
    expect(obj(address["national"])).toHaveProperty("numberOfResidents")
    expect(obj(address["national"])["personStatus"]).toBe("RESIDENT")
    expect(obj(done.json["aml"])["status"]).toBe("NONE")
    expect(arr(obj(obj(done.json["keyInformation"])["metadata"])["sources"])).toContain(
      "NO_NATIONAL_REGISTRY"
    )
  })

  it("PEP fixture: a hit with matchIndicator 500", async () => {
    const done = await runToDone(aml, "/person/session/no", person("15837512481"))
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    const node = obj(done.json["aml"])
    expect(node["status"]).toBe("PEP")
    expect(listOf(node["pepResults"], "pepResults").map((h) => h["matchIndicator"])).toContain(500)
  })

  it("sanction fixture: hits with several addressList entries", async () => {
    const done = await runToDone(aml, "/person/session/no", person("52898011143"))
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    const node = obj(done.json["aml"])
    expect(node["status"]).toBe("SANCTION")
    const hits = listOf(node["sanctionResults"], "sanctionResults")
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(arr(hit["addressList"]).length).toBeGreaterThan(1)
  })

  it.each([
    ["07877123493", "status", "PEP_AND_SANCTION"],
    ["22815834589", "personStatus", "DECEASED"],
    ["03826421087", "personStatus", "EMIGRATED"]
  ])("%s: %s %s", async (ssn, field, value) => {
    const done = await runToDone(aml, "/person/session/no", person(ssn))
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    const node = field === "status" ? obj(done.json["aml"]) : obj(obj(done.json["address"])["national"])
    expect(node[field]).toBe(value)
  })

  it("name + date of birth only: registry-sourced elements are empty nodes (§5.3, §13)", async () => {
    const done = await runToDone(aml, "/person/session/no", {
      name: "Marte Nygaard",
      dateOfBirth: "1988-05-12",
      expands: PERSON_EXPANDS
    })
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    expectRegistryEmpty(done.json)
  })

  it("a Swedish ssn cannot reach the Norwegian registry: registry elements are empty nodes (§5.3)", async () => {
    const done = await runToDone(aml, "/person/session/no", {
      firstName: "Tolvan",
      lastName: "Tolvansson",
      ssn: "121212-1212",
      country: "SE",
      expands: PERSON_EXPANDS
    })
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" })
    expectRegistryEmpty(done.json)
  })

  it("without aml_person/OFAC, OFAC is not among the person lists searched (§3.2)", async () => {
    const listsWith = async (scope: string): Promise<string> => {
      const caller = new Aml(disco.amlBase, await token(disco.tokenEndpoint, { scope }))
      const done = await runToDone(caller, "/person/session/no", {
        firstName: "Marte",
        lastName: "Nygaard",
        ssn: "12858840099",
        expands: ["aml"]
      })
      const node = obj(done.json["aml"])
      return JSON.stringify([node["list"], node["metadata"]])
    }
    expect(await listsWith("aml_person/basic")).not.toContain("OFAC")
    expect(await listsWith("aml_person/basic aml_person/OFAC")).toContain("OFAC")
  })

  it("a client without National Registry access gets empty registry nodes, no error (§13)", async () => {
    const access = await new Aml(
      disco.amlBase,
      await token(disco.tokenEndpoint, { credentials: NO_REGISTRY })
    ).get("/access-rights")
    expect(access.status).toBe(200)
    expect(access.body).toEqual({ nationalRegistry: { status: "NOT_GRANTED" } })
    expect((await aml.get("/access-rights")).body).toEqual({ nationalRegistry: { status: "GRANTED" } })
    const caller = new Aml(disco.amlBase, await token(disco.tokenEndpoint, { credentials: NO_REGISTRY }))
    const done = await runToDone(caller, "/person/session/no", person("12858840099"))
    await expectDone(done, PERSON_EXPANDS, personResultNO, { resource: "person", country: "NO" }, caller)
    expectRegistryEmpty(done.json)
  })
})

const expectRegistryEmpty = (json: Json): void => {
  const key = obj(json["keyInformation"])
  expect(key["birthplace"]).toBeNull()
  expect(key["citizenship"]).toEqual([])
  expect(key["historicNames"]).toEqual([])
  const address = obj(json["address"])
  expect(address["national"], "address.national is an empty object node, not null").not.toBeNull()
  expect(isEmptyNode(address["national"]), JSON.stringify(address["national"])).toBe(true)
  expect(address["historic"]).toEqual([])
  const everySource = JSON.stringify(json)
  expect(everySource).not.toContain("NO_NATIONAL_REGISTRY")
}

describe("organization data without National Registry access (§13)", () => {
  it("without registry access, beneficial owners lack citizenship and birthplace (§9.2, §13)", async () => {
    const caller = new Aml(disco.amlBase, await token(disco.tokenEndpoint, { credentials: NO_REGISTRY }))
    const done = await runToDone(caller, "/organization/session/no", {
      identifier: "910000012",
      nationality: "NO",
      expands: ["ownership.beneficials"]
    })
    const owners = listOf(obj(done.json["ownership"])["beneficials"], "beneficials")
    expect(owners.length).toBeGreaterThan(0)
    for (const owner of owners) {
      expect(owner["citizenship"] ?? [], "citizenship").toEqual([])
      expect(owner["birthplace"] ?? null, "birthplace").toBeNull()
    }
  })
})

describe("signed PDF reports (§8)", () => {
  it("certificate endpoint serves a PEM certificate", () => {
    expect(certificatePem).toMatch(
      /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/
    )
  })

  it.each([
    [
      "organization",
      "/organization/session/no",
      { identifier: "910000020", nationality: "NO" },
      "910000020",
      ["aml", "links.reports.aml", "links.reports.certificate_of_incorporation"]
    ],
    [
      "person",
      "/person/session/no",
      { firstName: "Ingrid", lastName: "Fjellstad", ssn: "15837512481" },
      "15837512481",
      ["aml", "links.reports.aml"]
    ]
  ])(
    "%s reports are PDFs signed adbe.pkcs7.detached with the published certificate",
    async (_, path, base, subject, expands) => {
      const done = await runToDone(aml, path, { ...base, expands, reference: "ref-PDF-7" })
      for (const type of reportTypesOf(expands)) {
        const reply = await aml.get(`${done.sessionUrl}/report/${type}`, "application/pdf")
        expect(reply.status).toBe(200)
        expect(reply.headers.get("content-type")).toBe("application/pdf")
        expect(reply.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
        expect(reply.bytes.toString("latin1")).toContain("/ByteRange")
        const signature = checkPdfSignature(reply.bytes, certificatePem)
        expect(signature).toEqual({
          subFilter: "adbe.pkcs7.detached",
          byteRangeCoversFile: true,
          digestMatches: true,
          certificateEmbedded: true,
          signatureValid: true
        })
        const text = pdfText(reply.bytes).replace(/\s+/g, "")
        expect(text, `${type} PDF names the session`).toContain(done.sessionId)
        expect(text, `${type} PDF names the subject`).toContain(subject)
        expect(text, `${type} PDF names the reference`).toContain("ref-PDF-7")
      }
    }
  )
})
