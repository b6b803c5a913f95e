import type { EntitySummary } from "@nordscreen/core"
import { maskNationalIdsInText } from "@nordscreen/identifiers"
import { maskRejectedRow } from "../plan/RejectedRow.js"
import type {
  ChangeRecord,
  EntityRecord,
  FailureRecord,
  Records,
  ReportParts,
  RunMetadata
} from "./RunReport.js"

const text = (value: string): string => maskNationalIdsInText(value)
const nullable = (value: string | null): string | null => (value === null ? null : text(value))
const all = (values: ReadonlyArray<string>): ReadonlyArray<string> => values.map(text)

// API text (names, titles, roles) can carry a number too: a registry that prints one in a name.
const summaryOf = (s: EntitySummary.EntitySummary | null): EntitySummary.EntitySummary | null =>
  s === null
    ? null
    : {
        ...s,
        name: nullable(s.name),
        status: nullable(s.status),
        pep:
          s.pep === null
            ? null
            : {
                ...s.pep,
                hits: s.pep.hits.map((h) => ({ ...h, name: nullable(h.name), title: nullable(h.title) }))
              },
        sanctions:
          s.sanctions === null
            ? null
            : {
                ...s.sanctions,
                hits: s.sanctions.hits.map((h) => ({
                  ...h,
                  name: nullable(h.name),
                  title: nullable(h.title)
                }))
              },
        roles: s.roles === null ? null : s.roles.map((r) => ({ ...r, name: nullable(r.name) })),
        beneficialOwners:
          s.beneficialOwners === null
            ? null
            : s.beneficialOwners.map((o) => ({ ...o, name: nullable(o.name), reason: nullable(o.reason) }))
      }

/** An entity as the report shows it unless ids are revealed (see `maskReport`). */
const maskEntity = (e: EntityRecord): EntityRecord => ({
  ...e,
  references: all(e.references),
  identifierMasked: text(e.identifierMasked),
  subject: text(e.subject),
  name: nullable(e.name),
  summary: summaryOf(e.summary),
  warnings: e.warnings.map((w) => ({ ...w, message: text(w.message) }))
})

const maskFailure = (f: FailureRecord): FailureRecord => ({
  ...f,
  subject: text(f.subject),
  references: all(f.references),
  message: text(f.message)
})

const maskChange = (c: ChangeRecord): ChangeRecord => ({
  ...c,
  subject: text(c.subject),
  references: all(c.references),
  before: nullable(c.before),
  after: nullable(c.after)
})

const maskRun = (run: RunMetadata): RunMetadata => ({
  ...run,
  input: { ...run.input, file: text(run.input.file) },
  options: Object.fromEntries(
    Object.entries(run.options).map(([k, v]) => [
      k,
      typeof v === "string" ? text(v) : Array.isArray(v) ? all(v) : v
    ])
  )
})

/** `records` with `f` applied to each as it is reached; iterable again as often as `records`. */
const mapRecords = <A, B>(records: Records<A>, f: (a: A) => B): AsyncIterable<B> => ({
  async *[Symbol.asyncIterator]() {
    for await (const record of records) yield f(record)
  }
})

/** `maskReport` for a streamed report: each record is masked when a writer reaches it. */
export const maskReportParts = (report: ReportParts): ReportParts => ({
  ...report,
  run: maskRun(report.run),
  entities: mapRecords(report.entities, maskEntity),
  rejected: mapRecords(report.rejected, (r) => maskRejectedRow(r)),
  failures: mapRecords(report.failures, maskFailure),
  changes: mapRecords(report.changes, maskChange)
})
