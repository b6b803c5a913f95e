import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

export interface Delivery {
  readonly path: string
  readonly method: string
  readonly headers: IncomingHttpHeaders
  readonly text: string
  readonly body: unknown
}

export interface Receiver {
  readonly url: (path: string) => string
  readonly deliveries: ReadonlyArray<Delivery>
  readonly at: (path: string) => ReadonlyArray<Delivery>
  /** Decides the answer per delivery; default 200. */
  respond: (delivery: Delivery, attemptsSoFar: number) => number
  /** Delay before answering, to simulate a slow receiver (null: never answers); default none. */
  delayMs: (delivery: Delivery, attemptsSoFar: number) => number | null
  readonly close: () => Promise<void>
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A real webhook receiver on 127.0.0.1 that records every POST. */
export const startReceiver = async (): Promise<Receiver> => {
  const deliveries: Array<Delivery> = []
  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8")
      const delivery: Delivery = {
        path: req.url ?? "",
        method: req.method ?? "",
        headers: req.headers,
        text,
        body: parse(text)
      }
      const before = deliveries.filter((d) => d.path === delivery.path && d.text === delivery.text).length
      deliveries.push(delivery)
      const status = receiver.respond(delivery, before)
      const delay = receiver.delayMs(delivery, before)
      if (delay === null) return
      setTimeout(() => {
        if (res.destroyed) return
        res.statusCode = status
        res.end()
      }, delay)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const receiver: Receiver = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    deliveries,
    at: (path) => deliveries.filter((d) => d.path === path),
    respond: () => 200,
    delayMs: () => 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return receiver
}
