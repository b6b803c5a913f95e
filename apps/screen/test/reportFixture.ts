import type { EntitySummary } from "@nordscreen/core"
import type { EntityRecord, RunReport } from "../src/report/RunReport.js"
import { summarizeEntities } from "../src/report/summarize.js"

const summary = (patch: Partial<EntitySummary.EntitySummary>): EntitySummary.EntitySummary => ({
  name: null,
  status: "ACTIVE",
  flags: [],
  pep: { hits: [], strongest: null },
  sanctions: { hits: [], strongest: null },
  listsSearched: ["EU_GLOBAL", "PEP_Edge"],
  roles: [],
  beneficialOwners: [],
  emptyElements: [],
  ...patch
})

const entity = (patch: Partial<EntityRecord> & Pick<EntityRecord, "key">): EntityRecord => ({
  references: [],
  rows: [2],
  adapterId: "org-no",
  country: "NO",
  kind: "organization",
  identifier: "923609016",
  identifierMasked: "923609016",
  subject: "Example AS (923609016)",
  name: "Example AS",
  outcome: "clear",
  sessionId: "sess-1",
  summary: summary({ name: "Example AS" }),
  directory: null,
  artifacts: [],
  warnings: [],
  recoveredCreate: false,
  ...patch
})

export const entities: ReadonlyArray<EntityRecord> = [
  entity({ key: "k-clear", references: ["K1"], summary: summary({ name: "Clear AS" }), name: "Clear AS" }),
  entity({
    key: "k-pep",
    references: ["K2", "K2b"],
    rows: [3, 9],
    adapterId: "person-no",
    kind: "person",
    identifier: "01418012345",
    identifierMasked: "014180*****",
    subject: "Politiker Testesen (014180*****)",
    name: '=HYPERLINK("http://evil")',
    outcome: "hit",
    summary: summary({
      name: "Politiker Testesen",
      pep: {
        hits: [
          {
            kind: "pep",
            name: "Politiker Testesen",
            matchIndicator: 500,
            list: "PEP_Edge",
            title: "Minister",
            birthDate: null
          }
        ],
        strongest: 500
      }
    })
  }),
  entity({
    key: "k-sanction",
    references: ["K3"],
    country: "SE",
    adapterId: "org-se",
    outcome: "hit",
    summary: summary({
      name: "Sanktion AB",
      sanctions: {
        hits: [
          {
            kind: "sanction",
            name: "Sanktion AB",
            matchIndicator: 420,
            list: "EU_GLOBAL",
            title: null,
            birthDate: null
          }
        ],
        strongest: 420
      }
    })
  }),
  entity({
    key: "k-bankrupt",
    references: ["K4"],
    outcome: "flagged",
    summary: summary({ name: "Konkurs AS", flags: ["BANKRUPT"] })
  }),
  entity({
    key: "k-failed",
    references: ["K5"],
    country: "FI",
    adapterId: "org-fi",
    outcome: "failed",
    summary: null,
    sessionId: null
  })
]

export const report = (patch: Partial<RunReport["run"]> = {}, list = entities): RunReport => ({
  run: {
    tool: "nordscreen",
    version: "0.1.0",
    runId: "run-1",
    environment: "simulator",
    simulated: true,
    mode: "test",
    input: { file: "portfolio.csv", sha256: "ab".repeat(32), format: "csv", sheet: null },
    options: { concurrency: 4, map: ["Nr=reference"] },
    revealIds: false,
    startedAt: "2025-01-01T00:00:00.000Z",
    finishedAt: "2025-01-01T00:01:00.000Z",
    previousRunId: null,
    takenOver: null,
    unknownFields: [],
    ...patch
  },
  summary: summarizeEntities(list, { rows: 7, duplicateRows: 1, rejectedRows: 1 }, 1, 0),
  entities: list,
  rejected: [
    {
      file: "portfolio.csv",
      rowNumber: 8,
      reference: "-K6",
      column: "Fødselsnummer",
      value: "010180*****",
      code: "E_CHECKSUM",
      message: "bad check digits",
      adapterId: "person-no"
    }
  ],
  failures: [
    {
      key: "k-failed",
      subject: "0112038-9",
      adapterId: "org-fi",
      references: ["K5"],
      code: "SessionFailed",
      message: "session failed",
      sessionId: "sess-9"
    }
  ],
  changes: []
})
