import { Schema } from "effect"
import { EntitySummarySchema } from "../EntitySummary.js"
import { ArtifactRef } from "../Errors.js"
import { NullableString } from "./NullableString.js"

/**
 * Encodings of step results (they go to the journal as JSON). Journals written by earlier
 * releases hold these very shapes under the step names `create`, `json` and `report:<type>`.
 */

export const CreatedStep = Schema.Struct({
  sessionId: Schema.String,
  sessionUrl: Schema.String,
  createdAt: Schema.Number,
  /** The PDFs the create body asked for; absent in journals written before it was recorded. */
  reports: Schema.optional(Schema.Array(Schema.String)),
  /** The create's answer was lost; the session was found from its webhook. */
  recovered: Schema.optional(Schema.Boolean)
})

export const JsonStep = Schema.Struct({
  artifact: ArtifactRef,
  summary: Schema.NullOr(EntitySummarySchema),
  /** Why the JSON did not decode with the adapter's schema; null when it did. */
  issue: NullableString,
  /** Paths of fields the adapter's schema does not know (absent in journals of earlier releases). */
  unknownFields: Schema.optional(Schema.Array(Schema.String))
})

export const ReportStep = ArtifactRef
