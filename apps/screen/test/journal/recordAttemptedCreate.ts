import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer } from "effect"
import { makeStepTable } from "../../src/execute/sqliteDurableSteps.js"
import { journalLayer } from "../../src/journal/Journal.js"
import { JournalWriter } from "../../src/journal/JournalWriter.js"

/**
 * Records, in `workspace`'s journal, an attempted create of entity `key` of run `runId` without
 * its answer: as if the process had died inside the create POST. (Temporary, while the step
 * records are read and written by the runner; with core's step store it writes through core.)
 */
export const recordAttemptedCreate = (workspace: string, runId: string, key: string): Promise<void> =>
  Effect.runPromise(
    Effect.scoped(
      Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
        makeStepTable(Context.get(ctx, SqlClient.SqlClient), Context.get(ctx, JournalWriter)).write(
          runId,
          key,
          "create",
          { state: "attempted", valueJson: null }
        )
      )
    )
  )
