import { AdapterConflict, makeAdapterRegistry, portfolioRow } from "@nordscreen/core"
import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgNoAdapter } from "../src/index.js"
import { orgQzAdapter } from "./fixtures/orgQz.js"

// A synthetic Kvarts company number: 123456 and its mod-11 check digit.
const FIRMA = "1234560"

describe("a fifth adapter, for a country core has never heard of, added without touching core or the others", () => {
  it("registers in the core AdapterRegistry next to org-no", async () => {
    const ids = await Effect.gen(function* () {
      const registry = yield* makeAdapterRegistry([orgNoAdapter])
      yield* registry.register(orgQzAdapter)
      const found = yield* registry.get("org-qz")
      expect(found).toBe(orgQzAdapter)
      const conflict = yield* Effect.either(registry.register(orgNoAdapter))
      expect(Either.isLeft(conflict) && conflict.left).toBeInstanceOf(AdapterConflict)
      return (yield* registry.all).map((adapter) => adapter.id)
    }).pipe(Effect.runPromise)
    expect(ids).toEqual(["org-no", "org-qz"])
  })

  it("is the one that claims a row in its own words, and org-no steps aside", () => {
    const own = portfolioRow({ type: "Kompanija", country: "Kvartsija", organizationNumber: FIRMA })
    expect(orgQzAdapter.claim(own)).toBe("explicit")
    expect(orgNoAdapter.claim(own)).toBe("no")
    const coded = portfolioRow({ type: "company", country: "QZ", identifier: FIRMA })
    expect(orgQzAdapter.claim(coded)).toBe("explicit")
    expect(orgNoAdapter.claim(coded)).toBe("no")
    // Without a country column, the identifier's shape decides.
    expect(orgQzAdapter.claim(portfolioRow({ identifier: FIRMA }))).toBe("likely")
    expect(orgQzAdapter.claim(portfolioRow({ identifier: "923609016" }))).toBe("no")
    expect(orgQzAdapter.claim(portfolioRow({ country: "Norge", organizationNumber: FIRMA }))).toBe("no")
  })

  it("parses rows with its own identifier rules and the shared row helpers", () => {
    const valid = orgQzAdapter.parseRow(
      portfolioRow({ country: "Kvarts", organizationNumber: `QZ ${FIRMA}` }),
      "production"
    )
    expect(valid).toMatchObject({ _tag: "Valid", input: { identifier: FIRMA }, entityKey: `org-qz:${FIRMA}` })
    const invalid = orgQzAdapter.parseRow(portfolioRow({ organizationNumber: "1234561" }), "production")
    expect(invalid).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_CHECKSUM", field: "organizationNumber" }
    })
    expect(
      orgQzAdapter.parseRow(portfolioRow({ country: "QZ", duns: "150483782" }), "production")
    ).toMatchObject({ input: { identifierType: "DUNS" } })
  })

  it("builds the request body for its own endpoint", () => {
    expect(orgQzAdapter.sessionPath).toBe("/organization/session/qz")
    expect(orgQzAdapter.requestBody({ identifier: FIRMA }, { expands: ["keyInformation", "aml"] })).toEqual({
      identifier: FIRMA,
      nationality: "QZ",
      expands: ["keyInformation", "aml"],
      language: "en"
    })
  })

  it("decodes and summarizes its result with the shared element schemas", () => {
    const result = Schema.decodeUnknownSync(orgQzAdapter.resultSchema)({
      keyInformation: {
        name: "PRIMJER D.O.O.",
        organizationNumber: FIRMA,
        statusCodes: ["STECAJ_OTVOREN", "BANKRUPT"],
        qzExtra: 1
      },
      aml: { sanctionResults: [{ name: "PRIMJER", matchIndicator: 300 }], status: "SANCTION" },
      ownership: { beneficials: [] }
    })
    expect(orgQzAdapter.summarize(result)).toMatchObject({
      name: "PRIMJER D.O.O.",
      // A status code core has no word for is passed on as it is, not dropped.
      flags: ["STECAJ_OTVOREN", "BANKRUPT"],
      sanctions: { strongest: 300 },
      beneficialOwners: [],
      emptyElements: ["ownership.beneficials"]
    })
  })
})
