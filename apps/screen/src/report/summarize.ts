import type { EntityRecord, EntityOutcome, RunSummary } from "./RunReport.js"

/** Outcome of an entity from its summary: hits win over flags, flags over clear. */
export const outcomeOf = (entity: Pick<EntityRecord, "summary" | "outcome">): EntityOutcome => {
  const summary = entity.summary
  if (summary === null) return entity.outcome === "unknown" ? "unknown" : "failed"
  const hits = (summary.pep?.hits.length ?? 0) + (summary.sanctions?.hits.length ?? 0)
  if (hits > 0) return "hit"
  return summary.flags.length > 0 ? "flagged" : "clear"
}

/** Counts for the Summary sheet and the charts. */
export const summarizeEntities = (
  entities: ReadonlyArray<EntityRecord>,
  rows: { readonly rows: number; readonly duplicateRows: number; readonly rejectedRows: number },
  failures: number,
  changes: number
): RunSummary => {
  const byOutcome: Record<EntityOutcome, number> = { clear: 0, hit: 0, flagged: 0, failed: 0, unknown: 0 }
  const byCountry: Record<string, number> = {}
  const byAdapter: Record<string, number> = {}
  const hitsByList: Record<string, number> = {}
  let pepHits = 0
  let sanctionHits = 0
  let createsRecovered = 0
  for (const entity of entities) {
    byOutcome[entity.outcome]++
    if (entity.recoveredCreate) createsRecovered++
    byCountry[entity.country] = (byCountry[entity.country] ?? 0) + 1
    byAdapter[entity.adapterId] = (byAdapter[entity.adapterId] ?? 0) + 1
    for (const hit of [...(entity.summary?.pep?.hits ?? []), ...(entity.summary?.sanctions?.hits ?? [])]) {
      if (hit.kind === "pep") pepHits++
      else sanctionHits++
      const list = hit.list ?? (hit.kind === "pep" ? "PEP (unnamed list)" : "Sanctions (unnamed list)")
      hitsByList[list] = (hitsByList[list] ?? 0) + 1
    }
  }
  return {
    ...rows,
    entities: entities.length,
    byOutcome,
    byCountry,
    byAdapter,
    pepHits,
    sanctionHits,
    hitsByList,
    failures,
    changes,
    createsRecovered
  }
}
