import { type Adapter, Wire } from "@nordscreen/core"
import { Schema } from "effect"

/**
 * A minimal adapter for planner tests: takes rows whose identifier starts with `prefix`, rejects
 * `BAD` values, throws on `THROW` (to prove one broken row does not stop the batch).
 */
export const testAdapter = (
  id: string,
  prefix: string
): Adapter.Adapter<{ readonly id: string }, unknown> => ({
  id,
  kind: "organization",
  country: "XX",
  facts: {
    countryWords: [],
    kindWords: [],
    identityNumbers: { patterns: [], fieldNames: [] },
    languages: ["en"]
  },
  sessionPath: `/test/${id}`,
  scopes: [],
  expands: { all: [], defaults: [] },
  reports: { all: [], defaults: [] },
  claim: (row: Adapter.PortfolioRow) =>
    row.cells.identifier?.text.startsWith(prefix) === true ? "likely" : "no",
  inputSchema: Wire.fromWire(Schema.Struct({ id: Schema.String })),
  parseRow: (row) => {
    const text = row.cells.identifier?.text ?? ""
    if (text.includes("THROW")) throw new Error("boom")
    if (text.includes("BAD"))
      return {
        _tag: "Rejected",
        issue: { code: "E_CHECKSUM", field: "identifier", message: "bad" },
        warnings: []
      }
    return {
      _tag: "Valid",
      input: { id: text },
      entityKey: `${id}:${text}`,
      subject: text,
      warnings: text.includes("WARN") ? [{ code: "W_TEST", field: "identifier", message: "warned" }] : []
    }
  },
  describe: (input) => ({
    identifier: input.id,
    identifierMasked: input.id,
    name: null,
    country: "XX",
    kind: "organization"
  }),
  requestBody: () => ({}),
  resultSchema: Schema.Unknown,
  summarize: () => ({
    name: null,
    status: null,
    flags: [],
    pep: null,
    sanctions: null,
    listsSearched: [],
    roles: null,
    beneficialOwners: null,
    emptyElements: []
  })
})

export const row = (rowNumber: number, cells: Readonly<Record<string, string>>) => ({
  row: {
    file: "portfolio.csv",
    rowNumber,
    cells: Object.fromEntries(
      Object.entries(cells).map(([field, text]) => [field, { text, numeric: false }])
    ),
    columns: Object.fromEntries(Object.keys(cells).map((field) => [field, `Col ${field}`]))
  },
  issue: undefined
})
