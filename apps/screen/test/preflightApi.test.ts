import { existsSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { join } from "node:path"
import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { Context, Effect, Layer, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Journal, journalLayer } from "../src/journal/Journal.js"
import { runScreen } from "../src/run/runScreen.js"
import { tempDir } from "./helpers.js"
import { range, screenOptions, sha, writePortfolio } from "./screenHelpers.js"

const dir = tempDir()
let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 20, reportDelayMs: 20 })
})
afterAll(async () => {
  await sim.stop()
})

const listen = (port = 0): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () => resolve(server))
  })
const portOf = (server: Server): number => {
  const address = server.address()
  return typeof address === "object" && address !== null ? address.port : 0
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

/** The run of `portfolio` the journal holds as unfinished (planning, running, interrupted). */
const unfinishedRun = (workspace: string, portfolio: string) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
        Context.get(ctx, Journal).findUnfinished(sha(portfolio))
      )
    )
  )

/** Runs `screen` with the given engine flags and returns its failure (or the result). */
const screenWith = async (name: string, flags: Record<string, string | number>) => {
  const portfolio = writePortfolio(dir, `${name}.csv`, range(1, 4))
  const workspace = join(dir, `ws-${name}`)
  const outRoot = join(dir, `out-${name}`)
  const before = (await sim.stats()).sessionsCreated
  const apiUrl = typeof flags["apiUrl"] === "string" ? flags["apiUrl"] : sim.url
  const result = await Effect.runPromise(
    Effect.either(runScreen(screenOptions(apiUrl, outRoot, portfolio, workspace, {}, flags)))
  )
  return {
    error: result._tag === "Left" ? result.left : undefined,
    sessions: (await sim.stats()).sessionsCreated - before,
    unfinished: Option.isSome(await unfinishedRun(workspace, portfolio)),
    runDirMade: existsSync(outRoot)
  }
}

describe("start-up checks before any entity is tried", () => {
  it("a wrong client secret is one configuration error naming the token URL, never the secret", async () => {
    const outcome = await screenWith("secret", {
      clientId: "simulator-client",
      clientSecret: "not-the-secret-3141"
    })
    expect(outcome.error?._tag).toBe("ApiUnusable")
    expect(outcome.error?.message).toContain(`${sim.url}/`)
    // BankID answers a wrong secret with 400 invalid_client (§16.8), and so does the simulator.
    expect(outcome.error?.message).toContain("the client credentials were refused (HTTP 400 invalid_client")
    expect(outcome.error?.message).toContain("check the client id and secret")
    expect(outcome.error?.message).not.toContain("not-the-secret-3141")
    expect(outcome).toMatchObject({ sessions: 0, unfinished: false, runDirMade: false })
  })

  it("an API nobody listens on is one configuration error naming its URL", async () => {
    const server = await listen()
    const closed = `http://127.0.0.1:${portOf(server)}`
    await close(server)
    const outcome = await screenWith("closed", { apiUrl: closed, maxAttempts: 1 })
    expect(outcome.error?._tag).toBe("ApiUnusable")
    expect(outcome.error?.message).toContain(closed)
    expect(outcome).toMatchObject({ sessions: 0, unfinished: false, runDirMade: false })
  })

  it("an occupied --webhook-port names the port, suggests another, and records no run", async () => {
    const server = await listen()
    try {
      const port = portOf(server)
      const outcome = await screenWith("port", { webhookPort: port })
      expect(outcome.error?._tag).toBe("WebhookPortUnavailable")
      expect(outcome.error?.message).toContain(`127.0.0.1:${port}`)
      expect(outcome.error?.message).toContain("--webhook-port 0")
      expect(outcome).toMatchObject({ sessions: 0, unfinished: false, runDirMade: false })
    } finally {
      await close(server)
    }
  })
})
