import { Schema } from "effect"
import { NullableString } from "./internal/NullableString.js"

/**
 * The common shape every adapter reduces its result to, and the report is built from. `null`
 * means "not searched / not requested"; an empty array means "searched, nothing found".
 */
export interface HitSummary {
  readonly kind: "pep" | "sanction"
  readonly name: string | null
  /** 0–500; 500 = full match (contract §9.1). */
  readonly matchIndicator: number | null
  /** List or source the hit came from, e.g. `EU_GLOBAL`, `PEP_Edge`. */
  readonly list: string | null
  readonly title: string | null
  readonly birthDate: string | null
}

export interface ScreeningSummary {
  readonly hits: ReadonlyArray<HitSummary>
  /** Strongest `matchIndicator` among the hits, null when there are none. */
  readonly strongest: number | null
}

export interface RoleSummary {
  readonly role: string
  readonly name: string | null
  readonly birthDate: string | null
  readonly organizationNumber: string | null
}

export interface BeneficialOwnerSummary {
  readonly name: string | null
  readonly birthDate: string | null
  /** Percentage of control or integrated ownership, whichever the result gives. */
  readonly share: number | null
  readonly reason: string | null
}

/** Registry flags a compliance officer looks for. Open: adapters may add others. */
export type RegistryFlag =
  | "BANKRUPT"
  | "UNDER_LIQUIDATION"
  | "DISSOLVED"
  | "FORCED_DISSOLUTION"
  | "DECEASED"
  | "EMIGRATED"
  | "DISAPPEARED"
  | (string & {})

export interface EntitySummary {
  readonly name: string | null
  /** Registry status as text (e.g. organisation type or person status). */
  readonly status: string | null
  readonly flags: ReadonlyArray<RegistryFlag>
  readonly pep: ScreeningSummary | null
  readonly sanctions: ScreeningSummary | null
  /** Lists that were searched (metadata sources of the screening node). */
  readonly listsSearched: ReadonlyArray<string>
  readonly roles: ReadonlyArray<RoleSummary> | null
  readonly beneficialOwners: ReadonlyArray<BeneficialOwnerSummary> | null
  /** Requested elements that came back as empty nodes ("searched, nothing found"). */
  readonly emptyElements: ReadonlyArray<string>
}

const NullableNumber = Schema.NullOr(Schema.Number)

const ScreeningSchema = Schema.Struct({
  hits: Schema.Array(
    Schema.Struct({
      kind: Schema.Literal("pep", "sanction"),
      name: NullableString,
      matchIndicator: NullableNumber,
      list: NullableString,
      title: NullableString,
      birthDate: NullableString
    })
  ),
  strongest: NullableNumber
})

const SummaryStruct = Schema.Struct({
  name: NullableString,
  status: NullableString,
  flags: Schema.Array(Schema.String),
  pep: Schema.NullOr(ScreeningSchema),
  sanctions: Schema.NullOr(ScreeningSchema),
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

/** `EntitySummary` as JSON-safe data: the journal records summaries with it (core's and the CLI's). */
export const EntitySummarySchema: Schema.Schema<EntitySummary, typeof SummaryStruct.Encoded> = SummaryStruct
