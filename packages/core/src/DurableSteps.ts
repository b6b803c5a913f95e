import { Context, Effect, Either, Layer, Option, ParseResult, Schema, SchemaAST } from "effect"
import { JournalError } from "./Errors.js"

/**
 * The port the session lifecycle is written against (architecture "Durable steps"). A step
 * runs once per (entity, step name); its result is recorded encoded, and a replay returns the
 * recorded value without running the step again.
 */
export interface StepRecord {
  /**
   * `attempted`: the step started but its result was never recorded. `refused`: the step's
   * outside effect surely did not happen (the API refused it), so it may run again.
   */
  readonly state: "attempted" | "refused" | "done"
  /** The step's result, encoded with the step's schema (JSON-safe); null unless `done`. */
  readonly value: unknown
}

/** Storage of step records. The CLI implements it on its SQLite run journal. */
export interface StepJournal {
  readonly read: (entityKey: string, step: string) => Effect.Effect<StepRecord | undefined, JournalError>
  readonly write: (entityKey: string, step: string, record: StepRecord) => Effect.Effect<void, JournalError>
}

export interface StepOptions {
  /**
   * The caller knows nothing can be recorded for this step yet (its session was created just
   * now): the journal is not asked first. An interpreter may ignore this and ask anyway.
   */
  readonly fresh?: boolean | undefined
}

export interface AttemptOptions<A, E, U> {
  /** Run the step again although an earlier attempt left no result (`--retry-unknown`). */
  readonly retryUnknown: boolean
  /** The error for a step that was attempted but whose result is unknown. */
  readonly onUnknown: () => U
  /**
   * True for a failure after which the outside effect surely did not happen: the attempt is
   * then recorded `refused` instead of staying `attempted`. Omitted: no failure is.
   */
  readonly refused?: ((error: E) => boolean) | undefined
  /**
   * Finds the result of an attempt whose answer was lost (for a create: the session an
   * authenticated webhook names). Asked when the step failed after its marker with anything but
   * a refusal, and when a replay finds a marker without a result; a value found is recorded as
   * the step's result. Interruptible: it only waits and reads.
   */
  readonly recover?: Effect.Effect<Option.Option<A>> | undefined
}

/**
 * Steps are uninterruptible: an interruption lands before a step or after its result is
 * recorded, never between an outside effect and its record. Waiting between steps is not a step.
 */
export interface DurableStepsShape {
  /** The recorded result of a finished step, without running anything. */
  readonly replay: <A, I>(
    entityKey: string,
    name: string,
    schema: Schema.Schema<A, I>
  ) => Effect.Effect<Option.Option<A>, JournalError>
  readonly step: <A, I, E, R>(
    entityKey: string,
    name: string,
    schema: Schema.Schema<A, I>,
    effect: Effect.Effect<A, E, R>,
    options?: StepOptions
  ) => Effect.Effect<A, E | JournalError, R>
  /**
   * A step with an outside effect that must not happen twice (the create POST). `run` gets the
   * effect that records the "attempted" marker and must run it immediately before the outside
   * effect leaves the process (after any waiting for a token or a rate slot): a failure before
   * that point records nothing, as nothing was sent. Replayed with a marker but no result, the
   * step asks `recover`, then fails with `onUnknown()` unless `retryUnknown`. A failure
   * `options.refused` accepts records `refused`, and the next attempt runs without asking.
   */
  readonly attempt: <A, I, E, R, U>(
    entityKey: string,
    name: string,
    schema: Schema.Schema<A, I>,
    run: (markAttempted: Effect.Effect<void, JournalError>) => Effect.Effect<A, E | JournalError, R>,
    options: AttemptOptions<A, E, U>
  ) => Effect.Effect<A, E | U | JournalError, R>
}

export class DurableSteps extends Context.Tag("@nordscreen/core/DurableSteps")<
  DurableSteps,
  DurableStepsShape
>() {}

const decodeRecorded = <A, I>(schema: Schema.Schema<A, I>, name: string, value: unknown) =>
  Either.match(Schema.decodeUnknownEither(schema)(value), {
    onLeft: (error) =>
      Effect.fail(
        new JournalError({
          step: name,
          reason: `recorded value unreadable: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
        })
      ),
    onRight: (decoded) => Effect.succeed(decoded)
  })

/**
 * Schemas whose encoded form is their type (no transformation anywhere), by AST. A step's value
 * comes from typed code, so for these it is its own encoding and is recorded as it is.
 */
const identities = new WeakMap<SchemaAST.AST, boolean>()
const isIdentity = (ast: SchemaAST.AST): boolean => {
  let identity = identities.get(ast)
  if (identity === undefined) {
    identity = SchemaAST.encodedAST(ast) === ast
    identities.set(ast, identity)
  }
  return identity
}

const encodeWith = <A, I>(schema: Schema.Schema<A, I>, name: string, value: A) =>
  Either.match(Schema.encodeEither(schema)(value), {
    onLeft: (error) =>
      Effect.fail(new JournalError({ step: name, reason: ParseResult.TreeFormatter.formatErrorSync(error) })),
    onRight: (encoded) => Effect.succeed(encoded)
  })

/** The step semantics on top of any journal. */
export const makeDurableSteps = (journal: StepJournal): DurableStepsShape => {
  /** Runs the step and records its result before handing it on. */
  const run = <A, I, E, R>(
    entityKey: string,
    name: string,
    schema: Schema.Schema<A, I>,
    effect: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | JournalError, R> =>
    Effect.flatMap(effect, (value) => {
      const write = (encoded: unknown) =>
        Effect.as(journal.write(entityKey, name, { state: "done", value: encoded }), value)
      return isIdentity(schema.ast) ? write(value) : Effect.flatMap(encodeWith(schema, name, value), write)
    })

  const step: DurableStepsShape["step"] = (entityKey, name, schema, effect, options) =>
    options?.fresh === true
      ? Effect.uninterruptible(run(entityKey, name, schema, effect))
      : Effect.flatMap(journal.read(entityKey, name), (record) =>
          record?.state === "done"
            ? decodeRecorded(schema, name, record.value)
            : Effect.uninterruptible(run(entityKey, name, schema, effect))
        )

  const attempt: DurableStepsShape["attempt"] = <A, I, E, R, U>(
    entityKey: string,
    name: string,
    schema: Schema.Schema<A, I>,
    runStep: (markAttempted: Effect.Effect<void, JournalError>) => Effect.Effect<A, E | JournalError, R>,
    options: AttemptOptions<A, E, U>
  ) =>
    Effect.uninterruptibleMask((restore) => {
      const refused = options.refused ?? (() => false)
      const recover = options.recover
      /** The recovered result, recorded; else `otherwise`. */
      const recoverOr = <X>(otherwise: Effect.Effect<never, X>): Effect.Effect<A, X | JournalError> => {
        if (recover === undefined) return otherwise
        return Effect.flatMap(
          restore(recover),
          (found): Effect.Effect<A, X | JournalError> =>
            Option.isSome(found) ? run(entityKey, name, schema, Effect.succeed(found.value)) : otherwise
        )
      }
      const fresh = Effect.suspend(() => {
        let marked = false
        const mark = Effect.suspend(() => {
          if (marked) return Effect.void
          marked = true
          return journal.write(entityKey, name, { state: "attempted", value: null })
        })
        return Effect.catchAll(
          run(entityKey, name, schema, runStep(mark)),
          (error): Effect.Effect<A, E | JournalError> => {
            if (!marked || error instanceof JournalError) return Effect.fail(error)
            if (refused(error))
              return Effect.zipRight(
                journal.write(entityKey, name, { state: "refused", value: null }),
                Effect.fail(error)
              )
            return recoverOr(Effect.fail(error))
          }
        )
      })
      return Effect.flatMap(
        journal.read(entityKey, name),
        (record): Effect.Effect<A, E | U | JournalError, R> => {
          if (record?.state === "done") return decodeRecorded(schema, name, record.value)
          if (record?.state === "attempted" && !options.retryUnknown)
            return recoverOr(Effect.fail(options.onUnknown()))
          return fresh
        }
      )
    })

  const replay: DurableStepsShape["replay"] = (entityKey, name, schema) =>
    Effect.flatMap(journal.read(entityKey, name), (record) =>
      record?.state === "done"
        ? Effect.map(decodeRecorded(schema, name, record.value), Option.some)
        : Effect.succeed(Option.none())
    )

  return { step, attempt, replay }
}

/** A journal in memory: for library use and tests (nothing survives the process). */
export const makeMemoryJournal = (): StepJournal & {
  readonly records: ReadonlyMap<string, ReadonlyMap<string, StepRecord>>
  /** Drops an entity's records (an execution nobody will replay). */
  readonly forget: (entityKey: string) => void
} => {
  const records = new Map<string, Map<string, StepRecord>>()
  return {
    records,
    forget: (entityKey) => {
      records.delete(entityKey)
    },
    read: (entityKey, step) => Effect.sync(() => records.get(entityKey)?.get(step)),
    write: (entityKey, step, record) =>
      Effect.sync(() => {
        // Records hold encoded (JSON-safe) values only and are never mutated: kept as given.
        const steps = records.get(entityKey)
        if (steps === undefined) records.set(entityKey, new Map([[step, record]]))
        else steps.set(step, record)
      })
  }
}

export const durableStepsLayer = (journal: StepJournal): Layer.Layer<DurableSteps> =>
  Layer.succeed(DurableSteps, makeDurableSteps(journal))

export const memoryDurableStepsLayer: Layer.Layer<DurableSteps> = Layer.sync(DurableSteps, () =>
  makeDurableSteps(makeMemoryJournal())
)
