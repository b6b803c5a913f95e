import type { Adapter, EntitySummary } from "@nordscreen/core"
import { expect } from "vitest"

type Expectation = (summary: EntitySummary.EntitySummary, kind: Adapter.EntityKind) => void

const flagged =
  (flag: string): Expectation =>
  (summary) =>
    expect(summary.flags).toContain(flag)

/** What the summary of a screened fixture shows, by the fixture's pinned outcome. */
const expectations: Readonly<Record<string, Expectation>> = {
  CLEAN: (summary, kind) => {
    expect(summary.flags).toEqual([])
    expect(summary.sanctions).toEqual({ hits: [], strongest: null })
    // Organization screening covers sanction lists only: PEP is a person concept.
    expect(summary.pep).toEqual(kind === "person" ? { hits: [], strongest: null } : null)
  },
  SANCTION: (summary) => expect(summary.sanctions?.hits.length).toBeGreaterThan(0),
  PEP: (summary) => expect(summary.pep?.strongest).toBe(500),
  PEP_AND_SANCTION: (summary) => {
    expect(summary.pep?.hits.length).toBeGreaterThan(0)
    expect(summary.sanctions?.hits.length).toBeGreaterThan(0)
  },
  NO_BENEFICIALS: (summary) => expect(summary.beneficialOwners).toEqual([]),
  BANKRUPT: flagged("BANKRUPT"),
  BANKRUPT_ESTATE: flagged("BANKRUPT"),
  DISSOLVED: flagged("DISSOLVED"),
  UNDER_LIQUIDATION: flagged("UNDER_LIQUIDATION"),
  DECEASED: (summary) => expect(summary.flags).toEqual(["DECEASED"]),
  EMIGRATED: (summary) => expect(summary.flags).toEqual(["EMIGRATED"]),
  // BankID's published test subjects (contract §16.7).
  FUZZY_HITS: (summary) => {
    const hits = [...(summary.pep?.hits ?? []), ...(summary.sanctions?.hits ?? [])]
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) {
      expect(hit.name).not.toBe(summary.name)
      expect(hit.matchIndicator).toBeLessThan(300)
    }
  },
  NO_ADDRESS_EXPIRED_PEP: (summary) => {
    expect(summary.pep?.hits.length).toBe(1)
    expect(summary.sanctions?.hits).toEqual([])
  },
  UN_SANCTION: (summary) => {
    expect(summary.pep?.hits).toEqual([])
    expect(summary.sanctions?.hits.map((h) => h.list)).toEqual(["UN_CONSOLIDATED_1"])
  }
}

export const expectOutcome = (
  outcome: string,
  summary: EntitySummary.EntitySummary,
  kind: Adapter.EntityKind
): void => {
  const check = expectations[outcome]
  if (check === undefined) expect.fail(`fixture outcome ${outcome} was expected to fail the session`)
  else check(summary, kind)
}
