// Every setting of the root README's "Configuration" table works as the flag and as the
// environment variable the table names (issue 12 part 6). The table is read from the README, so
// the test follows it: a row added there without a flag, or a flag renamed, fails here.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Command } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { AmlConfig } from "@nordscreen/core"
import { Effect, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { apiFlags } from "../src/cli/screenAction.js"
import { type ScreenArgs, screenConfig } from "../src/cli/screenOptions.js"

const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8")

/** Rows of the table whose header is `| setting | flag | environment variable |`. */
const settingsTable = (): ReadonlyArray<{ setting: string; flag: string; envVar: string }> => {
  const lines = readme.split("\n")
  const header = lines.findIndex((l) => /^\|\s*setting\s*\|\s*flag\s*\|\s*environment variable\s*\|/.test(l))
  if (header < 0) throw new Error("README.md has no settings table")
  const rows: Array<{ setting: string; flag: string; envVar: string }> = []
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break
    const [setting = "", flag = "", envVar = ""] = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/^`|`$/g, ""))
    rows.push({ setting, flag, envVar })
  }
  return rows
}

/** `--token-url` → `tokenUrl`, the key core AmlConfig reads. */
const keyOf = (flag: string): string =>
  flag.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** A wire profile file that changes one field of the environment's built-in profile. */
const profileFile = join(mkdtempSync(join(tmpdir(), "nordscreen-settings-")), "profile.json")
writeFileSync(profileFile, JSON.stringify({ personShape: "nested" }))

/**
 * A value each setting accepts, how to read it back from the settings, and what that reads
 * (the value itself unless given).
 */
const samples: Readonly<Record<string, readonly [string, (s: AmlConfig.AmlSettings) => unknown, unknown?]>> =
  {
    env: ["preprod", (s) => s.environment],
    apiUrl: ["https://aml.example.test", (s) => s.apiUrl],
    issuer: ["https://auth.example.test/realms/x", (s) => s.issuer],
    tokenUrl: ["https://auth.example.test/realms/x/token", (s) => s.tokenUrl],
    clientId: ["client-from-table", (s) => s.clientId],
    clientSecret: ["secret-from-table", (s) => Redacted.value(s.clientSecret)],
    scopes: ["aml_person/basic aml_organization/basic", (s) => s.scopes?.join(" ")],
    // preprod's built-in profile is `bankid`: reading `simulator` back shows the setting took.
    wireProfile: ["simulator", (s) => s.wireProfile?.name],
    wireProfileFile: [profileFile, (s) => s.wireProfile?.personShape, "nested"]
  }

/** Credentials for the other rows, since preprod needs them (a row's own value wins). */
const BASE_ENV = { NORDSCREEN_CLIENT_ID: "base-id", NORDSCREEN_CLIENT_SECRET: "base-secret" }

/** The arguments `nordscreen screen` parses from `argv`, with the real option definitions. */
const parse = (argv: ReadonlyArray<string>): Promise<ScreenArgs> => {
  let parsed: ScreenArgs | undefined
  const command = Command.make("screen", screenConfig, (args) =>
    Effect.sync(() => {
      parsed = args
    })
  )
  return Effect.runPromise(
    Command.run(command, { name: "screen", version: "0" })(["node", "screen", "portfolio.csv", ...argv]).pipe(
      Effect.provide(NodeContext.layer)
    )
  ).then(() => {
    if (parsed === undefined) throw new Error(`not parsed: ${argv.join(" ")}`)
    return parsed
  })
}

const read = (sources: AmlConfig.ConfigSources) => Effect.runPromise(AmlConfig.readAmlSettings(sources))

describe("README settings table", () => {
  const rows = settingsTable()

  it("lists the API settings, --token-url and --scopes among them", () => {
    expect(rows.map((r) => r.flag)).toEqual(
      expect.arrayContaining(["--env", "--api-url", "--token-url", "--scopes"])
    )
  })

  it.each(rows)("$flag ($setting) is a flag of screen and reaches the settings", async ({ flag }) => {
    const key = keyOf(flag)
    const sample = samples[key]
    if (sample === undefined) throw new Error(`no sample value for ${key}: add one to this test`)
    const [value, readBack, expected = value] = sample
    const flags = apiFlags(await parse([flag, value]))
    expect(flags).toMatchObject({ [key]: value })
    expect(readBack(await read({ flags, env: BASE_ENV }))).toBe(expected)
  })

  it.each(rows)("$envVar ($setting) is the environment variable of $flag", async ({ flag, envVar }) => {
    const key = keyOf(flag)
    expect(AmlConfig.envName(key)).toBe(envVar)
    const [value, readBack, expected = value] = samples[key] ?? ["", () => undefined]
    expect(readBack(await read({ flags: {}, env: { ...BASE_ENV, [envVar]: value } }))).toBe(expected)
  })

  it("a flag wins over its environment variable", async () => {
    const flags = apiFlags(await parse(["--token-url", "https://flag.example.test/token"]))
    const settings = await read({ flags, env: { NORDSCREEN_TOKEN_URL: "https://env.example.test/token" } })
    expect(settings.tokenUrl).toBe("https://flag.example.test/token")
  })
})
