import type { Adapter, EntitySummary } from "@nordscreen/core"
import type { EntityOutcome } from "../execute/outcomeOf.js"
import type { TakenOver } from "../journal/records.js"
import type { RejectedRow } from "../plan/RejectedRow.js"

export type { EntityOutcome, TakenOver }

/** Where the API calls went. `simulator` runs produce synthetic data, flagged in every output. */
export type Environment = "simulator" | "preprod" | "prod"

export interface RunMetadata {
  readonly tool: "nordscreen"
  readonly version: string
  readonly runId: string
  readonly environment: Environment
  /** True when results come from the simulator: every output carries `SIMULATED_BANNER`. */
  readonly simulated: boolean
  readonly mode: Adapter.ValidationMode
  readonly input: {
    readonly file: string
    readonly sha256: string
    readonly format: "csv" | "xlsx"
    readonly sheet: string | null
  }
  /** The options the run was started with (no secrets). */
  readonly options: Readonly<Record<string, string | number | boolean | ReadonlyArray<string> | null>>
  /** Whether outputs show national identity numbers unmasked. */
  readonly revealIds: boolean
  readonly startedAt: string
  readonly finishedAt: string
  /** Run this one was compared with for `changes`, if any. */
  readonly previousRunId: string | null
  /** Sessions inherited from the previous run of this input instead of paid for again. */
  readonly takenOver: TakenOver | null
  /**
   * Result fields the adapters' schemas do not know, by path (`keyInformation.newField`,
   * `roles[].newField`), with the number of entities whose result had each: tolerated, and
   * listed so that a changed API shows up. Most frequent first.
   */
  readonly unknownFields: ReadonlyArray<UnknownFieldCount>
}

export interface UnknownFieldCount {
  /** `<adapter id>:<path>`: the same path means different things in different adapters' results. */
  readonly path: string
  readonly count: number
}

export interface ArtifactRef {
  /** `result` (JSON) or a report type (`aml`, `certificate_of_incorporation`). */
  readonly kind: string
  /** Path relative to the run directory. */
  readonly path: string
  readonly sha256: string
  readonly bytes: number
}

export interface EntityIssue {
  readonly code: string
  readonly message: string
}

export interface EntityRecord {
  /** Keyed hash of the entity key: stable within a workspace, safe in file names. */
  readonly key: string
  /** Customer references of every row naming this entity, in row order. */
  readonly references: ReadonlyArray<string>
  readonly rows: ReadonlyArray<number>
  readonly adapterId: string
  readonly country: string
  readonly kind: Adapter.EntityKind
  /** Canonical identifier as sent to the API; may be a national identity number. */
  readonly identifier: string
  /** The same with national identity numbers masked. */
  readonly identifierMasked: string
  /** Display label, national identity numbers masked. */
  readonly subject: string
  /** Registry name when there is a result, else the name the portfolio gave. */
  readonly name: string | null
  readonly outcome: EntityOutcome
  readonly sessionId: string | null
  readonly summary: EntitySummary.EntitySummary | null
  /** Directory of this entity's artifacts relative to the run directory (`entities/<safe key>`). */
  readonly directory: string | null
  readonly artifacts: ReadonlyArray<ArtifactRef>
  readonly warnings: ReadonlyArray<EntityIssue>
  /** The create's answer was lost and its session recovered from a webhook: paid once. */
  readonly recoveredCreate: boolean
  /** Paths of result fields the adapter's schema does not know (absent: none). */
  readonly unknownFields?: ReadonlyArray<string> | undefined
}

export interface FailureRecord {
  readonly key: string
  readonly subject: string
  readonly adapterId: string
  readonly references: ReadonlyArray<string>
  /** Tag of the typed failure (`SessionFailed`, `ResultExpired`, `CreateOutcomeUnknown`, ...). */
  readonly code: string
  readonly message: string
  readonly sessionId: string | null
}

export type ChangeKind = "new" | "removed" | "name" | "status" | "flags" | "pep" | "sanctions"

export interface ChangeRecord {
  readonly kind: ChangeKind
  readonly key: string
  readonly subject: string
  readonly references: ReadonlyArray<string>
  readonly adapterId: string
  readonly before: string | null
  readonly after: string | null
}

export interface RunSummary {
  readonly rows: number
  readonly entities: number
  readonly duplicateRows: number
  readonly rejectedRows: number
  readonly byOutcome: Readonly<Record<EntityOutcome, number>>
  readonly byCountry: Readonly<Record<string, number>>
  readonly byAdapter: Readonly<Record<string, number>>
  readonly pepHits: number
  readonly sanctionHits: number
  /** Number of hits per list or source (`EU_GLOBAL`, `PEP_Edge`, ...). */
  readonly hitsByList: Readonly<Record<string, number>>
  readonly failures: number
  readonly changes: number
  /** Creates whose answer was lost, recovered from the session's webhook (each paid once). */
  readonly createsRecovered: number
}

/**
 * Records the writers read one at a time, as often as they need (each pass iterates again): an
 * array, or a re-iterable view over the journal that decodes a record when it is reached, so a
 * report is written in memory that does not grow with the portfolio.
 */
export type Records<A> = Iterable<A> | AsyncIterable<A>

/**
 * What a run's reports are written from: the run and its counts, and its records as re-iterable
 * sequences. A `RunReport` (arrays) is one.
 */
export interface ReportParts {
  readonly run: RunMetadata
  readonly summary: RunSummary
  readonly entities: Records<EntityRecord>
  readonly rejected: Records<RejectedRow>
  readonly failures: Records<FailureRecord>
  readonly changes: Records<ChangeRecord>
}

/** A report built from the journal: its records are decoded again on each iteration. */
export interface BuiltReport extends ReportParts {
  readonly entities: Iterable<EntityRecord>
  readonly rejected: Iterable<RejectedRow>
  readonly failures: Iterable<FailureRecord>
  readonly changes: ReadonlyArray<ChangeRecord>
}

/** Everything a run's reports are rendered from, in memory (tests, small reports). */
export interface RunReport {
  readonly run: RunMetadata
  readonly summary: RunSummary
  readonly entities: ReadonlyArray<EntityRecord>
  readonly rejected: ReadonlyArray<RejectedRow>
  readonly failures: ReadonlyArray<FailureRecord>
  readonly changes: ReadonlyArray<ChangeRecord>
}

export const SIMULATED_BANNER = "SIMULATED DATA — not real registry or screening results"
