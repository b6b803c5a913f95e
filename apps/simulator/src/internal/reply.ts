import type { ServerResponse } from "node:http"
import { type ApiErrorInput, apiErrorBody } from "./http.js"

/** A response not yet written, so the pipeline can still swap it for an injected fault. */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array | null
}

export const jsonReply = (
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): Reply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body)
})

export const errorReply = (input: ApiErrorInput, path: string, nowMs: number): Reply =>
  jsonReply(input.status, apiErrorBody(input, path, nowMs), input.headers ?? {})

export const emptyReply = (status: number, headers: Readonly<Record<string, string>> = {}): Reply => ({
  status,
  headers,
  body: null
})

export const writeReply = (res: ServerResponse, reply: Reply, head: boolean): void => {
  const length =
    reply.body === null
      ? 0
      : typeof reply.body === "string"
        ? Buffer.byteLength(reply.body)
        : reply.body.byteLength
  const headers =
    reply.status === 204 || reply.body === null
      ? reply.headers
      : { ...reply.headers, "content-length": String(length) }
  res.writeHead(reply.status, headers)
  if (head || reply.body === null) res.end()
  else res.end(reply.body)
}
