import type { HitSummary, ScreeningSummary } from "../EntitySummary.js"
import type { ScreeningHit } from "./ScreeningHit.js"

/** Highest `matchIndicator` (0–500) among the hits; null when none carries one. */
export const strongestMatch = (hits: ReadonlyArray<Pick<ScreeningHit, "matchIndicator">>): number | null => {
  let strongest: number | null = null
  for (const hit of hits) {
    const value = hit.matchIndicator
    if (typeof value === "number" && (strongest === null || value > strongest)) strongest = value
  }
  return strongest
}

export const toHitSummary = (kind: HitSummary["kind"], hit: ScreeningHit): HitSummary => ({
  kind,
  name: hit.name ?? null,
  matchIndicator: hit.matchIndicator ?? null,
  list: hit.source ?? hit.metadata?.sources?.[0] ?? null,
  title: hit.title ?? hit.function ?? null,
  birthDate: hit.birthDate ?? null
})

/**
 * Hits of one kind, strongest first. `null`/absent hits mean "not searched" and give null;
 * `[]` means "searched, nothing found" and gives an empty summary.
 */
export const summarizeHits = (
  kind: HitSummary["kind"],
  hits: ReadonlyArray<ScreeningHit> | null | undefined
): ScreeningSummary | null => {
  if (hits === null || hits === undefined) return null
  const summaries = hits
    .map((hit) => toHitSummary(kind, hit))
    .sort((a, b) => (b.matchIndicator ?? -1) - (a.matchIndicator ?? -1))
  return { hits: summaries, strongest: strongestMatch(hits) }
}
