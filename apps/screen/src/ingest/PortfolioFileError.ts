import { Data } from "effect"

/**
 * Why a whole portfolio file cannot be read. `reason` is a stable code for tests and scripts;
 * `message` is a sentence for the user. Neither ever contains a cell value that could be a
 * national identity number.
 */
export type FileErrorReason =
  | "NOT_FOUND"
  | "NOT_A_FILE"
  | "UNREADABLE"
  | "EMPTY"
  | "NO_ROWS"
  | "BINARY"
  | "TOO_LARGE"
  | "UNSUPPORTED_FORMAT"
  | "MALFORMED_CSV"
  | "HEADER_TOO_LONG"
  | "NOT_A_WORKBOOK"
  | "ENCRYPTED"
  | "ZIP_BOMB"
  | "SHEET_NOT_FOUND"
  | "TIMEOUT"
  | "OUT_OF_MEMORY"
  | "NO_HEADER"
  | "NO_IDENTIFIER_COLUMN"
  | "DUPLICATE_COLUMN"
  | "BAD_MAPPING"

export class PortfolioFileError extends Data.TaggedError("PortfolioFileError")<{
  readonly file: string
  readonly reason: FileErrorReason
  readonly message: string
}> {}
