import { expect } from "vitest"

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly bytes: Buffer
  readonly text: string
  readonly body: unknown
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const send = async (url: string, init: RequestInit = {}): Promise<Reply> => {
  const res = await fetch(url, init)
  const bytes = Buffer.from(await res.arrayBuffer())
  const text = bytes.toString("utf8")
  return { status: res.status, headers: res.headers, bytes, text, body: parseJson(text) }
}

export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Narrows wire data to an object, failing the test otherwise. */
export const obj = (value: unknown, what = "value"): Json => {
  if (!isObject(value)) expect.fail(`${what} is not a JSON object: ${JSON.stringify(value)}`)
  return value
}

export const arr = (value: unknown, what = "value"): ReadonlyArray<unknown> => {
  if (!Array.isArray(value)) expect.fail(`${what} is not a JSON array: ${JSON.stringify(value)}`)
  return value
}

export const str = (value: unknown, what = "value"): string => {
  if (typeof value !== "string") expect.fail(`${what} is not a string: ${JSON.stringify(value)}`)
  return value
}

export const num = (value: unknown, what = "value"): number => {
  if (typeof value !== "number") expect.fail(`${what} is not a number: ${JSON.stringify(value)}`)
  return value
}

export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString()

export const waitUntil = async <A>(
  probe: () => Promise<A | undefined>,
  what: string,
  timeoutMs = 15_000
): Promise<A> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
