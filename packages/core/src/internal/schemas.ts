import { Schema } from "effect"
import type { EntitySummary } from "../EntitySummary.js"

/** Encodings of step results (they go to the journal as JSON). */
const NullableString = Schema.NullOr(Schema.String)
const NullableNumber = Schema.NullOr(Schema.Number)

const Hit = Schema.Struct({
  kind: Schema.Literal("pep", "sanction"),
  name: NullableString,
  matchIndicator: NullableNumber,
  list: NullableString,
  title: NullableString,
  birthDate: NullableString
})

const Screening = Schema.Struct({ hits: Schema.Array(Hit), strongest: NullableNumber })

const SummaryStruct = Schema.Struct({
  name: NullableString,
  status: NullableString,
  flags: Schema.Array(Schema.String),
  pep: Schema.NullOr(Screening),
  sanctions: Schema.NullOr(Screening),
  listsSearched: Schema.Array(Schema.String),
  roles: Schema.NullOr(
    Schema.Array(
      Schema.Struct({
        role: Schema.String,
        name: NullableString,
        birthDate: NullableString,
        organizationNumber: NullableString
      })
    )
  ),
  beneficialOwners: Schema.NullOr(
    Schema.Array(
      Schema.Struct({
        name: NullableString,
        birthDate: NullableString,
        share: NullableNumber,
        reason: NullableString
      })
    )
  ),
  emptyElements: Schema.Array(Schema.String)
})

export const EntitySummarySchema: Schema.Schema<EntitySummary, typeof SummaryStruct.Encoded> = SummaryStruct

export const ArtifactRefSchema = Schema.Struct({
  path: Schema.String,
  sha256: Schema.String,
  size: Schema.Number
})

export const CreatedStep = Schema.Struct({
  sessionId: Schema.String,
  sessionUrl: Schema.String,
  createdAt: Schema.Number
})

export const JsonStep = Schema.Struct({
  artifact: ArtifactRefSchema,
  summary: Schema.NullOr(EntitySummarySchema),
  /** Why the JSON did not decode with the adapter's schema; null when it did. */
  issue: NullableString
})

export const ReportStep = ArtifactRefSchema
