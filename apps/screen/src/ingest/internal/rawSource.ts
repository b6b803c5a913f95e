import type { SourceInfo, SheetRow } from "../SheetRow.js"

/** A reader's output: how the file was read, and its records in batches (header included). */
export interface RawSource {
  readonly info: SourceInfo
  readonly batches: AsyncGenerator<ReadonlyArray<SheetRow>, void, undefined>
}

export const BATCH_SIZE = 128
