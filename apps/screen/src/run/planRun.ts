import { Effect, Exit, Scope } from "effect"
import { missingRowsText } from "../plan/Planner.js"
import { planIntoJournal } from "../plan/planIntoJournal.js"
import { planTakeovers, type TakeoverPlan } from "../plan/planTakeovers.js"
import type { ScreenOptions } from "./ScreenOptions.js"
import type { ScreenRun } from "./ScreenRun.js"

const takeoverNotice = (t: TakeoverPlan): string =>
  [
    ...(t.sessions === 0
      ? []
      : [
          `Run ${t.fromRunId} of this input created ${t.sessions} session(s) whose results it did not download and that may still hold them (results live 2 h): this run follows those sessions instead of paying for new ones (one that turns out gone is created again).`
        ]),
    ...(t.unknown === 0
      ? []
      : [
          `Run ${t.fromRunId} sent ${t.unknown} create request(s) whose outcome is unknown: not sent again (CreateOutcomeUnknown) unless --retry-unknown.`
        ])
  ].join("\n")

/**
 * Plans a run that is still planning: the portfolio's entities into the journal, then the
 * sessions a previous run of the same input left to take over. A run planned before is set running.
 */
export const planRun = (opened: ScreenRun, options: ScreenOptions) =>
  Effect.gen(function* () {
    const notice = options.notice ?? (() => {})
    const { journal, plan, run } = opened
    const runId = run.run_id
    if (run.status !== "planning") {
      yield* journal.setStatus(runId, "running", null)
      return opened
    }
    const planned = yield* planIntoJournal({
      runId,
      portfolio: opened.portfolio ?? (yield* opened.openPortfolio),
      options: plan,
      adapters: options.adapters,
      keySecret: opened.workspace.keySecret,
      journal
    }).pipe(
      // Refused halfway through (e.g. too much text in all): no API call depends on the plan yet.
      Effect.tapErrorTag("PortfolioFileError", () => journal.dropPlanningRun(runId)),
      Effect.ensuring(Scope.close(opened.reading, Exit.void))
    )
    const countsJson = JSON.stringify({
      rows: planned.counts.rows,
      entities: planned.counts.entities,
      duplicates: planned.counts.duplicates,
      rejected: planned.counts.rejected
    })
    const takeover = yield* planTakeovers({
      journal,
      runId,
      inputSha256: opened.inputSha256,
      environment: opened.api.settings.environment,
      plan,
      retryUnknown: options.retryUnknown,
      now: new Date()
    })
    if (takeover !== undefined) notice(takeoverNotice(takeover))
    // One line for the header, though every row it cost is listed among the rejected rows.
    for (const missing of planned.counts.missingColumns)
      notice(`${options.portfolio}: ${missing.message} ${missingRowsText(missing)}`)
    const sourceJson = JSON.stringify({ ...planned.source, file: options.portfolio })
    yield* journal.setPlanned(runId, sourceJson, countsJson)
    const running: ScreenRun = {
      ...opened,
      run: { ...run, status: "running", source_json: sourceJson, counts_json: countsJson }
    }
    return running
  })
