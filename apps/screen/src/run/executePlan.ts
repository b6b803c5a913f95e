import { join } from "node:path"
import { AmlEngine } from "@nordscreen/core"
import { Effect } from "effect"
import { executeRun } from "../execute/executeRun.js"
import { silentProgress } from "../execute/Progress.js"
import { makeRunArtifactSink } from "../execute/RunArtifactSink.js"
import { prepareRunDir } from "./prepareRunDir.js"
import type { ScreenOptions } from "./ScreenOptions.js"
import type { ScreenRun } from "./ScreenRun.js"

/**
 * Screens every open entity of a planned run, its artifacts into the run directory, until done
 * or until the user stops it. Succeeds with whether the run was interrupted.
 */
export const executePlan = (planned: ScreenRun, options: ScreenOptions) =>
  Effect.gen(function* () {
    const notice = options.notice ?? (() => {})
    const progress = options.progress ?? silentProgress
    const { journal, run, api } = planned
    const runId = run.run_id
    const runDir = run.out_dir
    yield* prepareRunDir(runDir)

    const before = yield* journal.counts(runId)
    const total = before.pending + before.done + before.failed
    if (planned.resumed)
      notice(
        `Resuming run ${runId} of ${options.portfolio} (started ${run.started_at}): ${before.done} of ${total} entities already screened, ${before.failed} failed earlier; continuing in ${runDir}`
      )
    else notice(`Run ${runId}: ${total} entities to screen; output in ${runDir}`)

    const sink = makeRunArtifactSink(runDir, runId, journal)
    progress.start(total, before.done)
    const execution = executeRun({
      runId,
      journal,
      sink,
      adapters: options.adapters,
      requestOptions: planned.requestOptions,
      keySecret: planned.workspace.keySecret,
      concurrency: api.settings.rate.maxSessionsInFlight,
      retryUnknown: options.retryUnknown,
      onEntity: progress.entity
    }).pipe(
      Effect.tap(() => Effect.logInfo("run finished")),
      Effect.annotateLogs({ runId, resumed: planned.resumed }),
      Effect.provide(
        AmlEngine.amlEngineLayer({
          settings: api.settings,
          journal: planned.steps,
          adapters: options.adapters,
          sink,
          logging: { level: options.logLevel, destination: join(runDir, "run.log") }
        })
      )
    )
    return yield* Effect.raceFirst(
      Effect.as(execution, false),
      Effect.as(options.stop ?? Effect.never, true)
    ).pipe(Effect.ensuring(Effect.sync(progress.stop)))
  })
