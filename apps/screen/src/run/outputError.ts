import { OutputError } from "../internal/OutputError.js"

/** The error of a write under `path` that failed with `cause`. */
export const outputError = (path: string) => (cause: unknown) =>
  new OutputError({
    path,
    message: `cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
  })
