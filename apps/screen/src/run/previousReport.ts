import type { Adapter } from "@nordscreen/core"
import { Effect, Option } from "effect"
import type { JournalShape } from "../journal/Journal.js"
import { assembleReport } from "../report/assembleReport.js"
import { reportContent } from "../report/buildReport.js"
import { runMetadata } from "../report/runMetadata.js"
import { decodePlan } from "./decodePlan.js"

/** The previous completed run of the workspace, as a report, for the Changes sheet. */
export const previousReport = (
  journal: JournalShape,
  runId: string,
  adapters: ReadonlyArray<Adapter.AnyAdapter>
) =>
  Effect.gen(function* () {
    const previous = yield* journal.lastCompleted(runId)
    if (Option.isNone(previous)) return undefined
    const run = previous.value
    const plan = yield* decodePlan(run)
    const content = yield* reportContent(journal, run.run_id, adapters)
    return assembleReport(
      run,
      runMetadata(run, plan, {}, run.finished_at ?? run.started_at, null, null),
      content,
      []
    )
  })
