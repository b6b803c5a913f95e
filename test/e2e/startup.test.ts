import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freePort, orgNumber, runCli, type SimProcess, startSimulatorProcess, screenArgs } from "./support.js"

const work = mkdtempSync(join(tmpdir(), "nordscreen-startup-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let sim: SimProcess
beforeAll(async () => {
  sim = await startSimulatorProcess()
})
afterAll(async () => {
  await sim.stop()
})

// An ESM loader hook (module.register, through NODE_OPTIONS) that writes the URL of every file
// module the CLI loads to a list: what a command really loads, not what its sources suggest.
writeFileSync(
  join(work, "hooks.mjs"),
  `import { appendFileSync } from "node:fs"
let list
export function initialize(data) { list = data.list }
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(list, url + "\\n")
  return next(url, context)
}
`
)
writeFileSync(
  join(work, "register.mjs"),
  `import { register } from "node:module"
register("./hooks.mjs", import.meta.url, { data: { list: process.env.LOADED_LIST } })
`
)

let runs = 0
/** Runs the built CLI and returns its result with the file modules it loaded. */
const traced = async (args: ReadonlyArray<string>) => {
  const list = join(work, `loaded-${++runs}.txt`)
  writeFileSync(list, "")
  const result = await runCli(args, {
    NODE_OPTIONS: `--import ${join(work, "register.mjs")}`,
    LOADED_LIST: list
  })
  const loaded = readFileSync(list, "utf8")
    .split("\n")
    .filter((line) => line !== "")
  return { ...result, loaded }
}

const simulatorModules = (loaded: ReadonlyArray<string>) =>
  loaded.filter((url) => url.includes("/apps/simulator/"))
const runModules = (loaded: ReadonlyArray<string>) =>
  loaded.filter((url) =>
    /\/apps\/screen\/dist\/(run|journal)\/|\/report\/writeReports\.js|better-sqlite3|sql-sqlite-node/.test(
      url
    )
  )

const portfolio = join(work, "portfolio.csv")
writeFileSync(
  portfolio,
  `Kundenummer;Land;Organisasjonsnummer\nK-1;NO;${orgNumber(1)}\nK-2;NO;${orgNumber(2)}\n`
)

describe("what each command loads (built CLI)", () => {
  it("validate loads neither the simulator nor the run's engine, journal and report modules", async () => {
    const result = await traced(["validate", portfolio, "--out", join(work, "validate")])
    expect(result.status, result.stderr).toBe(0)
    // The trace works: validate's own modules are in it.
    expect(result.loaded.some((url) => url.endsWith("/apps/screen/dist/validate/runValidate.js"))).toBe(true)
    expect(simulatorModules(result.loaded)).toEqual([])
    expect(runModules(result.loaded)).toEqual([])
  })

  it("screen against a simulator process does not load the simulator; the embedded one does", async () => {
    const external = await traced([
      ...screenArgs(portfolio, sim.url, join(work, "out-external"), join(work, "ws-external"))
    ])
    expect(external.status, external.stderr).toBe(0)
    expect(runModules(external.loaded).length).toBeGreaterThan(0)
    expect(simulatorModules(external.loaded)).toEqual([])

    const embedded = await traced([
      "screen",
      portfolio,
      "--out",
      join(work, "out-embedded"),
      "--workspace",
      join(work, "ws-embedded"),
      "--limit",
      "1"
    ])
    expect(embedded.status, embedded.stderr).toBe(0)
    expect(embedded.stderr).toContain("embedded simulator")
    expect(simulatorModules(embedded.loaded).length).toBeGreaterThan(0)
  })
})

describe("start-up errors of screen (built CLI): one message, exit 2, no run recorded", () => {
  let case_ = 0
  /** Runs screen in a fresh workspace, then again with working settings: that run must be new. */
  const failsCleanly = async (extra: ReadonlyArray<string>) => {
    const name = `startup-${++case_}`
    const common = [
      "screen",
      portfolio,
      "--out",
      join(work, `out-${name}`),
      "--workspace",
      join(work, `ws-${name}`)
    ]
    const failed = await runCli([...common, ...extra])
    const outMade = existsSync(join(work, `out-${name}`))
    const next = await runCli([...common, "--env", "simulator", "--api-url", sim.url])
    return { failed, outMade, next }
  }

  it("a wrong client secret names the token URL, not the secret", async () => {
    const before = (await sim.stats()).sessionsCreated
    const { failed, outMade, next } = await failsCleanly([
      "--env",
      "simulator",
      "--api-url",
      sim.url,
      "--client-id",
      "simulator-client",
      "--client-secret",
      "wrong-secret-2718"
    ])
    expect(failed.status, failed.stderr).toBe(2)
    expect(failed.stderr).toContain(`error: cannot use the token endpoint at ${sim.url}/`)
    expect(failed.stderr).toContain("invalid_client")
    expect(`${failed.stdout}${failed.stderr}`).not.toContain("wrong-secret-2718")
    expect(outMade).toBe(false)
    expect(next.status, next.stderr).toBe(0)
    expect(next.stderr).not.toContain("Resuming")
    expect((await sim.stats()).sessionsCreated - before).toBe(2)
  })

  it("an API nobody listens on names its URL", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const { failed, outMade, next } = await failsCleanly(["--env", "simulator", "--api-url", closed])
    expect(failed.status, failed.stderr).toBe(2)
    expect(failed.stderr).toContain(`error: cannot use the token endpoint at ${closed}/`)
    expect(failed.stderr).toContain("ECONNREFUSED")
    expect(outMade).toBe(false)
    expect(next.stderr).not.toContain("Resuming")
  })

  it("an occupied --webhook-port names the port and suggests --webhook-port 0", async () => {
    const server = await new Promise<Server>((resolve, reject) => {
      const s = createServer()
      s.once("error", reject)
      s.listen(0, "127.0.0.1", () => resolve(s))
    })
    try {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      const { failed, outMade, next } = await failsCleanly(["--webhook-port", String(port)])
      expect(failed.status, failed.stderr).toBe(2)
      expect(failed.stderr).toContain(`error: --webhook-port ${port}: cannot listen on 127.0.0.1:${port}`)
      expect(failed.stderr).toContain("--webhook-port 0")
      expect(outMade).toBe(false)
      expect(next.stderr).not.toContain("Resuming")
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
