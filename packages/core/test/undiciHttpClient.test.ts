import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, Either } from "effect"
import { Agent } from "undici"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeUndiciHttpClient, TransportCause, withTimeout } from "../src/internal/undiciHttpClient.js"

/** Paths the server has received, in order. */
const received: Array<string> = []

/** A server with a few behaviours, chosen by path. */
const handle = (request: IncomingMessage, response: ServerResponse) => {
  received.push(request.url ?? "")
  const chunks: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => chunks.push(chunk))
  request.on("end", () => {
    if (request.url?.startsWith("/slow")) return setTimeout(() => response.end("late"), 500)
    if (request.url?.startsWith("/drop")) return request.socket.destroy()
    response.setHeader("content-type", "application/json")
    response.setHeader("x-echo", "a")
    response.appendHeader("x-twice", ["1", "2"])
    response.end(
      JSON.stringify({
        method: request.method,
        url: request.url,
        contentType: request.headers["content-type"] ?? null,
        authorization: request.headers["authorization"] ?? null,
        body: Buffer.concat(chunks).toString("utf8")
      })
    )
  })
}

let server: Server
let origin: string
const agent = new Agent({ keepAliveTimeout: 2_000 })
const client = makeUndiciHttpClient(agent)

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await agent.destroy()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const failureCause = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.runPromise(
    Effect.flip(client.execute(request)).pipe(
      Effect.map((error) => (error._tag === "RequestError" ? error.cause : undefined))
    )
  )

describe("undiciHttpClient", () => {
  it("sends method, query, headers and body; answers with status, headers and the whole body", async () => {
    const request = HttpClientRequest.post(`${origin}/echo`).pipe(
      HttpClientRequest.setUrlParam("page", "2"),
      HttpClientRequest.setHeader("authorization", "Bearer t"),
      HttpClientRequest.bodyUnsafeJson({ a: 1 })
    )
    const answer = await Effect.runPromise(
      Effect.flatMap(client.execute(request), (response) =>
        Effect.map(response.json, (json) => ({ status: response.status, headers: response.headers, json }))
      )
    )
    expect(answer.status).toBe(200)
    expect(answer.headers["x-echo"]).toBe("a")
    expect(answer.headers["x-twice"]).toBe("1, 2")
    expect(answer.json).toEqual({
      method: "POST",
      url: "/echo?page=2",
      contentType: "application/json",
      authorization: "Bearer t",
      body: '{"a":1}'
    })
  })

  it("is an HttpClient: works through HttpClient combinators", async () => {
    const status = await Effect.runPromise(
      HttpClient.get(`${origin}/x`).pipe(
        Effect.map((response) => response.status),
        Effect.provideService(HttpClient.HttpClient, client)
      )
    )
    expect(status).toBe(200)
  })

  it("applies its own timeout, after the request was sent", async () => {
    const cause = await failureCause(withTimeout(HttpClientRequest.get(`${origin}/slow`), 100))
    expect(cause).toBeInstanceOf(TransportCause)
    expect(cause instanceof TransportCause && [cause.code, cause.sent]).toEqual(["TIMEOUT", true])
  })

  it("tells a request that never left from one the server may have received", async () => {
    const refused = await failureCause(HttpClientRequest.post("http://127.0.0.1:9/refused"))
    expect(refused instanceof TransportCause && [refused.code, refused.sent]).toEqual(["ECONNREFUSED", false])
    const dropped = await failureCause(HttpClientRequest.post(`${origin}/drop`))
    expect(dropped instanceof TransportCause && dropped.sent).toBe(true)
  })

  it("a request that timed out waiting for a connection is never written afterwards", async () => {
    const single = new Agent({ connections: 1 })
    const narrow = makeUndiciHttpClient(single)
    try {
      const slow = Effect.runPromise(Effect.either(narrow.execute(HttpClientRequest.get(`${origin}/slow`))))
      const queued = await Effect.runPromise(
        Effect.flip(narrow.execute(withTimeout(HttpClientRequest.post(`${origin}/queued`), 100)))
      )
      const cause = queued._tag === "RequestError" ? queued.cause : undefined
      expect(cause instanceof TransportCause && [cause.code, cause.sent]).toEqual(["TIMEOUT", false])
      await slow
      // One connection, requests leave in order: had the timed-out request stayed in the queue,
      // it would reach the server before this one.
      const after = await Effect.runPromise(
        Effect.either(narrow.execute(HttpClientRequest.get(`${origin}/after`)))
      )
      expect(Either.isRight(after)).toBe(true)
      expect(received).toContain("/after")
      expect(received).not.toContain("/queued")
    } finally {
      await single.destroy()
    }
  })

  it("refuses a URL that is not absolute http(s)", async () => {
    const result = await Effect.runPromise(Effect.either(client.execute(HttpClientRequest.get("ftp://x/y"))))
    expect(Either.isLeft(result) && result.left._tag === "RequestError" && result.left.reason).toBe(
      "InvalidUrl"
    )
  })
})
