import { expect } from "vitest"
import { type Aml, create, waitForStatus } from "./aml.js"
import { ISO_UTC } from "./errors.js"
import { arr, type Json, obj, type Reply, str } from "./http.js"
import { check, sessionInfo } from "./shapes.js"

export const TWO_HOURS = 2 * 60 * 60 * 1000

export interface Done {
  readonly sessionId: string
  readonly sessionUrl: string
  readonly info: Json
  readonly json: Json
  readonly jsonReply: Reply
}

/** Checks a session-info document against §6.2 and returns its report map. */
export const expectSessionInfo = (info: Json, expected: { resource: string; country: string }): Json => {
  expect(check(sessionInfo, info)).toEqual([])
  expect(info["resource"]).toBe(expected.resource)
  expect(info["country"]).toBe(expected.country)
  expect(info["createdAt"]).toMatch(ISO_UTC)
  expect(info["updatedAt"]).toMatch(ISO_UTC)
  expect(Date.parse(str(info["updatedAt"]))).toBeGreaterThanOrEqual(Date.parse(str(info["createdAt"])))
  return obj(info["reports"])
}

/** A READY entity carries href, readyAt and expiresAt = readyAt + 2 h (§6.2, §8). */
export const expectReady = (entity: unknown, what: string): Json => {
  const state = obj(entity, what)
  expect(state["status"], what).toBe("READY")
  expect(typeof state["href"], `${what}.href`).toBe("string")
  expect(state["readyAt"], `${what}.readyAt`).toMatch(ISO_UTC)
  expect(state["expiresAt"], `${what}.expiresAt`).toMatch(ISO_UTC)
  expect(Date.parse(str(state["expiresAt"])) - Date.parse(str(state["readyAt"]))).toBe(TWO_HOURS)
  return state
}

export const reportTypesOf = (expands: ReadonlyArray<string>): Array<string> =>
  expands.filter((e) => e.startsWith("links.reports.")).map((e) => e.slice("links.reports.".length))

/** Creates a session, polls session info to DONE and downloads the JSON through `jsonData.href`. */
export const runToDone = async (aml: Aml, path: string, body: Json): Promise<Done> => {
  const created = await create(aml, path, body)
  const info = await waitForStatus(aml, created.sessionUrl, ["DONE", "FAILED"])
  expect(info["status"], JSON.stringify(info["error"])).toBe("DONE")
  const href = str(expectReady(info["jsonData"], "jsonData")["href"])
  const jsonReply = await aml.get(href)
  expect(jsonReply.status, jsonReply.text).toBe(200)
  return { ...created, info, json: obj(jsonReply.body, "JSON result"), jsonReply }
}

export const listOf = (value: unknown, what: string): ReadonlyArray<Json> =>
  arr(value, what).map((v) => obj(v, what))
