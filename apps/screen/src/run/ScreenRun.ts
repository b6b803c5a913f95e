import type { Adapter, StepJournal } from "@nordscreen/core"
import type { Effect, Scope } from "effect"
import type { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import type { Portfolio } from "../ingest/readPortfolio.js"
import type { JournalShape, RunRow } from "../journal/Journal.js"
import type { RunPlanOptions } from "../journal/records.js"
import type { ApiChoice } from "./resolveApi.js"
import type { Workspace } from "./Workspace.js"

/** A run of `nordscreen screen` as its stages pass it on: opened, then planned, executed, reported. */
export interface ScreenRun {
  readonly workspace: Workspace
  readonly journal: JournalShape
  /** Core's step journal (its SQL interpreter) on the journal's database. */
  readonly steps: StepJournal.StepJournal
  readonly api: ApiChoice
  readonly inputSha256: string
  /** The run's record in the journal, as the last stage left it. */
  readonly run: RunRow
  /** An unfinished run of the same input was picked up. */
  readonly resumed: boolean
  /** The plan options: the command's, or those the resumed run was started with. */
  readonly plan: RunPlanOptions
  readonly requestOptions: (adapter: Adapter.AnyAdapter) => Adapter.RequestOptions
  /** The opened portfolio when the run has still to be planned (else undefined). */
  readonly portfolio: Portfolio | undefined
  readonly openPortfolio: Effect.Effect<Portfolio, PortfolioFileError>
  /** Scope of the portfolio reader, closed once the plan is made (or when the run ends). */
  readonly reading: Scope.CloseableScope
}
