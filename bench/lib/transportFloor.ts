// The transport floor of the CPU benchmark: the HTTP work of one session without the engine.
//
// The same exchanges as the engine's for the bench adapter, done as plainly as Node allows:
// one token for the whole run, undici's raw `dispatch` on keep-alive connections (the engine's
// transport too), a bare node:http webhook receiver. Per session: create POST with a webhook
// subscription, wait for JsonDataReady, GET session info, GET the JSON, GET the PDF; the bodies
// are parsed and hashed as the engine does. No rate gate, journal, retries, schemas, metrics or
// fibers: what is left is what any client must pay for these calls on this machine.
import { createHash, randomBytes, randomUUID } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Agent, type Dispatcher } from "undici"

interface Answer {
  readonly status: number
  readonly body: Buffer
}

/** One exchange on the raw dispatcher API, body collected. */
const exchange = (agent: Agent, options: Dispatcher.DispatchOptions): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let status = 0
    agent.dispatch(options, {
      onConnect: () => {},
      onHeaders: (code: number) => {
        status = code
        return true
      },
      onData: (chunk: Buffer) => {
        chunks.push(chunk)
        return true
      },
      onComplete: () =>
        resolve({ status, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }),
      onError: reject
    })
  })

const token = async (tokenUrl: string): Promise<string> => {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from("simulator-client:simulator-secret").toString("base64")}`
    },
    body: "grant_type=client_credentials&scope=aml_organization/basic"
  })
  const body: unknown = await response.json()
  if (
    typeof body !== "object" ||
    body === null ||
    !("access_token" in body) ||
    typeof body.access_token !== "string"
  )
    throw new Error("no access token")
  return body.access_token
}

export interface TransportFloor {
  /** Screens `count` organizations, `concurrency` at a time. */
  readonly screenMany: (numbers: ReadonlyArray<string>, concurrency: number) => Promise<void>
  readonly close: () => Promise<void>
}

export const makeTransportFloor = async (
  apiUrl: string,
  tokenUrl: string,
  events: ReadonlyArray<string>
): Promise<TransportFloor> => {
  const { origin, pathname } = new URL(apiUrl)
  const base = pathname.replace(/\/$/, "")
  const agent = new Agent({ connections: 256, keepAliveTimeout: 2_000, keepAliveMaxTimeout: 2_000 })
  const authorization = `Bearer ${await token(tokenUrl)}`
  const waiting = new Map<string, () => void>()
  const early = new Set<string>()

  const receive = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const payload: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"))
      if (typeof payload === "object" && payload !== null && "sessionId" in payload && "status" in payload) {
        const id = String(payload.sessionId)
        if (payload.status === "JsonDataReady") {
          const wake = waiting.get(id)
          if (wake === undefined) early.add(id)
          else {
            waiting.delete(id)
            wake()
          }
        }
      }
      response.statusCode = 204
      response.end()
    })
  }
  const server = createServer(receive)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`

  const call = (method: "GET" | "POST", path: string, accept: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization, accept, "x-request-id": randomUUID() }
    if (body !== undefined) headers["content-type"] = "application/json"
    return exchange(agent, {
      origin,
      path: `${base}${path}`,
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body)
    })
  }

  const jsonReady = (id: string) =>
    new Promise<void>((resolve) => {
      if (early.delete(id)) resolve()
      else waiting.set(id, resolve)
    })

  const screenOne = async (identifier: string) => {
    const created = await call("POST", "/organization/session/no", "application/json", {
      identifier,
      nationality: "NO",
      expands: ["keyInformation", "links.reports.aml"],
      reference: createHash("sha256").update(identifier).digest("hex"),
      webhook: { url: hookUrl, events, authorization: `Bearer ${randomBytes(32).toString("base64url")}` }
    })
    const { sessionId } = JSON.parse(created.body.toString("utf8")) as { sessionId: string }
    await jsonReady(sessionId)
    const session = `/organization/session/no/${sessionId}`
    JSON.parse((await call("GET", session, "application/json")).body.toString("utf8"))
    const json = await call("GET", `${session}/json`, "application/json")
    JSON.parse(json.body.toString("utf8"))
    createHash("sha256").update(json.body).digest("hex")
    const pdf = await call("GET", `${session}/report/aml`, "application/pdf")
    createHash("sha256").update(pdf.body).digest("hex")
  }

  return {
    screenMany: async (numbers, concurrency) => {
      let next = 0
      const worker = async () => {
        while (next < numbers.length) await screenOne(numbers[next++] as string)
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
    },
    close: async () => {
      server.close()
      server.closeAllConnections()
      await agent.destroy()
    }
  }
}
