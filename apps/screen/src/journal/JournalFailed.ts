import { Data } from "effect"

/** The run journal could not be opened, read or written. */
export class JournalFailed extends Data.TaggedError("JournalFailed")<{
  readonly operation: string
  readonly reason: string
}> {
  override get message(): string {
    return `run journal: ${this.operation} failed: ${this.reason}`
  }
}
