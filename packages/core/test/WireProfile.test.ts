import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { AmlConfig, Lookup, WireProfile } from "../src/index.js"
import { makeTestOrgAdapter } from "./support/testAdapter.js"

const profileFile = (content: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), "nordscreen-profile-")), "profile.json")
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content))
  return file
}

const secrets = { NORDSCREEN_CLIENT_ID: "c", NORDSCREEN_CLIENT_SECRET: "s" }
const profileOf = (flags: Record<string, string>, env: Record<string, string> = {}) =>
  Effect.runPromise(AmlConfig.readAmlSettings({ env: { ...secrets, ...env }, flags })).then(
    AmlConfig.wireProfileOf
  )

describe("WireProfile", () => {
  it("is simulator for the simulator and bankid for preprod and prod unless a setting says otherwise", async () => {
    expect((await profileOf({ env: "simulator" })).name).toBe("simulator")
    expect((await profileOf({ env: "preprod" })).name).toBe("bankid")
    expect(await profileOf({ env: "prod" })).toEqual(WireProfile.BUILT_IN_PROFILES.bankid)
    expect((await profileOf({ env: "preprod", wireProfile: "simulator" })).name).toBe("simulator")
    expect((await profileOf({ env: "prod" }, { NORDSCREEN_WIRE_PROFILE: "simulator" })).name).toBe(
      "simulator"
    )
    // Settings built by hand have none: the environment's built-in.
    expect(AmlConfig.wireProfileOf({ environment: "preprod" }).name).toBe("bankid")
  })

  it("the bankid profile sends only what the guides name", () => {
    expect(WireProfile.BUILT_IN_PROFILES.bankid).toMatchObject({
      personFullName: "split",
      personCountry: false,
      sendNationality: false,
      sendIdentifierType: false,
      sendReference: false,
      expandSpellings: { lei: "keyInformation.lei" }
    })
  })

  it("lays a file's fields over the built-in the file (or the setting) names", async () => {
    const nested = profileFile({ personShape: "nested", pdfSelection: "both" })
    expect(await profileOf({ env: "preprod", wireProfileFile: nested })).toEqual({
      ...WireProfile.BUILT_IN_PROFILES.bankid,
      personShape: "nested",
      pdfSelection: "both",
      name: `bankid + ${nested}`
    })
    const onSimulator = profileFile({ name: "simulator", sendReference: false })
    expect(await profileOf({ env: "prod", wireProfileFile: onSimulator })).toEqual({
      ...WireProfile.BUILT_IN_PROFILES.simulator,
      sendReference: false
    })
  })

  it.each([
    [{ personShape: "deep" }, "personShape"],
    [{ sendReferense: true }, "sendReferense"],
    ["not json", "wireProfileFile"]
  ])("refuses %j, naming the field", (content, named) => {
    const resolved = WireProfile.resolveWireProfile({ base: "bankid", file: profileFile(content) })
    expect(Either.isLeft(resolved) && resolved.left.message).toContain(named)
  })

  it("refuses an unknown built-in and an unreadable file", () => {
    expect(Either.isLeft(WireProfile.resolveWireProfile({ base: "real" }))).toBe(true)
    const missing = WireProfile.resolveWireProfile({ base: "bankid", file: "/nonexistent/profile.json" })
    expect(Either.isLeft(missing) && missing.left.message).toContain("cannot read")
  })
})

describe("expands the service decides", () => {
  const adapter = makeTestOrgAdapter(["aml"])
  const known = adapter.expands.all[1] ?? "aml"

  it("sends an unknown expand with a warning, and a did-you-mean for a near miss", () => {
    const prepared = Lookup.prepareLookup(
      adapter,
      { organizationNumber: "923609016" },
      { expands: [`${known}x`, "somethingNew"] },
      "test"
    )
    expect(Either.isRight(prepared)).toBe(true)
    if (Either.isLeft(prepared)) return
    expect(prepared.right.request.expands).toEqual([`${known}x`, "somethingNew"])
    expect(prepared.right.warnings.map((w) => w.code)).toEqual(["W_UNKNOWN_EXPAND", "W_UNKNOWN_EXPAND"])
    expect(prepared.right.warnings[0]?.message).toContain(`did you mean "${known}"?`)
    expect(prepared.right.warnings[1]?.message).not.toContain("did you mean")
  })
})
