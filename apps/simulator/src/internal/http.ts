import { type IncomingMessage, STATUS_CODES } from "node:http"

export interface ErrorDetail {
  readonly field: string
  readonly issue: string
}

/** The error body of contract §10.2. */
export interface ApiErrorBody {
  readonly status: number
  readonly error: string
  readonly errorCode: string
  readonly message: string
  readonly path: string | null
  readonly timestamp: string
  readonly traceId: string | null
  readonly details: ReadonlyArray<ErrorDetail> | null
}

const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? "Unknown"

export interface ApiErrorInput {
  readonly status: number
  readonly errorCode: string
  readonly message: string
  readonly details?: ReadonlyArray<ErrorDetail>
  readonly headers?: Readonly<Record<string, string>>
}

export const apiErrorBody = (input: ApiErrorInput, path: string | null, nowMs: number): ApiErrorBody => ({
  status: input.status,
  error: reasonPhrase(input.status),
  errorCode: input.errorCode,
  message: input.message,
  path,
  timestamp: new Date(nowMs).toISOString(),
  traceId: null,
  details: input.details === undefined || input.details.length === 0 ? null : input.details
})

export type BodyResult =
  | { readonly _tag: "Body"; readonly text: string }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Aborted" }

/** Reads a request body as UTF-8, refusing anything above `limit` bytes. */
export const readBody = (req: IncomingMessage, limit: number): Promise<BodyResult> =>
  new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    let size = 0
    let settled = false
    const settle = (result: BodyResult) => {
      if (settled) return
      settled = true
      resolve(result)
    }
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        settle({ _tag: "TooLarge" })
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => settle({ _tag: "Body", text: Buffer.concat(chunks).toString("utf8") }))
    req.on("error", () => settle({ _tag: "Aborted" }))
    req.on("close", () => settle({ _tag: "Aborted" }))
  })

/** Media type without parameters, lower case; "" when absent. */
export const mediaType = (req: IncomingMessage): string => {
  const header = req.headers["content-type"]
  if (header === undefined) return ""
  return (header.split(";")[0] ?? "").trim().toLowerCase()
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

export type JsonParse = { readonly _tag: "Ok"; readonly value: unknown } | { readonly _tag: "Invalid" }

export const parseJson = (text: string): JsonParse => {
  try {
    return { _tag: "Ok", value: JSON.parse(text) }
  } catch {
    return { _tag: "Invalid" }
  }
}
