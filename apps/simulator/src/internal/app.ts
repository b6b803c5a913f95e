import type { IncomingMessage, ServerResponse } from "node:http"
import type { SimulatorConfig } from "../SimulatorOptions.js"
import type { SimClock } from "./clock.js"
import { failureOf, type ReportRenderer, resultDocument, sessionInfo, sessionPath } from "./documents.js"
import type { FaultDecision, FaultInjector, InjectedFault } from "./faults.js"
import { type ApiErrorInput, mediaType, parseJson, readBody } from "./http.js"
import { discoveryDocument, handleTokenRequest } from "./oauth.js"
import type { RateLimiter } from "./rateLimiter.js"
import { emptyReply, errorReply, jsonReply, type Reply, writeReply } from "./reply.js"
import {
  type OrgCountry,
  REPORT_TYPES,
  type ReportType,
  type SessionSpec,
  validateOrganizationRequest,
  validatePersonRequest
} from "./requests.js"
import { matchRoute, type Route, type SessionAddress } from "./router.js"
import { type DataSnapshot, goneAt, type Session, type SessionStore, sessionState } from "./sessions.js"
import type { Stats } from "./stats.js"
import type { AuthContext, TokenService } from "./tokens.js"
import type { WebhookDispatcher } from "./webhooks.js"

export interface AppParts {
  readonly clock: SimClock
  readonly stats: Stats
  readonly store: SessionStore
  readonly webhooks: WebhookDispatcher
  readonly tokens: TokenService
  readonly renderer: ReportRenderer
  readonly faults: FaultInjector
  readonly limiter: RateLimiter
  readonly seed: number
  readonly organizationExpands: ReadonlySet<string>
  readonly personExpands: ReadonlySet<string>
  readonly admin: (req: IncomingMessage, name: string, path: string) => Promise<Reply>
}

const BODY_LIMIT = 64 * 1024
const RETRY_LATER = { "retry-after": "2" }

type FaultRouteName = "token" | "create" | "info" | "json" | "report"

const statsRoute = (route: Route): string => {
  switch (route.kind) {
    case "createOrganization":
    case "createPerson":
      return "create"
    case "methodNotAllowed":
      return "notFound"
    default:
      return route.kind
  }
}

const faultRoute = (route: Route): FaultRouteName | null => {
  switch (route.kind) {
    case "token":
    case "info":
    case "json":
    case "report":
      return route.kind
    case "createOrganization":
    case "createPerson":
      return "create"
    default:
      return null
  }
}

const identifierKey = (spec: SessionSpec): string => {
  if (spec.resource === "organization") return `organization/${spec.country}/${spec.identifier}`
  if (spec.ssn !== null) return `person/${spec.ssnCountry}/${spec.ssn}`
  const name = spec.name ?? `${spec.firstName ?? ""} ${spec.lastName ?? ""}`.trim()
  return `person/${spec.ssnCountry}/${name}+${spec.dateOfBirth ?? ""}`
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Request pipeline: route → injected faults → bearer token → rate limit → scope → handler. */
export class SimulatorApp {
  origin = ""
  private snapshot: { readonly config: SimulatorConfig; readonly data: DataSnapshot }

  constructor(
    private readonly parts: AppParts,
    config: SimulatorConfig
  ) {
    this.snapshot = { config, data: this.dataOf(config) }
  }

  get config(): SimulatorConfig {
    return this.snapshot.config
  }

  set config(config: SimulatorConfig) {
    this.snapshot = { config, data: this.dataOf(config) }
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.serve(req, res).catch(() => {
      if (!res.headersSent)
        writeReply(
          res,
          this.error({ status: 500, errorCode: "INTERNAL_ERROR", message: "unexpected" }, "/"),
          false
        )
      else res.destroy()
    })
  }

  private dataOf(config: SimulatorConfig): DataSnapshot {
    return { seed: this.parts.seed, pepRate: config.pepRate, sanctionRate: config.sanctionRate }
  }

  private now(): number {
    return this.parts.clock.now()
  }

  private error(input: ApiErrorInput, path: string): Reply {
    return errorReply(input, path, this.now())
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/"
    const query = url.indexOf("?")
    const path = query < 0 ? url : url.slice(0, query)
    const method = req.method ?? "GET"
    const route = matchRoute(method, path)
    if (route.kind === "admin") {
      writeReply(res, await this.parts.admin(req, route.name, path), method === "HEAD")
      return
    }
    const name = statsRoute(route)
    const outcome = await this.respond(req, route, path)
    if (outcome === "reset") {
      this.parts.stats.request(name, "reset")
      req.socket.destroy()
      return
    }
    this.parts.stats.request(name, outcome.status)
    writeReply(res, outcome, method === "HEAD")
  }

  private async respond(req: IncomingMessage, route: Route, path: string): Promise<Reply | "reset"> {
    const faultName = faultRoute(route)
    const decision = faultName === null ? null : this.parts.faults.decide(faultName, this.config, this.now())
    if (decision !== null) {
      const early = await this.earlyFault(decision, faultName === "create", path)
      if (early !== null) return early
    }
    const reply = await this.route(req, route, path)
    if (decision?.fault == null || !decision.afterCreate) return reply
    this.parts.stats.fault(reply.status === 201 ? "createAfter" : "createBefore")
    return this.inject(decision.fault, path)
  }

  /** Faults that strike before the request is processed; null lets it through. */
  private async earlyFault(
    decision: FaultDecision,
    create: boolean,
    path: string
  ): Promise<Reply | "reset" | null> {
    const { stats } = this.parts
    if (decision.openedWindow) stats.burstWindow()
    if (decision.burst429 > 0) {
      stats.fault("burst429")
      stats.rateLimited++
      return this.rateLimited(decision.burst429, path)
    }
    if (decision.slowMs > 0) {
      stats.fault("slow")
      await sleep(decision.slowMs)
    }
    if (decision.fault === null || decision.afterCreate) return null
    if (create) stats.fault("createBefore")
    return this.inject(decision.fault, path)
  }

  private inject(fault: InjectedFault, path: string): Reply | "reset" {
    this.parts.stats.fault(fault)
    switch (fault) {
      case "reset":
        return "reset"
      case "http500":
        return this.error(
          { status: 500, errorCode: "INTERNAL_ERROR", message: "Unexpected error (simulated)" },
          path
        )
      case "http502":
        // Gateways answer with their own HTML page, not the API's error body.
        return {
          status: 502,
          headers: { "content-type": "text/html" },
          body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
        }
      case "http503":
        return this.error(
          {
            status: 503,
            errorCode: "SERVICE_UNAVAILABLE",
            message: "Service temporarily unavailable (simulated)",
            headers: RETRY_LATER
          },
          path
        )
    }
  }

  private rateLimited(seconds: number, path: string): Reply {
    return this.error(
      {
        status: 429,
        errorCode: "RATE_LIMITED",
        message: "Too many requests",
        headers: { "retry-after": String(seconds) }
      },
      path
    )
  }

  private async route(req: IncomingMessage, route: Route, path: string): Promise<Reply> {
    switch (route.kind) {
      case "discovery":
        return jsonReply(200, discoveryDocument(this.origin))
      case "jwks":
        return jsonReply(200, { keys: [this.parts.tokens.jwk] })
      case "token":
        return handleTokenRequest(req, {
          tokens: this.parts.tokens,
          nowMs: this.now(),
          ttlSeconds: this.config.tokenTtlSeconds,
          tokenType: this.config.tokenType,
          onIssued: () => this.parts.stats.tokensIssued++
        })
      case "notFound":
        return this.error({ status: 404, errorCode: "NOT_FOUND", message: "No such resource" }, path)
      case "methodNotAllowed":
        return this.error(
          {
            status: 405,
            errorCode: "METHOD_NOT_ALLOWED",
            message: "Method not allowed",
            headers: { allow: route.allow }
          },
          path
        )
      default:
        return this.authorized(req, route, path)
    }
  }

  private async authorized(req: IncomingMessage, route: Route, path: string): Promise<Reply> {
    const auth = await this.parts.tokens.authenticate(req.headers.authorization, this.now())
    if (auth === null) {
      return this.error(
        {
          status: 401,
          errorCode: "INVALID_TOKEN",
          message: "Missing, malformed or expired bearer token",
          headers: { "www-authenticate": 'Bearer error="invalid_token"' }
        },
        path
      )
    }
    const limit = this.config.rateLimit
    if (limit !== null) {
      const wait = this.parts.limiter.take(auth.client.clientId, limit.rps, limit.burst, this.now())
      if (wait > 0) {
        this.parts.stats.rateLimited++
        return this.rateLimited(wait, path)
      }
    }
    const scope = this.requiredScope(route)
    if (scope !== null && !auth.scopes.has(scope)) {
      return this.error(
        {
          status: 403,
          errorCode: "INSUFFICIENT_SCOPE",
          message: `The token lacks the scope ${scope}`,
          headers: { "www-authenticate": `Bearer error="insufficient_scope", scope="${scope}"` }
        },
        path
      )
    }
    return this.handleAml(req, route, auth, path)
  }

  private requiredScope(route: Route): string | null {
    switch (route.kind) {
      case "createOrganization":
        return "aml_organization/basic"
      case "createPerson":
        return "aml_person/basic"
      case "info":
      case "json":
      case "report":
        return route.address.resource === "person" ? "aml_person/basic" : "aml_organization/basic"
      default:
        return null
    }
  }

  private async handleAml(
    req: IncomingMessage,
    route: Route,
    auth: AuthContext,
    path: string
  ): Promise<Reply> {
    switch (route.kind) {
      case "accessRights":
        return jsonReply(200, { nationalRegistry: { status: auth.client.nationalRegistryAccess } })
      case "createOrganization":
      case "createPerson":
        return this.create(req, route, auth, path)
      case "info":
        return this.withSession(route.address, auth, path, (s) =>
          jsonReply(
            200,
            sessionInfo(
              s,
              this.origin,
              this.now(),
              this.config.unrequestedReports,
              this.config.sessionInfoForm
            )
          )
        )
      case "json":
        return this.withSession(route.address, auth, path, (s) => this.json(s, path))
      case "report":
        return this.report(route.address, route.reportType, auth, path)
      default:
        return this.error({ status: 404, errorCode: "NOT_FOUND", message: "No such resource" }, path)
    }
  }

  private async create(
    req: IncomingMessage,
    route:
      | { readonly kind: "createOrganization"; readonly country: OrgCountry }
      | { readonly kind: "createPerson" },
    auth: AuthContext,
    path: string
  ): Promise<Reply> {
    if (mediaType(req) !== "application/json") {
      return this.error(
        {
          status: 415,
          errorCode: "UNSUPPORTED_MEDIA_TYPE",
          message: "Content-Type must be application/json"
        },
        path
      )
    }
    const body = await readBody(req, BODY_LIMIT)
    if (body._tag === "TooLarge") {
      return this.error(
        { status: 413, errorCode: "PAYLOAD_TOO_LARGE", message: "Request body too large" },
        path
      )
    }
    const parsed = body._tag === "Body" ? parseJson(body.text) : { _tag: "Invalid" as const }
    if (parsed._tag === "Invalid") {
      return this.error(
        { status: 400, errorCode: "INVALID_REQUEST", message: "The body is not valid JSON" },
        path
      )
    }
    const validation =
      route.kind === "createOrganization"
        ? validateOrganizationRequest(
            parsed.value,
            route.country,
            this.parts.organizationExpands,
            this.config.strict
          )
        : validatePersonRequest(parsed.value, this.parts.personExpands, this.now(), this.config.strict)
    if (validation._tag === "Invalid") return this.error(validation.error, path)
    return this.startSession(validation.value, auth)
  }

  private startSession(spec: SessionSpec, auth: AuthContext): Reply {
    const { config, data } = this.snapshot
    const client = auth.client
    const ofac = auth.scopes.has(
      spec.resource === "organization" ? "aml_organization/OFAC" : "aml_person/OFAC"
    )
    // Organizations need registry access only for beneficial owners' citizenship and birthplace;
    // persons also need an ssn issued in Norway.
    const nationalRegistry =
      client.nationalRegistryAccess === "GRANTED" &&
      (spec.resource === "organization" || (spec.ssn !== null && spec.ssnCountry === "NO"))
    const session = this.parts.store.create(
      { clientId: client.clientId, spec, ofac, nationalRegistry, data },
      this.now(),
      {
        jsonDelayMs: config.jsonDelayMs,
        reportDelayMs: config.reportDelayMs,
        jitter: config.latencyJitter,
        lifetimeMs: config.lifetimeMs,
        sessionFailRate: config.sessionFailRate
      }
    )
    this.parts.stats.sessionCreated(identifierKey(spec))
    if (session.injectedFailure !== null) this.parts.stats.fault("sessionFailed")
    this.parts.webhooks.track(session)
    return jsonReply(201, { sessionId: session.id }, { location: sessionPath(session) })
  }

  /** The caller's live session at this address; another client's session does not exist for it. */
  private find(address: SessionAddress, auth: AuthContext): Session | null {
    const session = this.parts.store.get(address.id)
    if (session === undefined || session.clientId !== auth.client.clientId) return null
    if (session.spec.resource !== address.resource) return null
    if (address.country !== null && session.spec.country !== address.country) return null
    const now = this.now()
    return now < goneAt(session, failureOf(session, now)) ? session : null
  }

  private withSession(
    address: SessionAddress,
    auth: AuthContext,
    path: string,
    use: (s: Session) => Reply
  ): Reply {
    const session = this.find(address, auth)
    if (session === null) {
      return this.error({ status: 404, errorCode: "SESSION_NOT_FOUND", message: "No such session" }, path)
    }
    return use(session)
  }

  private entityReply(status: string, path: string): Reply | null {
    switch (status) {
      case "NOT_STARTED":
      case "IN_PROGRESS":
        return emptyReply(204, RETRY_LATER)
      case "FAILED":
        return this.error({ status: 409, errorCode: "ENTITY_FAILED", message: "The entity failed" }, path)
      case "EXPIRED":
        return this.error(
          { status: 410, errorCode: "RESULT_EXPIRED", message: "The result has expired" },
          path
        )
      default:
        return null
    }
  }

  private json(session: Session, path: string): Reply {
    const now = this.now()
    const state = sessionState(session, failureOf(session, now), now)
    const early = this.entityReply(state.jsonData.status, path)
    if (early !== null) return early
    const document = resultDocument(session, this.origin)
    if (document === null)
      return this.error({ status: 409, errorCode: "ENTITY_FAILED", message: "The entity failed" }, path)
    return jsonReply(200, document)
  }

  private async report(
    address: SessionAddress,
    type: string,
    auth: AuthContext,
    path: string
  ): Promise<Reply> {
    const reportType = REPORT_TYPES.find((t) => t === type)
    if (reportType === undefined) {
      return this.error(
        {
          status: 400,
          errorCode: "UNSUPPORTED_REPORT_TYPE",
          message: `Unknown report type; use ${REPORT_TYPES.join(" or ")}`
        },
        path
      )
    }
    const session = this.find(address, auth)
    if (session === null) {
      return this.error({ status: 404, errorCode: "SESSION_NOT_FOUND", message: "No such session" }, path)
    }
    return this.pdf(session, reportType, auth, path)
  }

  private async pdf(session: Session, type: ReportType, auth: AuthContext, path: string): Promise<Reply> {
    const index = session.spec.reports.indexOf(type)
    if (index < 0) {
      return this.error(
        {
          status: 404,
          errorCode: "ENTITY_NOT_REQUESTED",
          message: "This report was not requested in this session"
        },
        path
      )
    }
    const now = this.now()
    const entity = sessionState(session, failureOf(session, now), now).reports[index]
    const early = this.entityReply(entity?.status ?? "FAILED", path)
    if (early !== null) return early
    const bytes = await this.parts.renderer.render(session, type, auth.client, this.origin)
    if (bytes === null)
      return this.error({ status: 409, errorCode: "ENTITY_FAILED", message: "The entity failed" }, path)
    return {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${type}-${session.id}.pdf"`
      },
      body: bytes
    }
  }
}
