import { DEFAULT_CLIENT, type Simulator, type SimulatorOptions, startSimulator } from "../src/index.js"

export const NO_ORG = "913579240"

export const start = (options: SimulatorOptions = {}): Promise<Simulator> =>
  startSimulator({ port: 0, jsonDelayMs: 30, reportDelayMs: 30, ...options })

export interface TokenOptions {
  readonly clientId?: string
  readonly clientSecret?: string
  readonly scope?: string
}

export const tokenResponse = (sim: Simulator, options: TokenOptions = {}): Promise<Response> => {
  const form = new URLSearchParams({ grant_type: "client_credentials" })
  if (options.scope !== undefined) form.set("scope", options.scope)
  const basic = Buffer.from(
    `${options.clientId ?? DEFAULT_CLIENT.clientId}:${options.clientSecret ?? DEFAULT_CLIENT.clientSecret}`
  ).toString("base64")
  return fetch(sim.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    body: form
  })
}

export const accessToken = async (sim: Simulator, options: TokenOptions = {}): Promise<string> => {
  const response = await tokenResponse(sim, options)
  const body: unknown = await response.json()
  if (
    typeof body !== "object" ||
    body === null ||
    !("access_token" in body) ||
    typeof body.access_token !== "string"
  ) {
    throw new Error(`no token: ${response.status}`)
  }
  return body.access_token
}

export interface Api {
  readonly get: (path: string) => Promise<Response>
  readonly post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>
  readonly raw: (path: string, init: RequestInit) => Promise<Response>
}

export const api = (sim: Simulator, token: string): Api => {
  const url = (path: string) => (path.startsWith("http") ? path : `${sim.url}${path}`)
  const auth = { authorization: `Bearer ${token}` }
  return {
    get: (path) => fetch(url(path), { headers: auth }),
    post: (path, body, headers = {}) =>
      fetch(url(path), {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body)
      }),
    raw: (path, init) => fetch(url(path), { ...init, headers: { ...auth, ...(init.headers ?? {}) } })
  }
}

export const json = async (response: Response): Promise<Record<string, unknown>> => {
  const body: unknown = await response.json()
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not a JSON object")
  return Object.fromEntries(Object.entries(body))
}

/** Creates a session and returns its id and Location. */
export const create = async (
  client: Api,
  path: string,
  body: unknown
): Promise<{ readonly sessionId: string; readonly location: string }> => {
  const response = await client.post(path, body)
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`)
  const payload = await json(response)
  return { sessionId: String(payload["sessionId"]), location: response.headers.get("location") ?? "" }
}

export const orgBody = (extra: Record<string, unknown> = {}) => ({
  identifier: NO_ORG,
  nationality: "NO",
  expands: [
    "keyInformation",
    "roles",
    "aml",
    "links.reports.aml",
    "links.reports.certificate_of_incorporation"
  ],
  ...extra
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `check` holds (real time, generous limit so slow CI does not fail). */
export const eventually = async <A>(
  probe: () => Promise<A>,
  check: (a: A) => boolean,
  limitMs = 10_000
): Promise<A> => {
  const deadline = Date.now() + limitMs
  for (;;) {
    const value = await probe()
    if (check(value) || Date.now() > deadline) return value
    await sleep(20)
  }
}

export const HOUR = 60 * 60 * 1000

/** A JSON value as a record ({} for anything else), without casts. */
export const obj = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {}
