import { readdirSync, readFileSync } from "node:fs"
import { variantDecodeFailures } from "@nordscreen/core/testing"
import { Wire } from "@nordscreen/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { adapterCases, organizationCases } from "./support/adapterCases.js"

// Responses recorded from the simulator, kept next to each adapter in packages/<adapter>/test/fixtures.
const recordedOf = (packageDir: string): ReadonlyArray<readonly [string, unknown]> => {
  const dir = new URL(`../../packages/${packageDir}/test/fixtures/`, import.meta.url)
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file): readonly [string, unknown] => [file, JSON.parse(readFileSync(new URL(file, dir), "utf8"))])
}

describe.each(adapterCases)("$id resultSchema", ({ adapter, packageDir, minRecorded }) => {
  const recorded = recordedOf(packageDir)

  it("has recorded simulator responses to decode", () => {
    expect(recorded.length).toBeGreaterThanOrEqual(minRecorded)
  })

  it.each(recorded)("decodes %s and every robustness variant of it", (_file, document) => {
    expect(variantDecodeFailures(adapter.resultSchema, document)).toEqual([])
  })

  it.each(recorded)("finds no unknown field in %s", (_file, document) => {
    expect(Wire.unknownFields(adapter.resultSchema, document)).toEqual([])
  })

  it("lists the fields it does not know, by path without array indexes", () => {
    const document = recorded[0]?.[1]
    const base = Wire.isRecord(document) ? document : {}
    const keyInformation = Wire.isRecord(base["keyInformation"]) ? base["keyInformation"] : {}
    const hit = { name: "A", addedInHit: true }
    const changed = {
      ...base,
      addedTopLevel: { nested: 1 },
      keyInformation: { ...keyInformation, addedKey: "x" },
      aml: { sanctionResults: [null, hit, { ...hit, addedInHit: false }], status: "SANCTION" }
    }
    expect(Wire.unknownFields(adapter.resultSchema, changed).slice().sort()).toEqual([
      "addedTopLevel",
      "aml.sanctionResults[].addedInHit",
      "keyInformation.addedKey"
    ])
  })
})

describe.each(organizationCases)(
  "$id organization result",
  ({ adapter, packageDir, fixtures, keyInformation }) => {
    const recorded = recordedOf(packageDir)
    const full = recorded.find(([file]) => file.endsWith("-clean-full.json"))?.[1]
    const decode = Schema.decodeUnknownSync(adapter.resultSchema)

    it("keeps the national fields and the national number format", () => {
      for (const [, document] of recorded) {
        expect(decode(document)).toMatchObject({ keyInformation: keyInformation(fixtures[0]!) })
      }
    })

    it("decodes every field of the full-expand response without loss", () => {
      expect(Schema.encodeSync(adapter.resultSchema)(decode(full))).toEqual(full)
    })

    it("summarizes with the shared organization summary", () => {
      const summary = adapter.summarize(decode(full))
      expect(full).toMatchObject({ keyInformation: { name: summary.name } })
      expect(summary.sanctions).toEqual({ hits: [], strongest: null })
      expect(summary.beneficialOwners?.length).toBeGreaterThan(0)
    })
  }
)
