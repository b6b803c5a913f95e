import type { EntitySummary } from "@nordscreen/core"
import type { EntityRecord, Records, ReportParts } from "../RunReport.js"

export type TableValue = string | number | null
export type TableRow = ReadonlyArray<TableValue>

/**
 * A sheet's content: header row plus data rows, shared by the XLSX, CSV and HTML writers. The
 * rows are produced while they are written (`rows()` iterates the report's records again).
 */
export interface Table {
  readonly name: string
  readonly header: ReadonlyArray<string>
  /** How many rows `rows()` yields, from the report's counts (the HTML shows the first rows only). */
  readonly count: number
  readonly rows: () => AsyncIterable<TableRow>
}

/** `records` mapped (or expanded) to rows as they are reached. */
const rowsOf = <A>(records: Records<A>, toRows: (record: A) => ReadonlyArray<TableRow>) =>
  async function* (): AsyncGenerator<TableRow> {
    for await (const record of records) yield* toRows(record)
  }

const identifierOf = (report: ReportParts, e: EntityRecord): string =>
  report.run.revealIds ? e.identifier : e.identifierMasked

const joined = (values: ReadonlyArray<string | number>): string => values.join(", ")

export const entityHeader = [
  "Reference",
  "Rows",
  "Adapter",
  "Country",
  "Kind",
  "Identifier",
  "Name",
  "Outcome",
  "Status",
  "Flags",
  "PEP hits",
  "Sanction hits",
  "Strongest match",
  "Session id",
  "Warnings",
  "Directory"
]

export const entityRow = (report: ReportParts, e: EntityRecord): TableRow => {
  const s = e.summary
  const strongest = Math.max(s?.pep?.strongest ?? -1, s?.sanctions?.strongest ?? -1)
  return [
    joined(e.references),
    joined(e.rows),
    e.adapterId,
    e.country,
    e.kind,
    identifierOf(report, e),
    e.name,
    e.outcome,
    s?.status ?? null,
    s === null ? null : s.flags.join(", "),
    s?.pep === null || s?.pep === undefined ? null : s.pep.hits.length,
    s?.sanctions === null || s?.sanctions === undefined ? null : s.sanctions.hits.length,
    strongest < 0 ? null : strongest,
    e.sessionId,
    e.warnings.map((w) => w.code).join(", "),
    e.directory
  ]
}

const hitRows = (report: ReportParts, e: EntityRecord): ReadonlyArray<TableRow> =>
  e.summary === null
    ? []
    : [...(e.summary.pep?.hits ?? []), ...(e.summary.sanctions?.hits ?? [])].map(
        (hit: EntitySummary.HitSummary) => [
          joined(e.references),
          identifierOf(report, e),
          e.name,
          e.adapterId,
          hit.kind === "pep" ? "PEP" : "Sanction",
          hit.name,
          hit.list,
          hit.matchIndicator,
          hit.title,
          hit.birthDate,
          e.sessionId
        ]
      )

const summaryRows = (report: ReportParts): ReadonlyArray<TableRow> => {
  const { run, summary } = report
  const rows: Array<[string, TableValue]> = [
    ["Tool", `${run.tool} ${run.version}`],
    ["Run id", run.runId],
    ["Environment", run.environment],
    ["Simulated", run.simulated ? "yes" : "no"],
    ["Validation mode", run.mode],
    ["Input file", run.input.file],
    ["Input SHA-256", run.input.sha256],
    ["Started", run.startedAt],
    ["Finished", run.finishedAt],
    ["Compared with run", run.previousRunId],
    ...(run.takenOver === null
      ? []
      : ([
          ["Sessions taken over", `${run.takenOver.sessions} from run ${run.takenOver.fromRunId}`],
          ["Taken-over sessions gone (created again)", run.takenOver.gone],
          ["Unknown creates of that run not sent again", run.takenOver.unknown]
        ] satisfies Array<[string, TableValue]>)),
    ["Rows read", summary.rows],
    ["Entities", summary.entities],
    ["Duplicate rows", summary.duplicateRows],
    ["Rejected rows", summary.rejectedRows],
    ...Object.entries(summary.byOutcome).map(([k, v]): [string, TableValue] => [`Outcome: ${k}`, v]),
    ["PEP hits", summary.pepHits],
    ["Sanction hits", summary.sanctionHits],
    ["Failures", summary.failures],
    ["Lost create answers recovered from webhooks", summary.createsRecovered],
    ["Creates whose outcome stays unknown", summary.byOutcome.unknown],
    ["Changes since previous run", summary.changes],
    [
      "Result fields the client does not know",
      run.unknownFields.length === 0 ? "none" : run.unknownFields.length
    ],
    ...run.unknownFields.map(({ path, count }): [string, TableValue] => [`Unknown field ${path}`, count]),
    ...Object.entries(run.options).map(([k, v]): [string, TableValue] => [
      `Option ${k}`,
      v === null ? null : Array.isArray(v) ? v.join(" ") : String(v)
    ])
  ]
  return rows
}

/** The six sheets of report.xlsx, in order. */
export const reportTables = (report: ReportParts): ReadonlyArray<Table> => {
  const summary = summaryRows(report)
  return [
    {
      name: "Summary",
      header: ["Item", "Value"],
      count: summary.length,
      rows: rowsOf(summary, (row) => [row])
    },
    {
      name: "Hits",
      header: [
        "Reference",
        "Identifier",
        "Entity",
        "Adapter",
        "Type",
        "Hit name",
        "List",
        "Match (0-500)",
        "Title",
        "Birth date",
        "Session id"
      ],
      count: report.summary.pepHits + report.summary.sanctionHits,
      rows: rowsOf(report.entities, (e) => hitRows(report, e))
    },
    {
      name: "Changes",
      header: ["Change", "Reference", "Subject", "Adapter", "Before", "After"],
      count: report.summary.changes,
      rows: rowsOf(report.changes, (c) => [
        [c.kind, joined(c.references), c.subject, c.adapterId, c.before, c.after]
      ])
    },
    {
      name: "Entities",
      header: entityHeader,
      count: report.summary.entities,
      rows: rowsOf(report.entities, (e) => [entityRow(report, e)])
    },
    {
      name: "Rejected",
      header: ["File", "Row", "Reference", "Column", "Value", "Code", "Message", "Adapter"],
      count: report.summary.rejectedRows,
      rows: rowsOf(report.rejected, (r) => [
        [r.file, r.rowNumber, r.reference, r.column, r.value, r.code, r.message, r.adapterId]
      ])
    },
    {
      name: "Failures",
      header: ["Reference", "Subject", "Adapter", "Code", "Message", "Session id"],
      count: report.summary.failures,
      rows: rowsOf(report.failures, (f) => [
        [joined(f.references), f.subject, f.adapterId, f.code, f.message, f.sessionId]
      ])
    }
  ]
}
