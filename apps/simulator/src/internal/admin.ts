import type { IncomingMessage } from "node:http"
import type { SimulatorConfig, SimulatorConfigPatch, SimulatorStats } from "../SimulatorOptions.js"
import { checkPatch } from "./config.js"
import { type ApiErrorInput, isRecord, parseJson, readBody } from "./http.js"
import { errorReply, jsonReply, type Reply } from "./reply.js"

export interface AdminPort {
  readonly now: () => number
  readonly stats: () => SimulatorStats
  readonly reset: () => void
  readonly advance: (ms: number) => void
  readonly getConfig: () => SimulatorConfig
  readonly patchConfig: (patch: SimulatorConfigPatch) => SimulatorConfig
  readonly signingCertificatePem: string
}

type Body = { readonly _tag: "Ok"; readonly value: unknown } | { readonly _tag: "Bad"; readonly reply: Reply }

/** The simulator-only endpoints under /_sim (contract §14); never rate limited or faulted. */
export const adminRoutes = (port: AdminPort) => {
  const bad = (input: Omit<ApiErrorInput, "status">, path: string): Reply =>
    errorReply({ status: 400, ...input }, path, port.now())

  const jsonBody = async (req: IncomingMessage, path: string): Promise<Body> => {
    const body = await readBody(req, 64 * 1024)
    const parsed = body._tag === "Body" ? parseJson(body.text === "" ? "{}" : body.text) : null
    if (parsed === null || parsed._tag === "Invalid") {
      return {
        _tag: "Bad",
        reply: bad({ errorCode: "INVALID_REQUEST", message: "The body is not valid JSON" }, path)
      }
    }
    return { _tag: "Ok", value: parsed.value }
  }

  const advance = async (req: IncomingMessage, path: string): Promise<Reply> => {
    const body = await jsonBody(req, path)
    if (body._tag === "Bad") return body.reply
    const ms = isRecord(body.value) ? body.value["ms"] : undefined
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      return bad(
        {
          errorCode: "INVALID_REQUEST",
          message: "ms must be a number ≥ 0",
          details: [{ field: "ms", issue: "must be a number ≥ 0" }]
        },
        path
      )
    }
    port.advance(ms)
    return jsonReply(200, { now: new Date(port.now()).toISOString() })
  }

  const putConfig = async (req: IncomingMessage, path: string): Promise<Reply> => {
    const body = await jsonBody(req, path)
    if (body._tag === "Bad") return body.reply
    const checked = checkPatch(body.value)
    if (checked._tag === "Bad") {
      return bad(
        { errorCode: "INVALID_REQUEST", message: "Invalid configuration", details: checked.problems },
        path
      )
    }
    return jsonReply(200, port.patchConfig(checked.patch))
  }

  return async (req: IncomingMessage, name: string, path: string): Promise<Reply> => {
    const method = req.method ?? "GET"
    switch (`${method} ${name}`) {
      case "GET stats":
        return jsonReply(200, port.stats())
      case "POST reset":
        port.reset()
        return jsonReply(200, { reset: true })
      case "GET clock":
        return jsonReply(200, { now: new Date(port.now()).toISOString() })
      case "POST clock/advance":
        return advance(req, path)
      case "GET config":
        return jsonReply(200, port.getConfig())
      case "PUT config":
        return putConfig(req, path)
      case "GET signing-certificate":
        return {
          status: 200,
          headers: { "content-type": "application/x-pem-file" },
          body: port.signingCertificatePem
        }
      default:
        return errorReply(
          { status: 404, errorCode: "NOT_FOUND", message: "No such admin endpoint" },
          path,
          port.now()
        )
    }
  }
}
