import { Effect } from "effect"
import { checkPortfolioFile } from "../ingest/checkPortfolioFile.js"
import { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import { fileSha256 } from "../internal/fileSha256.js"

const asFileError = (path: string) => (error: unknown) =>
  error instanceof PortfolioFileError
    ? error
    : new PortfolioFileError({ file: path, reason: "UNREADABLE", message: `${path} could not be read.` })

/** Hashed only once it is known to be a regular file: a FIFO or /dev/zero would never end. */
export const hashInput = (path: string) =>
  Effect.tryPromise({
    try: async () => {
      await checkPortfolioFile(path)
      return await fileSha256(path)
    },
    catch: asFileError(path)
  })
