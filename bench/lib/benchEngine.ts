// What the engine benchmarks share: a minimal adapter, synthetic organization numbers, settings.
import type * as Core from "@nordscreen/core"
import type { Adapter, EntitySummary } from "@nordscreen/core"
import { Schema } from "effect"

/** The webhook events the engine subscribes to; the transport floor asks for the same. */
export const ENGINE_EVENTS: ReadonlyArray<string> = ["JsonDataReady", "ReportReady", "Failed"]

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]

/** The n-th valid synthetic NO organization number (9xxxxxxxx, mod 11), n < 437,500. */
export const orgNumber = (n: number): string => {
  for (let i = 0; i < 16; i++) {
    const stem = `9${String(3_000_000 + n * 16 + i).padStart(7, "0")}`
    const rest = WEIGHTS.reduce((acc, w, index) => acc + w * Number(stem[index]), 0) % 11
    const check = rest === 0 ? 0 : 11 - rest
    if (check !== 10) return `${stem}${check}`
  }
  return "910000012"
}

const summary = (name: string | null): EntitySummary.EntitySummary => ({
  name,
  status: null,
  flags: [],
  pep: null,
  sanctions: null,
  listsSearched: [],
  roles: null,
  beneficialOwners: null,
  emptyElements: []
})

export interface BenchResult {
  readonly keyInformation: { readonly name?: string | null }
}

/**
 * A minimal NO organization adapter with one PDF (aml), built from the given build of the core
 * (so that two builds can be compared in one process).
 */
export const makeBenchAdapter = (
  core: typeof Core
): Adapter.Adapter<{ readonly number: string }, BenchResult> => ({
  id: "bench-org",
  kind: "organization",
  country: "NO",
  facts: {
    countryWords: [],
    kindWords: [],
    identityNumbers: { patterns: [], fieldNames: [] },
    languages: ["en"]
  },
  sessionPath: "/organization/session/no",
  scopes: ["aml_organization/basic"],
  expands: { all: ["keyInformation"], defaults: ["keyInformation"] },
  reports: { all: ["aml"], defaults: ["aml"] },
  claim: () => "no",
  parseRow: () => ({
    _tag: "Rejected",
    issue: { code: "E_EMPTY", field: undefined, message: "" },
    warnings: []
  }),
  inputSchema: core.Wire.fromWire(Schema.Struct({ number: Schema.String })),
  describe: (input) => ({
    identifier: input.number,
    identifierMasked: input.number,
    name: null,
    country: "NO",
    kind: "organization"
  }),
  requestBody: (input) => ({
    identifier: input.number,
    nationality: "NO",
    expands: ["keyInformation", "links.reports.aml"]
  }),
  resultSchema: core.Wire.fromWire(
    core.Wire.WireStruct({ keyInformation: core.Wire.WireStruct({ name: core.Wire.opt(Schema.String) }) })
  ),
  summarize: (result) => summary(result.keyInformation.name ?? null)
})

/** Engine settings as flags (the CLI's way); the environment is ignored for a clean run. */
export const engineConfig = (url: string, tokenUrl: string, rps: number | undefined) => ({
  env: {},
  flags: {
    env: "simulator",
    apiUrl: url,
    tokenUrl,
    rate: rps ?? "adaptive",
    burst: 1,
    maxInFlight: 128,
    keySecret: "bench",
    webhookPort: 0
  }
})
