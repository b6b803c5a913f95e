import {
  DurableSteps,
  type DurableStepsShape,
  JournalError,
  makeDurableSteps,
  type StepJournal,
  type StepRecord
} from "@nordscreen/core"
import { Effect, Layer } from "effect"
import { Journal, type JournalShape } from "../journal/Journal.js"

/**
 * The lifecycle's execution key in this runner is `<runId>:<entity hash>`, so neither a national
 * identity number nor a raw entity key ever reaches the step table or the API's `reference`.
 */
export const executionKeyOf = (runId: string, key: string): string => `${runId}:${key}`

const splitKey = (executionKey: string): readonly [string, string] => {
  const at = executionKey.lastIndexOf(":")
  return at < 0 ? ["", executionKey] : [executionKey.slice(0, at), executionKey.slice(at + 1)]
}

const asJournalError = (step: string) => (error: { readonly message: string }) =>
  new JournalError({ step, reason: error.message })

/** Core's `StepJournal` port on the SQLite run journal; values are stored as JSON text. */
export const makeSqliteStepJournal = (journal: JournalShape): StepJournal => ({
  read: (executionKey, step) => {
    const [runId, key] = splitKey(executionKey)
    return journal.readStep(runId, key, step).pipe(
      Effect.mapError(asJournalError(step)),
      Effect.flatMap((row): Effect.Effect<StepRecord | undefined, JournalError> => {
        if (row === undefined) return Effect.succeed(undefined)
        if (row.state !== "done") return Effect.succeed({ state: row.state, value: null })
        return Effect.try({
          try: () => ({ state: "done" as const, value: JSON.parse(row.valueJson ?? "null") as unknown }),
          catch: () => new JournalError({ step, reason: "recorded value is not JSON" })
        })
      })
    )
  },
  write: (executionKey, step, record) => {
    const [runId, key] = splitKey(executionKey)
    return journal
      .writeStep(runId, key, step, {
        state: record.state,
        valueJson: record.state === "done" ? JSON.stringify(record.value) : null
      })
      .pipe(Effect.mapError(asJournalError(step)))
  }
})

/**
 * Core's step semantics on the SQLite journal. Core's steps are uninterruptible: Ctrl-C lands
 * between steps (or while a session is awaited), never between a POST and the record of its
 * session id, nor between a download and the record of its file.
 */
export const makeSqliteDurableSteps = (journal: JournalShape): DurableStepsShape =>
  makeDurableSteps(makeSqliteStepJournal(journal))

export const sqliteDurableStepsLayer: Layer.Layer<DurableSteps, never, Journal> = Layer.effect(
  DurableSteps,
  Effect.map(Journal, makeSqliteDurableSteps)
)
