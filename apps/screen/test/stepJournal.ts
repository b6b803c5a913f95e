import { makeSqlStepJournal } from "@nordscreen/core/sql"
import { Effect, Layer } from "effect"
import { executionKeyOf } from "../src/execute/executeRun.js"
import { journalLayer } from "../src/journal/Journal.js"

/**
 * As if the process had died inside the create POST of `key` in `runId`: core's step journal
 * holds the "attempted" marker and no answer.
 */
export const markCreateAttempted = (workspace: string, runId: string, key: string): Promise<void> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Layer.build(journalLayer(workspace)), (context) =>
        Effect.flatMap(makeSqlStepJournal().pipe(Effect.provide(context)), (steps) =>
          steps.write(executionKeyOf(runId, key), "create", { state: "attempted", value: null })
        )
      )
    )
  )
