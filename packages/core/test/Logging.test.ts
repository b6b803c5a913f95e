import { Writable } from "node:stream"
import type { Simulator } from "@nordscreen/simulator"
import { Effect, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AccessTokens, AdapterRegistry, AmlEngine, Logging } from "../src/index.js"
import { startTestSimulator, testSettings } from "./support/simulator.js"
import { outcomeTag, runWith, screenOrg } from "./support/run.js"
import { orgNumber, testOrgAdapter } from "./support/testAdapter.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})

/** Synthetic identity numbers (Tenor month + 80 / test ranges); none belongs to a person. */
const NO_ID = "01817012345"
const SE_ID = "19811218-9876"
const FI_ID = "131052-308T"

const capture = () => {
  const chunks: Array<string> = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    }
  })
  return { stream, text: () => chunks.join("") }
}

describe("Logging", () => {
  it("scrubs the adapters' identity numbers, tokens and Authorization values from text", () => {
    const text = Logging.scrubText(
      `fnr ${NO_ID} / ${NO_ID.slice(0, 6)} ${NO_ID.slice(6)} pnr ${SE_ID} hetu ${FI_ID} Bearer abc.def-ghi ` +
        "jwt eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln org 913579240 session 6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10",
      AdapterRegistry.redactionOf([testOrgAdapter])
    )
    for (const secret of [NO_ID, NO_ID.slice(6), SE_ID, FI_ID, "abc.def-ghi", "eyJhbGciOiJFUzI1NiJ9"])
      expect(text).not.toContain(secret)
    expect(text).toContain("913579240")
    expect(text).toContain("6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10")
  })

  it("without an adapter that names them, core redacts tokens but knows no identity number", () => {
    const text = Logging.scrubText(`fnr ${NO_ID} Bearer abc.def-ghi`)
    expect(text).toContain(NO_ID)
    expect(text).not.toContain("abc.def-ghi")
  })

  it("no secret, token or identity number of a registered adapter reaches the log of a run", async () => {
    const log = capture()
    const secret = "very-secret-client-secret"
    const clients = [{ clientId: "logging-client", clientSecret: secret }]
    await sim.stop()
    sim = await startTestSimulator({ clients })
    const settings = testSettings(sim, { clientId: "logging-client", clientSecret: Redacted.make(secret) })
    const token = await runWith(
      AmlEngine.amlEngineLayer({ settings, logging: { level: "trace", destination: log.stream } }),
      Effect.gen(function* () {
        const outcome = yield* screenOrg(orgNumber(400))
        expect(outcomeTag(outcome)).toBe("Done")
        yield* Effect.logInfo(`looked up ${NO_ID} for ${SE_ID} and ${FI_ID}`).pipe(
          Effect.annotateLogs({
            authorization: "Bearer leaked",
            headers: { authorization: "Basic c2VjcmV0" },
            person: { ssn: NO_ID, note: `id ${NO_ID}` },
            clientSecret: secret
          })
        )
        yield* Effect.logError("failed", new Error(`bad ssn ${NO_ID}`))
        const tokens = yield* AccessTokens.AccessTokens
        return Redacted.value(yield* tokens.get(["aml_organization/basic"]))
      })
    )
    const text = log.text()
    expect(text).toContain("session created")
    expect(
      text
        .split("\n")
        .filter((line) => line !== "")
        .every((line) => JSON.parse(line))
    ).toBe(true)
    for (const leaked of [
      secret,
      token,
      token.split(".")[1] ?? token,
      NO_ID,
      SE_ID,
      FI_ID,
      "leaked",
      "c2VjcmV0"
    ])
      expect(text).not.toContain(leaked)
  })
})

describe("log level names", () => {
  it("map Effect's levels to pino's and back", () => {
    const names: ReadonlyArray<Logging.LogLevelName> = [
      "trace",
      "debug",
      "info",
      "warn",
      "error",
      "fatal",
      "silent"
    ]
    expect(names.map((name) => Logging.logLevelNameOf(Logging.logLevelOf(name)))).toEqual(names)
  })
})
