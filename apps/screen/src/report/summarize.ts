import { outcomeOf } from "../execute/outcomeOf.js"
import type { EntityOutcome, EntityRecord, RunSummary } from "./RunReport.js"

export { outcomeOf }

/** Counts for the Summary sheet and the charts. */
export const summarizeEntities = (
  entities: Iterable<EntityRecord>,
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
  let count = 0
  for (const entity of entities) {
    count++
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
    entities: count,
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
