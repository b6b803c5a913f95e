import { EntitySummary, Wire } from "@nordscreen/core"
import { Schema } from "effect"

/** JSON shapes kept in the journal's text columns, decoded on the way back. */
const NullableNumber = Schema.NullOr(Schema.Number)

const StoredArtifact = Schema.Struct({
  kind: Schema.String,
  path: Schema.String,
  sha256: Schema.String,
  bytes: Schema.Number
})

/** `entities.summary_json` of a screened entity. */
export const StoredResult = Schema.parseJson(
  Schema.Struct({
    summary: EntitySummary.EntitySummarySchema,
    artifacts: Schema.Array(StoredArtifact),
    /** The create's answer was lost and its session recovered from a webhook (paid once). */
    recoveredCreate: Schema.optional(Schema.Boolean),
    /** Paths of result fields the adapter's schema does not know (a changed API). */
    unknownFields: Schema.optional(Schema.Array(Schema.String))
  })
)

/** `entities.failure_json` of an entity that ended without a result. */
export const StoredFailure = Schema.parseJson(
  Schema.Struct({
    code: Schema.String,
    message: Schema.String,
    artifacts: Schema.Array(StoredArtifact)
  })
)

export const StoredWarnings = Schema.parseJson(
  Schema.Array(Schema.Struct({ code: Schema.String, message: Schema.String }))
)

export const StoredRejected = Schema.parseJson(
  Schema.Struct({
    file: Schema.String,
    rowNumber: Schema.Number,
    reference: Wire.NullableString,
    column: Wire.NullableString,
    value: Wire.NullableString,
    code: Schema.String,
    message: Schema.String,
    adapterId: Wire.NullableString
  })
)

export const StoredSource = Schema.parseJson(
  Schema.Struct({
    file: Schema.String,
    format: Schema.Literal("csv", "xlsx"),
    encoding: Schema.optional(Schema.String),
    delimiter: Schema.optional(Schema.String),
    sheet: Schema.optional(Schema.String),
    date1904: Schema.optional(Schema.Boolean)
  })
)

export const StoredCounts = Schema.parseJson(
  Schema.Struct({
    rows: Schema.Number,
    entities: Schema.Number,
    duplicates: Schema.Number,
    rejected: Schema.Number
  })
)

/**
 * The options that decide what a run screens. A resumed run keeps the ones it started with:
 * the entities already screened were screened with them.
 */
export const RunPlanOptions = Schema.Struct({
  mode: Schema.Literal("test", "production"),
  map: Schema.Array(Schema.Tuple(Schema.String, Schema.String)),
  sheet: Wire.NullableString,
  maxFileMb: Schema.Number,
  // Absent in journals written before CSV had a size limit.
  maxCsvMb: Schema.optional(Schema.Number),
  reports: Schema.NullOr(Schema.Array(Schema.String)),
  expands: Schema.NullOr(Schema.Array(Schema.String)),
  language: Schema.NullOr(Schema.String),
  limit: NullableNumber,
  revealIds: Schema.Boolean
})
export type RunPlanOptions = typeof RunPlanOptions.Type
export const StoredPlanOptions = Schema.parseJson(RunPlanOptions)

/**
 * What a run inherited from the previous run of the same input: sessions created (and paid for)
 * there whose results had not been downloaded, followed here instead of created again.
 */
export interface TakenOver {
  readonly fromRunId: string
  /** Sessions followed instead of created (including those that turned out gone). */
  readonly sessions: number
  /** Of those, sessions the API no longer had (404, or expired), so a new one was created. */
  readonly gone: number
  /** Entities whose create outcome was unknown there: not sent again unless --retry-unknown. */
  readonly unknown: number
}
