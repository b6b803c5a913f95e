import { Context, Effect, Exit, Layer, Option, Scope } from "effect"
import { requestOptionsFor, UsageError } from "../execute/requestOptions.js"
import type { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import { readPortfolio } from "../ingest/readPortfolio.js"
import type { Errors } from "@nordscreen/core"
import { makeSqlStepJournal } from "@nordscreen/core/sql"
import { Journal, journalLayer } from "../journal/Journal.js"
import { JournalFailed } from "../journal/JournalFailed.js"
import { JournalWriter } from "../journal/JournalWriter.js"
import { decodePlan } from "./decodePlan.js"
import { hashInput } from "./hashInput.js"
import { type PreflightError, preflightApi } from "./preflightApi.js"
import { recordRun } from "./recordRun.js"
import { type EmbeddedSimulatorFailed, resolveApi } from "./resolveApi.js"
import type { ScreenOptions } from "./ScreenOptions.js"
import type { ScreenRun } from "./ScreenRun.js"
import { SIMULATED_NOTICE } from "./simulatedNotice.js"
import { DEFAULT_WORKSPACE, openWorkspace, type WorkspaceError } from "./Workspace.js"

/**
 * Opens a run: the workspace and its journal, the API (checked before anything is recorded), and
 * the run itself — the unfinished run of the same input, picked up, or a new one, recorded.
 */
export const openRun = (
  options: ScreenOptions
): Effect.Effect<
  ScreenRun,
  | UsageError
  | JournalFailed
  | WorkspaceError
  | PortfolioFileError
  | Errors.AmlConfigError
  | EmbeddedSimulatorFailed
  | PreflightError,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const notice = options.notice ?? (() => {})
    const workspace = yield* openWorkspace(options.workspace ?? DEFAULT_WORKSPACE)
    const inputSha256 = yield* hashInput(options.portfolio)
    const journalContext = yield* Layer.build(journalLayer(workspace.dir))
    const journal = Context.get(journalContext, Journal)
    // Core's durable steps on the journal's own SQL client (table `durable_steps`), every write
    // through the journal's group commit.
    const writer = Context.get(journalContext, JournalWriter)
    const steps = yield* makeSqlStepJournal({
      write: (statement) => writer.write([statement]),
      read: writer.read
    }).pipe(
      Effect.provide(journalContext),
      Effect.mapError((error) => new JournalFailed({ operation: "open step journal", reason: error.message }))
    )
    const api = yield* resolveApi(options.api, workspace.keySecret, options.embedded)
    // Before anything is recorded: a wrong secret, an unreachable API or a busy webhook port
    // is one error here, not a run left "running" or a failure per entity.
    yield* preflightApi(api.settings, options.adapters)
    const environment = api.settings.environment

    const unfinished = yield* journal.findUnfinished(inputSha256)
    if (options.fresh && Option.isSome(unfinished)) {
      yield* journal.setStatus(unfinished.value.run_id, "abandoned", new Date().toISOString())
      notice(`--fresh: the unfinished run ${unfinished.value.run_id} of this input is abandoned.`)
    }
    const resumedRow = options.fresh ? undefined : Option.getOrUndefined(unfinished)
    if (resumedRow !== undefined && resumedRow.environment !== environment)
      return yield* new UsageError({
        message: `the unfinished run ${resumedRow.run_id} of this input ran against ${resumedRow.environment}, not ${environment}; use the same settings to resume it, or --fresh to start over`
      })
    const plan = resumedRow === undefined ? options.plan : yield* decodePlan(resumedRow)
    const { optionsFor: requestOptions, warnings } = yield* requestOptionsFor(options.adapters, plan)
    for (const warning of warnings) notice(`warning: ${warning}`)
    // The portfolio is opened (file checks, workbook, header mapping) before a run is recorded:
    // a file refused here leaves no run behind. The reader is closed once the plan is made.
    const reading = yield* Scope.make()
    yield* Effect.addFinalizer(() => Scope.close(reading, Exit.void))
    const openPortfolio = readPortfolio(options.portfolio, {
      map: plan.map,
      sheet: plan.sheet ?? undefined,
      maxFileBytes: plan.maxFileMb * 1024 * 1024,
      maxCsvBytes: plan.maxCsvMb === undefined ? undefined : plan.maxCsvMb * 1024 * 1024
    }).pipe(Scope.extend(reading))
    const portfolio =
      resumedRow === undefined || resumedRow.status === "planning" ? yield* openPortfolio : undefined

    const run =
      resumedRow ??
      (yield* recordRun({
        journal,
        portfolio: options.portfolio,
        inputSha256,
        plan,
        outRoot: options.outRoot,
        environment,
        simulated: api.simulated
      }))
    if (api.simulated) notice(SIMULATED_NOTICE)
    if (api.embedded)
      notice("No API endpoint or credentials configured: using the embedded simulator (synthetic data).")
    const opened: ScreenRun = {
      workspace,
      journal,
      steps,
      api,
      inputSha256,
      run,
      resumed: resumedRow !== undefined,
      plan,
      requestOptions,
      portfolio,
      openPortfolio,
      reading
    }
    return opened
  })
