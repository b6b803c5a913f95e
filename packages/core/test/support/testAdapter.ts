import { fiIdentityNumbers, noIdentityNumbers, seIdentityNumbers } from "@nordscreen/identifiers"
import { Schema } from "effect"
import { type Adapter, type EntitySummary, Wire } from "../../src/index.js"

/**
 * A small org-no-like adapter that lives only in the tests: it proves that the core runs any
 * registered adapter without knowing a country.
 */
export interface TestOrgInput {
  readonly organizationNumber: string
}

const Nullable = <A, I>(schema: Schema.Schema<A, I>) => Schema.optional(Schema.NullOr(schema))

const Hit = Schema.Struct({
  name: Nullable(Schema.String),
  matchIndicator: Nullable(Schema.Number),
  source: Nullable(Schema.String)
})

export const TestOrgResult = Schema.Struct({
  keyInformation: Schema.Struct({
    name: Nullable(Schema.String),
    organizationNumber: Nullable(Schema.String),
    organizationType: Nullable(Schema.String),
    statusCodes: Nullable(Schema.Array(Schema.String))
  }),
  aml: Nullable(
    Schema.Struct({
      sanctionResults: Nullable(Schema.Array(Hit)),
      status: Nullable(Schema.String),
      metadata: Nullable(Schema.Struct({ sources: Nullable(Schema.Array(Schema.String)) }))
    })
  )
})
export type TestOrgResult = typeof TestOrgResult.Type

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]

const validOrgNo = (value: string): boolean => {
  if (!/^\d{9}$/.test(value)) return false
  const sum = WEIGHTS.reduce((acc, weight, index) => acc + weight * Number(value[index]), 0)
  const rest = sum % 11
  const check = rest === 0 ? 0 : 11 - rest
  return check !== 10 && check === Number(value[8])
}

const parseRow = (row: Adapter.PortfolioRow): Adapter.RowParse<TestOrgInput> => {
  const raw = (row.cells.organizationNumber ?? row.cells.identifier)?.text.replace(/\s/g, "") ?? ""
  if (!validOrgNo(raw))
    return {
      _tag: "Rejected",
      issue: {
        code: "E_CHECKSUM",
        field: "organizationNumber",
        message: `organization number ${raw} is invalid`
      },
      warnings: []
    }
  return {
    _tag: "Valid",
    input: { organizationNumber: raw },
    entityKey: `test-org:${raw}`,
    subject: raw,
    warnings: []
  }
}

const summarize = (result: TestOrgResult): EntitySummary.EntitySummary => {
  const hits = (result.aml?.sanctionResults ?? []).map((hit) => ({
    kind: "sanction" as const,
    name: hit.name ?? null,
    matchIndicator: hit.matchIndicator ?? null,
    list: hit.source ?? null,
    title: null,
    birthDate: null
  }))
  return {
    name: result.keyInformation.name ?? null,
    status: result.keyInformation.organizationType ?? null,
    flags: result.keyInformation.statusCodes ?? [],
    pep: null,
    sanctions:
      result.aml === undefined || result.aml === null
        ? null
        : {
            hits,
            strongest: hits.reduce<number | null>(
              (max, hit) => Math.max(max ?? 0, hit.matchIndicator ?? 0),
              null
            )
          },
    listsSearched: result.aml?.metadata?.sources ?? [],
    roles: null,
    beneficialOwners: null,
    emptyElements: []
  }
}

export const makeTestOrgAdapter = (
  reports: ReadonlyArray<string> = ["aml"]
): Adapter.Adapter<TestOrgInput, TestOrgResult> => ({
  id: "test-org",
  kind: "organization",
  country: "NO",
  // The identity numbers of three countries, so the logging tests can show each one redacted.
  facts: {
    countryWords: [],
    kindWords: [],
    identityNumbers: {
      patterns: [...fiIdentityNumbers.patterns, ...seIdentityNumbers.patterns, ...noIdentityNumbers.patterns],
      fieldNames: [
        ...noIdentityNumbers.fieldNames,
        ...seIdentityNumbers.fieldNames,
        ...fiIdentityNumbers.fieldNames
      ]
    },
    languages: ["en"]
  },
  sessionPath: "/organization/session/no",
  scopes: ["aml_organization/basic"],
  expands: { all: ["keyInformation", "aml"], defaults: ["keyInformation", "aml"] },
  reports: { all: ["aml", "certificate_of_incorporation"], defaults: reports },
  claim: (row) => (row.cells.organizationNumber === undefined ? "no" : "likely"),
  parseRow,
  inputSchema: Wire.fromWire(Schema.Struct({ organizationNumber: Schema.String })),
  describe: (input) => ({
    identifier: input.organizationNumber,
    identifierMasked: input.organizationNumber,
    name: null,
    country: "NO",
    kind: "organization"
  }),
  requestBody: (input, options) => ({
    identifier: input.organizationNumber,
    nationality: "NO",
    expands: [
      ...(options.expands ?? ["keyInformation", "aml"]),
      ...(options.reports ?? reports).map((report) => `links.reports.${report}`)
    ],
    language: options.language ?? "en"
  }),
  resultSchema: Wire.fromWire(TestOrgResult),
  summarize
})

export const testOrgAdapter = makeTestOrgAdapter()

/** A valid NO organization number for `n` (mod-11), distinct per n and away from the fixtures. */
export const orgNumber = (n: number): string => {
  for (let i = 0; i < 16; i++) {
    const stem = `9${String(2_000_000 + n * 16 + i).padStart(7, "0")}`
    const sum = WEIGHTS.reduce((acc, weight, index) => acc + weight * Number(stem[index]), 0)
    const rest = sum % 11
    const check = rest === 0 ? 0 : 11 - rest
    if (check !== 10) return `${stem}${check}`
  }
  return "910000012"
}
