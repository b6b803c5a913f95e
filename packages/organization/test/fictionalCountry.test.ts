import { Writable } from "node:stream"
import { AdapterRegistry, AmlEngine, Errors, Wire } from "@nordscreen/core"
import { Effect, Either, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgXxAdapter, orgXyAdapter } from "./fixtures/orgXx.js"

// A synthetic Kvarts company number: 123456 and its mod-11 check digit.
const FIRMA = "1234560"
// A made-up Kvarts person number.
const PERSON = "KV010203123"
// The type-column words of the adapters registered together.
const words = Wire.rowVocabulary([orgXxAdapter, orgXyAdapter])

describe("a fictional country XX, added as one adapter: core and the organization package have never heard of it", () => {
  it("registers in the core AdapterRegistry next to another", async () => {
    const ids = await Effect.gen(function* () {
      const registry = yield* AdapterRegistry.makeAdapterRegistry([orgXyAdapter])
      yield* registry.register(orgXxAdapter)
      const found = yield* registry.get("org-xx")
      expect(found).toBe(orgXxAdapter)
      const conflict = yield* Effect.either(registry.register(orgXyAdapter))
      expect(Either.isLeft(conflict) && conflict.left).toBeInstanceOf(Errors.AdapterConflict)
      return (yield* registry.all).map((adapter) => adapter.id)
    }).pipe(Effect.runPromise)
    expect(ids).toEqual(["org-xy", "org-xx"])
  })

  it("is the one that claims a row in its own words, and its neighbour steps aside", () => {
    const own = Wire.portfolioRow({ type: "Kompanija", country: "Kvartsija", organizationNumber: FIRMA })
    expect(orgXxAdapter.claim(own, words)).toBe("explicit")
    expect(orgXyAdapter.claim(own, words)).toBe("no")
    const coded = Wire.portfolioRow({ type: "company", country: "XX", identifier: FIRMA })
    expect(orgXxAdapter.claim(coded, words)).toBe("explicit")
    expect(orgXyAdapter.claim(coded, words)).toBe("no")
    // Without a country column, the identifier's shape decides.
    expect(orgXxAdapter.claim(Wire.portfolioRow({ identifier: FIRMA }), words)).toBe("likely")
    expect(orgXxAdapter.claim(Wire.portfolioRow({ identifier: "923609016" }), words)).toBe("no")
    expect(
      orgXxAdapter.claim(Wire.portfolioRow({ country: "Ypsilonija", organizationNumber: FIRMA }), words)
    ).toBe("no")
  })

  it("parses rows with its own identifier rules and the shared row helpers", () => {
    const valid = orgXxAdapter.parseRow(
      Wire.portfolioRow({ country: "Kvarts", organizationNumber: `XX ${FIRMA}` }),
      "production"
    )
    expect(valid).toMatchObject({ _tag: "Valid", input: { identifier: FIRMA }, entityKey: `org-xx:${FIRMA}` })
    const invalid = orgXxAdapter.parseRow(Wire.portfolioRow({ organizationNumber: "1234561" }), "production")
    expect(invalid).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_CHECKSUM", field: "organizationNumber" }
    })
    expect(
      orgXxAdapter.parseRow(Wire.portfolioRow({ country: "XX", duns: "150483782" }), "production")
    ).toMatchObject({ input: { identifierType: "DUNS" } })
  })

  it("builds the request body for its own endpoint", () => {
    expect(orgXxAdapter.sessionPath).toBe("/organization/session/xx")
    expect(orgXxAdapter.requestBody({ identifier: FIRMA }, { expands: ["keyInformation", "aml"] })).toEqual({
      identifier: FIRMA,
      nationality: "XX",
      expands: ["keyInformation", "aml"],
      language: "en"
    })
  })

  it("decodes and summarizes its result with the shared element schemas", () => {
    const result = Schema.decodeUnknownSync(orgXxAdapter.resultSchema)({
      keyInformation: {
        name: "PRIMJER D.O.O.",
        organizationNumber: FIRMA,
        statusCodes: ["STECAJ_OTVOREN", "U_LIKVIDACIJI", "PREOBLIKOVANJE"],
        xxExtra: 1
      },
      aml: { sanctionResults: [{ name: "PRIMJER", matchIndicator: 300 }], status: "SANCTION" },
      ownership: { beneficials: [] }
    })
    expect(orgXxAdapter.summarize(result)).toMatchObject({
      name: "PRIMJER D.O.O.",
      // Its registry's words raise the shared flags; a code nobody has a word for is passed on, not dropped.
      flags: ["BANKRUPT", "UNDER_LIQUIDATION", "PREOBLIKOVANJE"],
      sanctions: { strongest: 300 },
      beneficialOwners: [],
      emptyElements: ["ownership.beneficials"]
    })
    // Its neighbour has no such words: the same codes stay codes there.
    expect(orgXyAdapter.summarize(result).flags).toEqual([
      "STECAJ_OTVOREN",
      "U_LIKVIDACIJI",
      "PREOBLIKOVANJE"
    ])
  })

  it("has its identity numbers redacted from the engine's log once it is registered, with no core change", async () => {
    const chunks: Array<string> = []
    const destination = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      }
    })
    const config = {
      env: {},
      flags: { env: "simulator", apiUrl: "http://127.0.0.1:9", keySecret: "fictional", webhookPort: 0 }
    }
    const logged = Effect.gen(function* () {
      yield* Effect.logInfo(`before: ${PERSON}`)
      const registry = yield* AdapterRegistry.AdapterRegistry
      yield* registry.register(orgXxAdapter)
      yield* Effect.logInfo(`looked up the owner ${PERSON} of ${FIRMA}`).pipe(
        Effect.annotateLogs({ owner: { osebnibroj: "anything", note: `KV ${PERSON}` } })
      )
    })
    await Effect.runPromise(
      Effect.scoped(
        Layer.build(AmlEngine.amlEngineLayer({ config, logging: { destination } })).pipe(
          Effect.flatMap((context) => Effect.provide(logged, context))
        )
      )
    )
    const [before, after] = chunks
    // Core alone knows no Kvarts number: only the registered adapter makes it one.
    expect(before).toContain(PERSON)
    expect(after).not.toContain(PERSON)
    expect(after).not.toContain("anything")
    expect(after).toContain(FIRMA)
    expect(after).toContain("[REDACTED-ID]")
  })
})
