// Issue 12 part 3: examples/bankid-test-subjects.csv, unchanged, screens BankID's ten published
// test subjects (bankid-aml-api.md §16.7) against the simulator with the documented outcomes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { verifyPdfSignature } from "@nordscreen/simulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  listFiles,
  readJson,
  root,
  runCli,
  runDirOf,
  type SimProcess,
  startSimulatorProcess,
  screenArgs
} from "./support.js"

interface Hit {
  name: string
  matchIndicator: number
  list: string
}

interface Entity {
  references: Array<string>
  adapterId: string
  identifier: string
  outcome: string
  sessionId: string | null
  summary: {
    name: string
    status: string | null
    pep: { hits: Array<Hit> } | null
    sanctions: { hits: Array<Hit> } | null
  }
  warnings: Array<{ code: string; message: string }>
  artifacts: Array<{ kind: string; path: string }>
}

interface Report {
  summary: { rows: number; entities: number; rejectedRows: number; failures: number }
  entities: Array<Entity>
}

const EXAMPLE = "examples/bankid-test-subjects.csv"
const PERSON_NUMBERS = ["01010750160", "01010750241", "01010750322", "01010751388", "01010751469"]

const work = mkdtempSync(join(tmpdir(), "nordscreen-bankid-subjects-"))
let sim: SimProcess
let certificate = ""
let runDir = ""
let report: Report

beforeAll(async () => {
  sim = await startSimulatorProcess()
  certificate = await (await fetch(`${sim.url}/_sim/signing-certificate`)).text()
  const result = await runCli([...screenArgs(EXAMPLE, sim.url, join(work, "out"), join(work, "ws"))])
  expect(result.status, result.stderr).toBe(0)
  runDir = runDirOf(result.stdout)
  report = readJson(join(runDir, "report.json")) as Report
})
afterAll(async () => {
  await sim.stop()
  rmSync(work, { recursive: true, force: true })
})

const entity = (reference: string): Entity => {
  const found = report.entities.find((e) => e.references.includes(reference))
  if (found === undefined) throw new Error(`no entity ${reference}`)
  return found
}
const pep = (reference: string) => entity(reference).summary.pep?.hits ?? []
const sanctions = (reference: string) => entity(reference).summary.sanctions?.hits ?? []
const result = (reference: string): unknown =>
  readJson(join(runDir, entity(reference).artifacts.find((a) => a.kind === "result")?.path ?? "missing"))

describe(`${EXAMPLE} against the simulator`, () => {
  it("screens all ten subjects, none rejected, each with a BankID test-subject warning", async () => {
    expect(report.summary).toMatchObject({ rows: 10, entities: 10, rejectedRows: 0, failures: 0 })
    expect((await sim.stats()).sessionsCreated).toBe(10)
    for (const e of report.entities) {
      expect(e.sessionId).not.toBeNull()
      expect(e.warnings.map((w) => w.code)).toEqual(["W_BANKID_TEST_SUBJECT"])
    }
  })

  it("Tomas Topstad: sanction and PEP hits with different matchIndicator", () => {
    expect(entity("BANKID-P1")).toMatchObject({ adapterId: "person-no", outcome: "hit" })
    expect(pep("BANKID-P1").map((h) => h.matchIndicator)).toEqual([500])
    expect(sanctions("BANKID-P1").map((h) => h.matchIndicator)).toEqual([350])
  })

  it("Kari Klaven: empty AML", () => {
    expect(entity("BANKID-P2").outcome).toBe("clear")
    expect(pep("BANKID-P2")).toEqual([])
    expect(sanctions("BANKID-P2")).toEqual([])
  })

  it("Kris Psa Granum: fuzzy hits on similar names, all weak", () => {
    expect(entity("BANKID-P3").outcome).toBe("hit")
    const hits = [...pep("BANKID-P3"), ...sanctions("BANKID-P3")]
    expect(hits.length).toBe(3)
    for (const hit of hits) {
      expect(hit.name).not.toBe("Kris Psa Granum")
      expect(hit.name).toMatch(/Granum/)
      expect(hit.matchIndicator).toBeLessThan(300)
    }
  })

  it("Morten Holm: no national or postal address, a PEP hit marked expired", () => {
    expect(entity("BANKID-P4").outcome).toBe("hit")
    expect(pep("BANKID-P4")).toHaveLength(1)
    expect(sanctions("BANKID-P4")).toEqual([])
    expect(result("BANKID-P4")).toMatchObject({
      address: { national: { address: null, postalcode: null, city: null } },
      aml: { pepResults: [{ comment: expect.stringMatching(/expired/i) }] }
    })
    // The postal address is an expand the CLI does not ask for by default; when asked, it is null.
    expect(result("BANKID-P4")).not.toMatchObject({ address: { postal: expect.anything() } })
  })

  it("Mia Holm: one UN_CONSOLIDATED sanction hit", () => {
    expect(entity("BANKID-P5").outcome).toBe("hit")
    expect(pep("BANKID-P5")).toEqual([])
    expect(result("BANKID-P5")).toMatchObject({
      aml: { sanctionResults: [{ metadata: { sources: ["UN_CONSOLIDATED"] } }] }
    })
  })

  it.each([
    ["BANKID-O1", "123456789", "Utleie Gruppen AS", "LIMITED_COMPANY"],
    ["BANKID-O2", "234567891", "TEST2", "LIMITED_COMPANY"],
    ["BANKID-O3", "345678912", "Test3", "NORWEGIAN_REGISTERED_FOREIGN_BUSINESS"],
    ["BANKID-O4", "456789123", "HANSEN LEIF", "SOLE_PROPRIETORSHIP"],
    ["BANKID-O5", "567891234", "FRIVILLIG SOL", "ASSOCIATION_CLUB_ORGANIZATION"]
  ])("%s: organisation number %s (fails mod-11) screened as %s, %s", (reference, number, name, type) => {
    expect(entity(reference)).toMatchObject({ adapterId: "org-no", identifier: number, outcome: "clear" })
    expect(entity(reference).summary.name).toBe(name)
    expect(result(reference)).toMatchObject({
      keyInformation: { organizationNumber: number, organizationType: type }
    })
  })

  it("has a signed PDF for every subject and no person number in a file name, the CSV, the HTML or the log", async () => {
    for (const e of report.entities) {
      const pdfs = e.artifacts.filter((a) => a.path.endsWith(".pdf"))
      expect(pdfs.length).toBeGreaterThan(0)
      for (const pdf of pdfs) {
        const check = await verifyPdfSignature(
          new Uint8Array(readFileSync(join(runDir, pdf.path))),
          certificate
        )
        expect(check.valid, pdf.path).toBe(true)
      }
    }
    const texts = ["report.csv", "report.html", "run.log"].map((f) => readFileSync(join(runDir, f), "utf8"))
    for (const id of PERSON_NUMBERS) {
      for (const name of listFiles(runDir)) expect(name).not.toContain(id)
      for (const text of texts) expect(text).not.toContain(id)
    }
  })
})

describe(EXAMPLE, () => {
  it("needs no --map: its header maps to the CLI's fields as it is", () => {
    const header = readFileSync(join(root, EXAMPLE), "utf8").split(/\r?\n/)[0]
    expect(header).toBe("Reference;Type;Country;Identifier;Name;First name;Last name")
  })
})

describe(`${EXAMPLE} as for BankID's test environment: --env preprod with --api-url and --token-url`, () => {
  const preprod = (name: string, secret: string) =>
    runCli(
      [
        "screen",
        EXAMPLE,
        "--env",
        "preprod",
        "--api-url",
        sim.url,
        "--token-url",
        `${sim.url}/auth/realms/sim/protocol/openid-connect/token`,
        "--out",
        join(work, `out-${name}`),
        "--workspace",
        join(work, `ws-${name}`)
      ],
      { NORDSCREEN_CLIENT_ID: "simulator-client", NORDSCREEN_CLIENT_SECRET: secret }
    )

  it("screens every subject with the same outcomes", async () => {
    const result = await preprod("preprod", "simulator-secret")
    expect(result.status, result.stderr).toBe(0)
    const run = readJson(join(runDirOf(result.stdout), "report.json")) as Report & {
      run: { environment: string }
    }
    expect(run.run.environment).toBe("preprod")
    expect(run.summary).toMatchObject({ entities: 10, rejectedRows: 0, failures: 0 })
    const outcomes = (r: Report) =>
      Object.fromEntries(r.entities.map((e) => [e.references.join(), e.outcome] as const))
    expect(outcomes(run)).toEqual(outcomes(report))
  })

  it("a wrong secret is one error saying the client id or secret is wrong, without the secret", async () => {
    const result = await preprod("preprod-wrong", "wrong-secret-1618")
    expect(result.status).toBe(2)
    expect(result.stderr).toContain("the client credentials were refused (HTTP 400 invalid_client")
    expect(result.stderr).toContain("check the client id and secret")
    expect(`${result.stdout}${result.stderr}`).not.toContain("wrong-secret-1618")
  })
})
