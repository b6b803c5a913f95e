/** What SQLite binds: the writer turns booleans and dates into these before a statement leaves. */
export type Bindable = string | number | bigint | Uint8Array | null

/** A statement's compiled text and parameters. */
export type CompiledStatement = readonly [sql: string, params: ReadonlyArray<Bindable>]

/** Settings of the writer thread. */
export interface WriterData {
  readonly filename: string
  readonly windowMs: number
}

/** A file the writer thread writes durably (flushed, renamed into place, its directory synced). */
export interface DurableFile {
  /** Absolute path. */
  readonly path: string
  readonly bytes: Uint8Array
}

/**
 * One atomic write: its files are durably in place before its statements commit, and its
 * statements commit together or not at all (not at all if a file cannot be written).
 */
export interface WrittenStatements {
  readonly id: number
  readonly statements: ReadonlyArray<CompiledStatement>
  readonly files?: ReadonlyArray<DurableFile> | undefined
}

/**
 * Main thread → writer thread: the writes gathered while the writer was busy (one message per
 * commit: the main thread sends the next one when the writer says it is idle), or close.
 */
export type WriterRequest =
  | { readonly type: "write"; readonly writes: ReadonlyArray<WrittenStatements> }
  | { readonly type: "close" }

/** Writer thread → main thread. */
export type WriterReply =
  | { readonly type: "open" }
  | { readonly type: "openFailed"; readonly reason: string }
  /**
   * What one flush committed (`done`: in `commits` transactions) and the writes that failed
   * (alone, after their batch failed, or because a file of theirs could not be written);
   * `idle`: every write received so far is answered, the next message of writes may come.
   */
  | {
      readonly type: "batch"
      readonly done: ReadonlyArray<number>
      readonly failed: ReadonlyArray<readonly [id: number, reason: string]>
      readonly commits: number
      readonly idle: boolean
    }
  | { readonly type: "closed" }
