import type { Adapter } from "@nordscreen/core"
import { Effect, Either, Schema } from "effect"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { EntityRow, JournalShape } from "../journal/Journal.js"
import { StoredFailure, StoredRejected, StoredResult, StoredWarnings } from "../journal/records.js"
import { decodeOr } from "../internal/decodeOr.js"
import type { RejectedRow } from "../plan/RejectedRow.js"
import type { ArtifactRef, EntityRecord, FailureRecord } from "./RunReport.js"
import { outcomeOf } from "./summarize.js"

/** What the report says about an entity the run did not get to (interrupted). */
const NOT_SCREENED = "NotScreened"

type Describe = (row: EntityRow) => Adapter.InputDescription

/**
 * What the report shows of an entity's input comes from its adapter (`describe` of the input
 * decoded with the adapter's `inputSchema`). An entity whose adapter is not registered, or whose
 * stored input does not decode, is shown with what the journal has: its masked subject.
 */
const describerOf = (adapter: Adapter.AnyAdapter | undefined): Describe => {
  const fallback = (row: EntityRow): Adapter.InputDescription => ({
    identifier: row.subject,
    identifierMasked: row.subject,
    name: null,
    country: adapter?.country ?? "",
    kind: adapter?.kind ?? "organization"
  })
  if (adapter === undefined) return fallback
  const decode = Schema.decodeUnknownEither(Schema.parseJson(adapter.inputSchema))
  return (row) => {
    const input = decode(row.input_json)
    return Either.isRight(input) ? adapter.describe(input.right) : fallback(row)
  }
}

export interface ReportContent {
  /** Entities in portfolio order, each decoded when it is reached; iterable again. */
  readonly entities: Iterable<EntityRecord>
  readonly failures: Iterable<FailureRecord>
  readonly rejected: Iterable<RejectedRow>
  readonly failureCount: number
  readonly rejectedCount: number
}

/** A sequence computed again, record by record, each time it is iterated. */
const reiterable = <A>(make: () => Iterator<A>): Iterable<A> => ({ [Symbol.iterator]: make })

/**
 * The report's entity, failure and rejected-row lists from the journal of one run. Entities the
 * run has not finished (an interrupted run) are listed as failures with code `NotScreened`.
 * Records are decoded from the journal's rows while a writer reads them, so none is kept; the
 * rows are read from the journal a page at a time, on each iteration.
 */
export const reportContent = (
  journal: JournalShape,
  runId: string,
  adapters: ReadonlyArray<Adapter.AnyAdapter>
): Effect.Effect<ReportContent, JournalFailed> =>
  Effect.gen(function* () {
    const rows = journal.entityRows(runId)
    const links = yield* journal.rowLinks(runId)
    const rejectedJson = yield* journal.rejected(runId)
    const byKey = new Map<string, { rows: Array<number>; references: Array<string> }>()
    for (const link of links) {
      const entry = byKey.get(link.key) ?? { rows: [], references: [] }
      entry.rows.push(link.row_number)
      if (link.reference !== null && !entry.references.includes(link.reference))
        entry.references.push(link.reference)
      byKey.set(link.key, entry)
    }
    const describers = new Map(adapters.map((a) => [a.id, describerOf(a)]))
    const unregistered = describerOf(undefined)
    const decode = (row: EntityRow): { entity: EntityRecord; failure: FailureRecord | null } => {
      const links = byKey.get(row.key) ?? { rows: [], references: [] }
      const described = (describers.get(row.adapter_id) ?? unregistered)(row)
      const result = row.status === "done" ? decodeOr(StoredResult, row.summary_json, null) : null
      const failure =
        row.status === "done" && result !== null
          ? null
          : row.status === "pending"
            ? {
                code: NOT_SCREENED,
                message: "not screened: the run was interrupted; run the same command again to continue",
                artifacts: []
              }
            : decodeOr(StoredFailure, row.failure_json, {
                code: "Unknown",
                message: "no result was recorded",
                artifacts: []
              })
      const artifacts: ReadonlyArray<ArtifactRef> = result?.artifacts ?? failure?.artifacts ?? []
      const summary = result?.summary ?? null
      const base = {
        key: row.key,
        references: links.references,
        rows: links.rows,
        adapterId: row.adapter_id,
        country: described.country,
        kind: described.kind,
        identifier: described.identifier,
        identifierMasked: described.identifierMasked,
        subject: row.subject,
        name: summary?.name ?? described.name,
        sessionId: row.session_id,
        summary,
        directory: artifacts.length > 0 ? row.directory : null,
        artifacts,
        warnings: decodeOr(StoredWarnings, row.warnings_json, []),
        recoveredCreate: result?.recoveredCreate === true,
        unknownFields: result?.unknownFields ?? []
      }
      const outcome =
        failure === null
          ? outcomeOf({ summary, outcome: "clear" })
          : failure.code === "CreateOutcomeUnknown"
            ? "unknown"
            : "failed"
      return {
        entity: { ...base, outcome },
        failure:
          failure === null
            ? null
            : {
                key: row.key,
                subject: row.subject,
                adapterId: row.adapter_id,
                references: links.references,
                code: failure.code,
                message: failure.message,
                sessionId: row.session_id
              }
      }
    }
    const entities = reiterable(function* () {
      for (const row of rows) yield decode(row).entity
    })
    // One pass marks the entities that are failures, so that the failure lists decode only those
    // rows again instead of decoding every entity once more.
    const failedKeys = new Set<string>()
    for (const row of rows) if (decode(row).failure !== null) failedKeys.add(row.key)
    const failureCount = failedKeys.size
    const failures = reiterable(function* () {
      for (const row of rows) {
        if (!failedKeys.has(row.key)) continue
        const { failure } = decode(row)
        if (failure !== null) yield failure
      }
    })
    const rejected = reiterable(function* () {
      for (const json of rejectedJson) {
        const decoded = Schema.decodeUnknownEither(StoredRejected)(json)
        if (Either.isRight(decoded)) yield decoded.right
      }
    })
    let rejectedCount = 0
    for (const _ of rejected) rejectedCount++
    return { entities, failures, rejected, failureCount, rejectedCount }
  })
