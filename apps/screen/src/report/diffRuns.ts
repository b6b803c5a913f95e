import type { EntitySummary } from "@nordscreen/core"
import type { ChangeKind, ChangeRecord, EntityRecord } from "./RunReport.js"

const screening = (s: EntitySummary.ScreeningSummary | null | undefined): string | null => {
  if (s === null || s === undefined) return null
  if (s.hits.length === 0) return "no hits"
  const names = s.hits.map((h) => `${h.name ?? "?"}${h.list === null ? "" : ` [${h.list}]`}`)
  return `${s.hits.length} hit(s): ${[...new Set(names)].sort().join("; ")}`
}

const flags = (e: EntityRecord): string | null =>
  e.summary === null ? null : e.summary.flags.length === 0 ? "none" : [...e.summary.flags].sort().join(", ")

const change = (
  kind: ChangeKind,
  e: EntityRecord,
  before: string | null,
  after: string | null
): ChangeRecord => ({
  kind,
  key: e.key,
  subject: e.subject,
  references: e.references,
  adapterId: e.adapterId,
  before,
  after
})

const compare = (before: EntityRecord, after: EntityRecord): Array<ChangeRecord> => {
  // A failed look-up says nothing about the entity; comparing it would report phantom changes.
  if (before.summary === null || after.summary === null) return []
  const pairs: Array<[ChangeKind, string | null, string | null]> = [
    ["name", before.summary.name, after.summary.name],
    ["status", before.summary.status, after.summary.status],
    ["flags", flags(before), flags(after)],
    ["pep", screening(before.summary.pep), screening(after.summary.pep)],
    ["sanctions", screening(before.summary.sanctions), screening(after.summary.sanctions)]
  ]
  return pairs.flatMap(([kind, b, a]) => (b === a ? [] : [change(kind, after, b, a)]))
}

/**
 * What changed since the previous run of the same workspace: entities new to the portfolio,
 * entities no longer in it, and per entity name, status, registry flags, PEP and sanction hits.
 * Entities are matched by key, which is stable within a workspace (same HMAC secret).
 */
export const diffRuns = (
  previous: { readonly entities: Iterable<EntityRecord> },
  current: { readonly entities: Iterable<EntityRecord> }
): ReadonlyArray<ChangeRecord> => {
  const before = new Map<string, EntityRecord>()
  for (const e of previous.entities) before.set(e.key, e)
  const seen = new Set<string>()
  const changes: Array<ChangeRecord> = []
  for (const entity of current.entities) {
    seen.add(entity.key)
    const old = before.get(entity.key)
    if (old === undefined) changes.push(change("new", entity, null, entity.outcome))
    else changes.push(...compare(old, entity))
  }
  for (const entity of previous.entities)
    if (!seen.has(entity.key)) changes.push(change("removed", entity, entity.outcome, null))
  return changes
}
