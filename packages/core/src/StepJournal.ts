import { Effect } from "effect"
import type { JournalError } from "./Errors.js"

/** What an embedded interpreter records of one step of one execution. */
export interface StepRecord {
  /**
   * `attempted`: the step started but its result was never recorded. `refused`: the step's
   * outside effect surely did not happen (the API refused it), so it may run again.
   */
  readonly state: "attempted" | "refused" | "done"
  /** The step's result, encoded with the step's schema (JSON-safe); null unless `done`. */
  readonly value: unknown
}

/**
 * Storage of step records for the embedded interpreters: in memory (`makeMemoryJournal`) or on
 * any `@effect/sql` client (`makeSqlStepJournal` of `@nordscreen/core/sql`).
 */
export interface StepJournal {
  readonly read: (executionKey: string, step: string) => Effect.Effect<StepRecord | undefined, JournalError>
  readonly write: (
    executionKey: string,
    step: string,
    record: StepRecord
  ) => Effect.Effect<void, JournalError>
}

/** A journal in memory: for library use and tests (nothing survives the process). */
export const makeMemoryJournal = (): StepJournal & {
  readonly records: ReadonlyMap<string, ReadonlyMap<string, StepRecord>>
  /** Drops an execution's records (an execution nobody will replay). */
  readonly forget: (executionKey: string) => void
} => {
  const records = new Map<string, Map<string, StepRecord>>()
  return {
    records,
    forget: (executionKey) => {
      records.delete(executionKey)
    },
    read: (executionKey, step) => Effect.sync(() => records.get(executionKey)?.get(step)),
    write: (executionKey, step, record) =>
      Effect.sync(() => {
        // Records hold encoded (JSON-safe) values only and are never mutated: kept as given.
        const steps = records.get(executionKey)
        if (steps === undefined) records.set(executionKey, new Map([[step, record]]))
        else steps.set(step, record)
      })
  }
}
