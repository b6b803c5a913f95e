import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readJson, runCli, runDirOf, type SimProcess, startSimulatorProcess } from "./support.js"

// The `bankid` wire profile (the default of --env preprod/prod) against a simulator that refuses
// every request field BankID's guides do not name and answers session info in BankID's flat
// form (contract §16): what the first contact with the real test environment looks like.

interface ReportJson {
  summary: { entities: number; failures: number; byOutcome: Record<string, number> }
  entities: Array<{
    adapterId: string
    sessionId: string | null
    outcome: string
    artifacts: Array<{ kind: string }>
  }>
  failures: Array<{ code: string; message: string; adapterId: string }>
  run: { environment: string; options: Record<string, unknown>; unknownFields: Array<unknown> }
}

const work = mkdtempSync(join(tmpdir(), "nordscreen-wire-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let strict: SimProcess

beforeAll(async () => {
  strict = await startSimulatorProcess(["--strict", "--session-info", "flat"])
})
afterAll(async () => {
  await strict.stop()
})

/** `screen` as a bank runs it against BankID's test environment: preprod, explicit endpoints. */
const screenPreprod = (name: string, extra: ReadonlyArray<string> = []) =>
  runCli(
    [
      "screen",
      "examples/portfolio.csv",
      "--env",
      "preprod",
      "--api-url",
      strict.url,
      "--out",
      join(work, `out-${name}`),
      "--workspace",
      join(work, `ws-${name}`),
      ...extra
    ],
    {
      NORDSCREEN_TOKEN_URL: `${strict.url}/auth/realms/sim/protocol/openid-connect/token`,
      NORDSCREEN_CLIENT_ID: "simulator-client",
      NORDSCREEN_CLIENT_SECRET: "simulator-secret"
    }
  )

const reportOf = (stdout: string): ReportJson => readJson(join(runDirOf(stdout), "report.json")) as ReportJson

const createStatuses = async (): Promise<Record<string, number>> => {
  const body: unknown = await (await fetch(`${strict.url}/_sim/stats`)).json()
  const requests = typeof body === "object" && body !== null && "requests" in body ? body.requests : {}
  const create =
    typeof requests === "object" && requests !== null && "create" in requests ? requests.create : {}
  return typeof create === "object" && create !== null ? Object.fromEntries(Object.entries(create)) : {}
}

describe("wire profiles against the strict simulator (built CLI)", () => {
  it("the bankid profile (default for preprod) screens organizations and persons with nothing refused", async () => {
    await fetch(`${strict.url}/_sim/reset`, { method: "POST" })
    const result = await screenPreprod("bankid")
    expect(result.status, result.stderr).toBe(0)
    const report = reportOf(result.stdout)
    expect(report.run.environment).toBe("preprod")
    expect(report.summary.failures).toBe(0)
    const kinds = new Set(report.entities.map((e) => e.adapterId))
    expect([...kinds].sort()).toEqual(["org-fi", "org-no", "org-se", "person-no"])
    for (const entity of report.entities) {
      expect(entity.sessionId).not.toBeNull()
      expect(entity.artifacts.map((a) => a.kind)).toContain("aml")
    }
    // Results are exactly what the adapters' schemas know.
    expect(report.run.unknownFields).toEqual([])
    expect(await createStatuses()).toEqual({ "201": report.entities.length })
  })

  it("the simulator profile is refused by the strict simulator, with the field named", async () => {
    await fetch(`${strict.url}/_sim/reset`, { method: "POST" })
    const result = await screenPreprod("simulator", ["--wire-profile", "simulator"])
    expect(result.status).toBe(3)
    const report = reportOf(result.stdout)
    expect(report.run.options).toMatchObject({ wireProfile: "simulator" })
    expect(report.summary.failures).toBe(report.entities.length)
    for (const failure of report.failures) {
      expect(failure.code).toBe("ApiValidationError")
      expect(failure.message).toMatch(/UNKNOWN_FIELD (reference|name): not a field BankID's guides name/)
    }
    expect(
      report.failures.some((f) => f.adapterId === "person-no" && /UNKNOWN_FIELD name/.test(f.message))
    ).toBe(true)
    expect(Object.keys(await createStatuses())).toEqual(["400"])
  })

  it("a profile file overrides single fields: a person nested under identifier is accepted too", async () => {
    await fetch(`${strict.url}/_sim/reset`, { method: "POST" })
    const file = join(work, "nested.json")
    writeFileSync(file, JSON.stringify({ name: "bankid", personShape: "nested" }))
    const result = await screenPreprod("nested", ["--wire-profile-file", file])
    expect(result.status, result.stderr).toBe(0)
    expect(reportOf(result.stdout).summary.failures).toBe(0)
  })

  it("a profile file with an unknown field or a wrong value is a configuration error naming it (exit 2)", async () => {
    const file = join(work, "bad.json")
    writeFileSync(file, JSON.stringify({ personShape: "deep", sendReferense: true }))
    const result = await screenPreprod("bad", ["--wire-profile-file", file])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain("wireProfileFile")
    expect(result.stderr).toMatch(/personShape|sendReferense/)
  })
})
