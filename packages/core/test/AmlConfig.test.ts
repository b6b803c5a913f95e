import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { AmlConfig, AmlHttp, Errors } from "../src/index.js"
import { startTestSimulator } from "./support/simulator.js"

const configFile = (content: unknown): string => {
  const dir = mkdtempSync(join(tmpdir(), "nordscreen-config-"))
  const file = join(dir, "config.json")
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content))
  return file
}

const read = (sources: Parameters<typeof AmlConfig.readAmlSettings>[0]) =>
  Effect.runPromise(AmlConfig.readAmlSettings(sources))
const readError = (sources: Parameters<typeof AmlConfig.readAmlSettings>[0]) =>
  Effect.runPromise(Effect.either(AmlConfig.readAmlSettings(sources))).then((result) =>
    Either.isLeft(result) ? result.left : undefined
  )

describe("AmlConfig", () => {
  it("names environment variables after the camelCase setting", () => {
    expect(AmlConfig.envName("apiUrl")).toBe("NORDSCREEN_API_URL")
    expect(AmlConfig.envName("clientSecret")).toBe("NORDSCREEN_CLIENT_SECRET")
    expect(AmlConfig.envName("env")).toBe("NORDSCREEN_ENV")
  })

  it("takes flags over environment over file over defaults", async () => {
    const file = configFile({ apiUrl: "http://file.example", clientId: "from-file", maxAttempts: 7, rate: 9 })
    const settings = await read({
      file,
      env: { NORDSCREEN_API_URL: "http://env.example", NORDSCREEN_CLIENT_ID: "from-env" },
      flags: { apiUrl: "http://flag.example/" }
    })
    expect(settings.apiUrl).toBe("http://flag.example")
    expect(settings.clientId).toBe("from-env")
    expect(settings.retry.maxAttempts).toBe(7)
    expect(settings.rate.requestsPerSecond).toBe(9)
    expect(settings.timeouts.requestMs).toBe(30_000)
    expect(settings.environment).toBe("simulator")
  })

  it("reads the config file named by NORDSCREEN_CONFIG", async () => {
    const file = configFile({ scopes: ["aml_organization/basic", "aml_organization/OFAC"] })
    const settings = await read({ env: { NORDSCREEN_CONFIG: file } })
    expect(settings.scopes).toEqual(["aml_organization/basic", "aml_organization/OFAC"])
  })

  it("keeps the client secret redacted", async () => {
    const settings = await read({ env: { NORDSCREEN_CLIENT_SECRET: "s3cr3t-value" } })
    expect(Redacted.value(settings.clientSecret)).toBe("s3cr3t-value")
    expect(String(settings.clientSecret)).not.toContain("s3cr3t")
    expect(JSON.stringify(settings)).not.toContain("s3cr3t")
  })

  it("requires credentials outside the simulator and names the missing setting", async () => {
    const error = await readError({ env: { NORDSCREEN_ENV: "prod", NORDSCREEN_CLIENT_ID: "merchant" } })
    expect(error).toBeInstanceOf(Errors.AmlConfigError)
    expect(error?.setting).toBe("clientSecret (env NORDSCREEN_CLIENT_SECRET)")
  })

  it("names a malformed setting and its value, once", async () => {
    const error = await readError({ env: { NORDSCREEN_AUTH_METHOD: "magic" } })
    expect(error?.setting).toContain("NORDSCREEN_AUTH_METHOD")
    expect(error?.message).toContain('"magic"')
    const badUrl = await readError({ flags: { apiUrl: "not a url" } })
    expect(badUrl?.setting).toBe("apiUrl (env NORDSCREEN_API_URL)")
    const badNumber = await readError({ env: { NORDSCREEN_MAX_ATTEMPTS: "often" } })
    expect(badNumber?.setting).toContain("maxAttempts")
  })

  it("reports an unreadable or malformed config file", async () => {
    const missing = await readError({ file: "/nonexistent/nordscreen.json" })
    expect(missing?.setting).toContain("config")
    const malformed = await readError({ file: configFile("{ not json") })
    expect(malformed?.reason).toContain("not a JSON object")
  })

  it("never echoes a malformed secret", async () => {
    const error = await readError({ env: { NORDSCREEN_ENV: "preprod", NORDSCREEN_CLIENT_SECRET: "abc" } })
    expect(error?.setting).toContain("clientId")
    expect(error?.message).not.toContain("abc")
  })

  it("says which settings were given and which are defaults", async () => {
    const file = configFile({ webhook: false, rate: 9 })
    const settings = await read({
      file,
      env: { NORDSCREEN_CLIENT_ID: "from-env", NORDSCREEN_ISSUER: "  " },
      flags: { apiUrl: "http://flag.example", webhookPort: undefined }
    })
    expect([...settings.provided].sort()).toEqual(["apiUrl", "clientId", "rate", "webhook"])
    expect(settings.webhook.enabled).toBe(false)
    expect((await read({ env: {} })).provided.size).toBe(0)
  })

  it("finds a simulator's token endpoint under the API URL it was given", async () => {
    const sim = await startTestSimulator()
    try {
      const resolve = (flags: Record<string, string>) =>
        Effect.runPromise(
          AmlConfig.readAmlSettings({ env: {}, flags: { env: "simulator", ...flags } }).pipe(
            Effect.flatMap(AmlConfig.resolveEndpoints),
            Effect.provide(AmlHttp.nodeHttpClientLayer)
          )
        )
      const settings = await resolve({ apiUrl: sim.url })
      expect(settings.tokenUrl).toBe(sim.tokenUrl)
      expect(settings.issuer).toBe(sim.issuer)
      // The derived endpoint is real: it hands out a token.
      const token = await fetch(settings.tokenUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa("simulator-client:simulator-secret")}`,
          "content-type": "application/x-www-form-urlencoded"
        },
        body: "grant_type=client_credentials&scope=aml_organization%2Fbasic"
      })
      expect(token.status).toBe(200)
      const explicit = await resolve({ apiUrl: sim.url, tokenUrl: "http://127.0.0.1:9/token" })
      expect(explicit.tokenUrl).toBe("http://127.0.0.1:9/token")
      const preset = await resolve({})
      expect(preset.tokenUrl).toBe("http://127.0.0.1:4010/auth/realms/sim/protocol/openid-connect/token")
    } finally {
      await sim.stop()
    }
  })

  it("resolves the API and token URLs from an issuer alone by OIDC discovery", async () => {
    const sim = await startTestSimulator()
    try {
      const settings = await Effect.runPromise(
        AmlConfig.readAmlSettings({ env: {}, flags: { env: "simulator", issuer: sim.issuer } }).pipe(
          Effect.flatMap(AmlConfig.resolveEndpoints),
          Effect.provide(AmlHttp.nodeHttpClientLayer)
        )
      )
      expect(settings.issuer).toBe(sim.issuer)
      // `aml-baseurl` and `token_endpoint` of the simulator's discovery document.
      expect(settings.apiUrl).toBe(sim.url.replace(/\/+$/, ""))
      expect(settings.tokenUrl).toBe(sim.tokenUrl)
      const missing = await Effect.runPromise(
        AmlConfig.readAmlSettings({
          env: {},
          flags: { env: "simulator", issuer: `${sim.url}/auth/realms/none` }
        }).pipe(
          Effect.flatMap(AmlConfig.resolveEndpoints),
          Effect.provide(AmlHttp.nodeHttpClientLayer),
          Effect.flip
        )
      )
      expect(missing).toBeInstanceOf(Errors.AmlConfigError)
      expect(missing.setting).toContain("issuer")
    } finally {
      await sim.stop()
    }
  })
})
