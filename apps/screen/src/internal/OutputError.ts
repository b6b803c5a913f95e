import { Data } from "effect"

/** The run directory or one of its files could not be written. */
export class OutputError extends Data.TaggedError("OutputError")<{
  readonly path: string
  readonly message: string
}> {}
