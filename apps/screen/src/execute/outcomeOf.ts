import type { EntitySummary } from "@nordscreen/core"

/**
 * `clear`: screened, no PEP/sanction hit, no registry flag. `hit`: at least one PEP or sanction
 * hit. `flagged`: no hit but a registry flag (bankrupt, dissolved, deceased, ...). `failed`: no
 * result (see failures). `unknown`: the create call's outcome is unknown (not retried).
 */
export type EntityOutcome = "clear" | "hit" | "flagged" | "failed" | "unknown"

/** Outcome of an entity from its summary: hits win over flags, flags over clear. */
export const outcomeOf = (entity: {
  readonly summary: EntitySummary.EntitySummary | null
  readonly outcome: EntityOutcome
}): EntityOutcome => {
  const summary = entity.summary
  if (summary === null) return entity.outcome === "unknown" ? "unknown" : "failed"
  const hits = (summary.pep?.hits.length ?? 0) + (summary.sanctions?.hits.length ?? 0)
  if (hits > 0) return "hit"
  return summary.flags.length > 0 ? "flagged" : "clear"
}
