import type { AmlEngine } from "@nordscreen/core"
import { Effect } from "effect"
import type { UsageError } from "../execute/requestOptions.js"
import type { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import type { OutputError } from "../internal/OutputError.js"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { BuiltReport } from "../report/RunReport.js"
import { executePlan } from "./executePlan.js"
import { openRun } from "./openRun.js"
import { planRun } from "./planRun.js"
import type { PreflightError } from "./preflightApi.js"
import { reportRun } from "./reportRun.js"
import type { EmbeddedSimulatorFailed } from "./resolveApi.js"
import type { ScreenOptions } from "./ScreenOptions.js"
import type { WorkspaceError } from "./Workspace.js"

export type ExitCode = 0 | 3 | 4 | 5

export interface ScreenResult {
  readonly runId: string
  readonly runDir: string
  readonly resumed: boolean
  readonly interrupted: boolean
  readonly embedded: boolean
  readonly report: BuiltReport
  readonly exitCode: ExitCode
}

export type ScreenError =
  | PortfolioFileError
  | JournalFailed
  | WorkspaceError
  | AmlEngine.EngineError
  | EmbeddedSimulatorFailed
  | UsageError
  | OutputError
  | PreflightError

const exitCodeOf = (report: BuiltReport, interrupted: boolean, failOnHits: boolean): ExitCode => {
  if (interrupted) return 4
  if (report.summary.failures > 0) return 3
  if (failOnHits && report.summary.byOutcome.hit > 0) return 5
  return 0
}

/**
 * `nordscreen screen`: open the run (a new one, or the unfinished run of the same input), plan
 * the portfolio into the workspace journal, screen every open entity, and report the run.
 */
export const runScreen = (options: ScreenOptions): Effect.Effect<ScreenResult, ScreenError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const opened = yield* openRun(options)
      const planned = yield* planRun(opened, options)
      const interrupted = yield* executePlan(planned, options)
      const report = yield* reportRun(planned, options, interrupted)
      return {
        runId: planned.run.run_id,
        runDir: planned.run.out_dir,
        resumed: planned.resumed,
        interrupted,
        embedded: planned.api.embedded,
        report,
        exitCode: exitCodeOf(report, interrupted, options.failOnHits)
      }
    })
  )
