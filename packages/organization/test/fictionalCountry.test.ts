import { AdapterConflict, makeAdapterRegistry, portfolioRow } from "@nordscreen/core"
import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgXxAdapter, orgXyAdapter } from "./fixtures/orgXx.js"

// A synthetic Kvarts company number: 123456 and its mod-11 check digit.
const FIRMA = "1234560"

describe("a fifth adapter, for a country core has never heard of, added without touching core or the others", () => {
  it("registers in the core AdapterRegistry next to another", async () => {
    const ids = await Effect.gen(function* () {
      const registry = yield* makeAdapterRegistry([orgXyAdapter])
      yield* registry.register(orgXxAdapter)
      const found = yield* registry.get("org-xx")
      expect(found).toBe(orgXxAdapter)
      const conflict = yield* Effect.either(registry.register(orgXyAdapter))
      expect(Either.isLeft(conflict) && conflict.left).toBeInstanceOf(AdapterConflict)
      return (yield* registry.all).map((adapter) => adapter.id)
    }).pipe(Effect.runPromise)
    expect(ids).toEqual(["org-xy", "org-xx"])
  })

  it("is the one that claims a row in its own words, and its neighbour steps aside", () => {
    const own = portfolioRow({ type: "Kompanija", country: "Kvartsija", organizationNumber: FIRMA })
    expect(orgXxAdapter.claim(own)).toBe("explicit")
    expect(orgXyAdapter.claim(own)).toBe("no")
    const coded = portfolioRow({ type: "company", country: "XX", identifier: FIRMA })
    expect(orgXxAdapter.claim(coded)).toBe("explicit")
    expect(orgXyAdapter.claim(coded)).toBe("no")
    // Without a country column, the identifier's shape decides.
    expect(orgXxAdapter.claim(portfolioRow({ identifier: FIRMA }))).toBe("likely")
    expect(orgXxAdapter.claim(portfolioRow({ identifier: "923609016" }))).toBe("no")
    expect(orgXxAdapter.claim(portfolioRow({ country: "Ypsilonija", organizationNumber: FIRMA }))).toBe("no")
  })

  it("parses rows with its own identifier rules and the shared row helpers", () => {
    const valid = orgXxAdapter.parseRow(
      portfolioRow({ country: "Kvarts", organizationNumber: `XX ${FIRMA}` }),
      "production"
    )
    expect(valid).toMatchObject({ _tag: "Valid", input: { identifier: FIRMA }, entityKey: `org-xx:${FIRMA}` })
    const invalid = orgXxAdapter.parseRow(portfolioRow({ organizationNumber: "1234561" }), "production")
    expect(invalid).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_CHECKSUM", field: "organizationNumber" }
    })
    expect(
      orgXxAdapter.parseRow(portfolioRow({ country: "XX", duns: "150483782" }), "production")
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
        statusCodes: ["STECAJ_OTVOREN", "BANKRUPT"],
        xxExtra: 1
      },
      aml: { sanctionResults: [{ name: "PRIMJER", matchIndicator: 300 }], status: "SANCTION" },
      ownership: { beneficials: [] }
    })
    expect(orgXxAdapter.summarize(result)).toMatchObject({
      name: "PRIMJER D.O.O.",
      // A status code core has no word for is passed on as it is, not dropped.
      flags: ["STECAJ_OTVOREN", "BANKRUPT"],
      sanctions: { strongest: 300 },
      beneficialOwners: [],
      emptyElements: ["ownership.beneficials"]
    })
  })
})
