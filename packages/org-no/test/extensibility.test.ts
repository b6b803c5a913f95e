import { AdapterConflict, makeAdapterRegistry, portfolioRow } from "@nordscreen/core"
import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { orgNoAdapter } from "../src/index.js"
import { orgDkAdapter } from "./fixtures/orgDk.js"

// A public company number (Novo Nordisk A/S), as the identifier docs use public numbers.
const CVR = "24256790"

describe("a fifth adapter (Danish organizations) added without touching core or the others", () => {
  it("registers in the core AdapterRegistry next to org-no", async () => {
    const ids = await Effect.gen(function* () {
      const registry = yield* makeAdapterRegistry([orgNoAdapter])
      yield* registry.register(orgDkAdapter)
      const found = yield* registry.get("org-dk")
      expect(found).toBe(orgDkAdapter)
      const conflict = yield* Effect.either(registry.register(orgNoAdapter))
      expect(Either.isLeft(conflict) && conflict.left).toBeInstanceOf(AdapterConflict)
      return (yield* registry.all).map((adapter) => adapter.id)
    }).pipe(Effect.runPromise)
    expect(ids).toEqual(["org-no", "org-dk"])
  })

  it("is the one that claims a Danish row, and org-no steps aside", () => {
    const row = portfolioRow({ type: "selskab", country: "Danmark", organizationNumber: CVR })
    expect(orgDkAdapter.claim(portfolioRow({ type: "company", country: "DK", identifier: CVR }))).toBe(
      "explicit"
    )
    expect(orgDkAdapter.claim(row)).toBe("explicit")
    expect(orgNoAdapter.claim(row)).toBe("no")
    expect(orgDkAdapter.claim(portfolioRow({ identifier: "923609016" }))).toBe("no")
  })

  it("parses rows with its own identifier rules and the shared row helpers", () => {
    const valid = orgDkAdapter.parseRow(portfolioRow({ organizationNumber: `DK ${CVR}` }), "production")
    expect(valid).toMatchObject({ _tag: "Valid", input: { identifier: CVR }, entityKey: `org-dk:${CVR}` })
    const invalid = orgDkAdapter.parseRow(portfolioRow({ organizationNumber: "24256791" }), "production")
    expect(invalid).toMatchObject({
      _tag: "Rejected",
      issue: { code: "E_CHECKSUM", field: "organizationNumber" }
    })
    expect(orgDkAdapter.parseRow(portfolioRow({ duns: "150483782" }), "production")).toMatchObject({
      input: { identifierType: "DUNS" }
    })
  })

  it("builds the request body for its own endpoint", () => {
    expect(orgDkAdapter.sessionPath).toBe("/organization/session/dk")
    expect(orgDkAdapter.requestBody({ identifier: CVR }, { expands: ["keyInformation", "aml"] })).toEqual({
      identifier: CVR,
      nationality: "DK",
      expands: ["keyInformation", "aml"],
      language: "en"
    })
  })

  it("decodes and summarizes its result with the shared element schemas", () => {
    const result = Schema.decodeUnknownSync(orgDkAdapter.resultSchema)({
      keyInformation: {
        name: "EKSEMPEL A/S",
        organizationNumber: CVR,
        statusCodes: ["UNDER_KONKURS"],
        cvrExtra: 1
      },
      aml: { sanctionResults: [{ name: "EKSEMPEL", matchIndicator: 300 }], status: "SANCTION" },
      ownership: { beneficials: [] }
    })
    expect(orgDkAdapter.summarize(result)).toMatchObject({
      name: "EKSEMPEL A/S",
      flags: ["BANKRUPT"],
      sanctions: { strongest: 300 },
      beneficialOwners: [],
      emptyElements: ["ownership.beneficials"]
    })
  })
})
