import { Effect } from "effect"
import { assembleReport } from "../report/assembleReport.js"
import { reportContent } from "../report/buildReport.js"
import { diffRuns } from "../report/diffRuns.js"
import { runMetadata } from "../report/runMetadata.js"
import { writeReports } from "../report/writeReports.js"
import { outputError } from "./outputError.js"
import { previousReport } from "./previousReport.js"
import type { ScreenOptions } from "./ScreenOptions.js"
import type { ScreenRun } from "./ScreenRun.js"

/**
 * Writes the reports of a run (compared with the previous completed run of the workspace) and
 * records it completed, or interrupted when the user stopped it.
 */
export const reportRun = (executed: ScreenRun, options: ScreenOptions, interrupted: boolean) =>
  Effect.gen(function* () {
    const { journal, run } = executed
    const runId = run.run_id
    const content = yield* reportContent(journal, runId, options.adapters)
    const previous = yield* previousReport(journal, runId, options.adapters)
    const finishedAt = new Date().toISOString()
    const takenOver = (yield* journal.takeoverCounts(runId)) ?? null
    const metadata = runMetadata(
      run,
      executed.plan,
      options.reportOptions,
      finishedAt,
      previous?.run.runId ?? null,
      takenOver
    )
    const draft = assembleReport(run, metadata, content, [])
    const changes = previous === undefined ? [] : diffRuns(previous, draft)
    const report = assembleReport(run, metadata, content, changes)
    const recorded = new Map(
      (yield* journal.artifacts(runId)).map((a) => [a.path, { bytes: a.bytes, sha256: a.sha256 }] as const)
    )
    yield* Effect.tryPromise({
      try: () => writeReports(run.out_dir, report, recorded),
      catch: outputError(run.out_dir)
    })
    yield* journal.setStatus(
      runId,
      interrupted ? "interrupted" : "completed",
      interrupted ? null : finishedAt
    )
    return report
  })
