import type { SourceInfo, SheetRow } from "../SheetRow.js"

/** A reader's output: how the file was read, and its records in batches (header included). */
export interface RawSource {
  readonly info: SourceInfo
  readonly batches: AsyncGenerator<ReadonlyArray<SheetRow>, void, undefined>
  /** A guess at the number of records from the file size and a sample, when the reader has one. */
  readonly estimatedRows?: number | undefined
}

export const BATCH_SIZE = 128
