import { STATUS_CODES } from "node:http"
import { expect } from "vitest"
import type { Reply } from "./http.js"
import { obj } from "./http.js"
import { apiError, check } from "./shapes.js"

export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/

/** Asserts an error answer of §10.1–§10.3: status, JSON body of §10.2 and its error code. */
export const expectApiError = (reply: Reply, status: number, errorCode?: string): void => {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get("content-type") ?? "").toMatch(/^application\/json/)
  expect(check(apiError, reply.body)).toEqual([])
  const body = obj(reply.body, "error body")
  expect(body["status"]).toBe(status)
  expect(body["error"]).toBe(STATUS_CODES[status])
  if (errorCode !== undefined) expect(body["errorCode"]).toBe(errorCode)
  expect(body["timestamp"]).toMatch(ISO_UTC)
}
