import type { Simulator } from "@nordscreen/simulator"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AmlEngine, AmlHttp, SessionInfo } from "../src/index.js"
import { startTestSimulator, testSettings } from "./support/simulator.js"
import { runWith } from "./support/run.js"

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.stop()
})

const answer = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: new TextEncoder().encode(body)
})

const facts = { requestId: "req-1", subject: "9100***12" }

describe("apiError", () => {
  it("decodes the contract's error body", () => {
    const error = AmlHttp.apiError(
      answer(
        400,
        JSON.stringify({
          status: 400,
          error: "Bad Request",
          errorCode: "INVALID_IDENTIFIER",
          message: "identifier fails mod-11",
          details: [{ field: "identifier", issue: "checksum" }],
          unknownField: true
        })
      ),
      facts
    )
    expect(error._tag).toBe("ApiValidationError")
    expect(error._tag === "ApiValidationError" && error.fields).toEqual([
      { field: "identifier", issue: "checksum" }
    ])
    expect(error.message).toContain("INVALID_IDENTIFIER")
  })

  it("copes with empty, HTML and OAuth-style bodies", () => {
    expect(AmlHttp.apiError(answer(503, ""), facts)).toMatchObject({
      _tag: "ServiceUnavailable",
      status: 503,
      errorCode: "HTTP_503"
    })
    expect(AmlHttp.apiError(answer(502, "<html><body>Bad gateway</body></html>"), facts)).toMatchObject({
      _tag: "ServiceUnavailable",
      detail: "HTML error page"
    })
    expect(
      AmlHttp.apiError(
        answer(401, JSON.stringify({ error: "invalid_token", error_description: "expired" })),
        facts
      )
    ).toMatchObject({ _tag: "Unauthorized", errorCode: "invalid_token", detail: "expired" })
  })

  it("maps every status of contract §10.1 to a typed error", () => {
    const tags = [403, 404, 409, 410, 429, 500, 418].map(
      (status) => AmlHttp.apiError(answer(status, "{}"), facts)._tag
    )
    expect(tags).toEqual([
      "Forbidden",
      "SessionNotFound",
      "EntityFailed",
      "ResultExpired",
      "RateLimited",
      "ServiceUnavailable",
      "UnexpectedResponse"
    ])
    const limited = AmlHttp.apiError(answer(429, "", { "retry-after": "2" }), facts)
    expect(limited._tag === "RateLimited" && limited.retryAfterMs).toBe(2_000)
  })
})

describe("decodeSessionInfo", () => {
  it("reads the contract's shape and ignores unknown fields", () => {
    const info = Either.getOrThrow(
      SessionInfo.decodeSessionInfo({
        sessionId: "s1",
        status: "IN_PROGRESS",
        jsonData: { status: "READY", href: "/organization/session/no/s1/json", extra: 1 },
        reports: { aml: { status: "NOT_STARTED" } },
        somethingNew: { nested: true }
      })
    )
    expect(info.jsonData?.status).toBe("READY")
    expect(info.jsonData?.href).toBe("/organization/session/no/s1/json")
    expect(info.reports["aml"]?.status).toBe("NOT_STARTED")
  })

  it("accepts flat <type>-report keys and plain status strings (§6.2 tolerance)", () => {
    const info = Either.getOrThrow(
      SessionInfo.decodeSessionInfo({
        sessionId: "s1",
        jsonData: "IN_PROGRESS",
        "aml-report": "NOT_STARTED",
        status: null
      })
    )
    expect(info.jsonData?.status).toBe("IN_PROGRESS")
    expect(info.reports["aml"]?.status).toBe("NOT_STARTED")
    expect(info.status).toBe("UNKNOWN")
  })

  it("keeps an unknown status as an open string and reads the session error", () => {
    const info = Either.getOrThrow(
      SessionInfo.decodeSessionInfo({
        status: "FAILED",
        jsonData: { status: "PAUSED" },
        error: { status: 0, errorCode: "SOURCE_UNAVAILABLE", message: "registry down" }
      })
    )
    expect(info.jsonData?.status).toBe("PAUSED")
    expect(info.error).toEqual({ errorCode: "SOURCE_UNAVAILABLE", message: "registry down" })
  })
})

describe("AmlHttp against the simulator", () => {
  const scopes = ["aml_organization/basic"]
  const layer = () => AmlEngine.amlEngineLayer({ settings: testSettings(sim) })

  it("a rejected identifier is an ApiValidationError, and nothing is created", async () => {
    const result = await runWith(
      layer(),
      Effect.flatMap(AmlHttp.AmlHttp, (http) =>
        Effect.either(
          http.createSession("/organization/session/no", { identifier: "12345", nationality: "NO" }, scopes, {
            reference: "ref",
            entityKeyHash: "hash"
          })
        )
      )
    )
    expect(Either.isLeft(result) && result.left._tag).toBe("ApiValidationError")
    expect(Either.isLeft(result) && "errorCode" in result.left && result.left.errorCode).toBe(
      "INVALID_IDENTIFIER"
    )
    expect(sim.stats().sessionsCreated).toBe(0)
  })

  it("an unknown session is SessionNotFound", async () => {
    const result = await runWith(
      layer(),
      Effect.flatMap(AmlHttp.AmlHttp, (http) =>
        Effect.either(
          http.sessionInfo(
            `${sim.url}/organization/session/no/00000000-0000-4000-8000-000000000000`,
            scopes,
            {}
          )
        )
      )
    )
    expect(Either.isLeft(result) && result.left._tag).toBe("SessionNotFound")
  })

  it("follows hrefs on the API's origin only, so the token never goes elsewhere", async () => {
    const [own, foreign, missing] = await runWith(
      layer(),
      Effect.map(AmlHttp.AmlHttp, (http) => [
        http.resolve("/organization/session/no/s1/json", "fallback"),
        http.resolve("https://attacker.example/steal", "fallback"),
        http.resolve(undefined, "fallback")
      ])
    )
    expect(own).toBe(`${sim.url}/organization/session/no/s1/json`)
    expect(foreign).toBe("fallback")
    expect(missing).toBe("fallback")
  })
})
