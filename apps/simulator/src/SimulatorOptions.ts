/** An OIDC client the simulator accepts at its token endpoint. */
export interface SimulatorClient {
  readonly clientId: string
  readonly clientSecret: string
  /** Scopes this client may obtain; default: every AML scope. */
  readonly scopes?: ReadonlyArray<string>
  /** National Registry access (contract §13); default GRANTED. */
  readonly nationalRegistryAccess?: "GRANTED" | "NOT_GRANTED"
  /** Requesting organization shown in PDF reports. */
  readonly organizationName?: string
  readonly organizationNumber?: string
}

export const DEFAULT_CLIENT = { clientId: "simulator-client", clientSecret: "simulator-secret" } as const

/** Every scope of contract §3.2. */
export const ALL_SCOPES: ReadonlyArray<string> = [
  "aml_organization/basic",
  "aml_organization/OFAC",
  "aml_organization/financials.credit",
  "aml_person/basic",
  "aml_person/OFAC",
  "aml_person/NO_NATIONAL_REGISTRY",
  "aml_person/monitor",
  "aml_person/noauthentication",
  "profile"
]

export type JitterDistribution = "none" | "uniform" | "normal" | "exponential"

export interface LatencyJitter {
  readonly distribution: JitterDistribution
  /** Spread relative to the base delay: uniform ±ratio, normal σ = ratio, exponential mean shift. */
  readonly ratio: number
}

export type FaultRoute = "token" | "create" | "info" | "json" | "report"

export const FAULT_ROUTES: ReadonlyArray<FaultRoute> = ["token", "create", "info", "json", "report"]

/** Relative weights of the kinds of faults drawn when `faultRate` fires. */
export interface FaultWeights {
  readonly http500: number
  readonly http502: number
  readonly http503: number
  readonly reset: number
}

/** Everything that `PUT /_sim/config` may change while the simulator runs. */
export interface SimulatorConfig {
  readonly tokenTtlSeconds: number
  /** `token_type` of token responses: `Bearer` (default), or BankID's `bearer` (§16.8), or anything to test a client. */
  readonly tokenType: string
  readonly jsonDelayMs: number
  readonly reportDelayMs: number
  readonly latencyJitter: LatencyJitter
  readonly lifetimeMs: number
  /** null = no rate limit (the default). */
  readonly rateLimit: { readonly rps: number; readonly burst: number } | null
  /** Share of API requests answered with an injected 5xx or a connection reset. */
  readonly faultRate: number
  readonly faultWeights: FaultWeights
  readonly faultRoutes: ReadonlyArray<FaultRoute>
  /** Share of faulted creates that fail after the session was created (the answer is lost). Default 0.5. */
  readonly createFaultAfter: number
  readonly slowRate: number
  readonly slowMs: number
  /** Probability per API request of opening a window in which every API request gets 429. */
  readonly burst429Rate: number
  readonly burst429Ms: number
  readonly sessionFailRate: number
  readonly webhookLoss: number
  readonly webhookDuplicate: number
  readonly webhookReorder: number
  readonly webhookRetryScale: number
  readonly webhookTimeoutMs: number
  readonly pepRate: number
  readonly sanctionRate: number
  /**
   * Report types session info lists, and webhooks announce (ReportReady), although the session
   * did not request them: an additive change of the API, or a misbehaving one. Listed READY with
   * the JSON; their download answers 404 ENTITY_NOT_REQUESTED (a known type) or 400
   * UNSUPPORTED_REPORT_TYPE (an unknown one), as any report not requested does. Default none.
   */
  readonly unrequestedReports: ReadonlyArray<string>
  /**
   * Strict mode: a create answers 400 `UNKNOWN_FIELD` for every request field BankID's guides do
   * not name (`reference`, `webhook`, `identifierType`, a person's `name`, `country`, `matchMode`,
   * the `expand` alias, `reports` on persons) and `UNSUPPORTED_EXPAND` for the `lei` spelling
   * (contract §16): what the `bankid` wire profile is tested against. Default false.
   */
  readonly strict: boolean
  /**
   * Shape of session info: `nested` (`reports{}`, contract §6.2) or `flat` (plain status strings
   * in `jsonData` and `<type>-report` keys, as BankID's one public example: §16.10). Default nested.
   */
  readonly sessionInfoForm: "nested" | "flat"
}

export type SimulatorConfigPatch = {
  readonly [K in keyof SimulatorConfig]?: K extends "rateLimit"
    ? { readonly rps: number; readonly burst?: number } | null
    : K extends "faultWeights"
      ? Partial<FaultWeights>
      : K extends "latencyJitter"
        ? Partial<LatencyJitter>
        : SimulatorConfig[K]
}

export interface SimulatorOptions extends SimulatorConfigPatch {
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Origin written into discovery and hrefs; default http://<host>:<port>. */
  readonly publicUrl?: string
  readonly seed?: number
  /** Extra clients; the default client is always present unless overridden by id. */
  readonly clients?: ReadonlyArray<SimulatorClient>
  /** Shorthand: sets pepRate and sanctionRate (each) unless given explicitly. */
  readonly hitRate?: number
  readonly signing?: { readonly certificatePem?: string; readonly privateKeyPem?: string }
}

export interface WebhookStats {
  /** Events acknowledged with a 2xx. */
  readonly delivered: number
  /** Events given up (non-retryable answer, retries exhausted or entity expired). */
  readonly failed: number
  /** HTTP POSTs made, retries and duplicates included. */
  readonly attempts: number
  readonly retries: number
  readonly lost: number
  readonly duplicated: number
  readonly reordered: number
}

export interface FaultStats {
  readonly total: number
  readonly http500: number
  readonly http502: number
  readonly http503: number
  readonly reset: number
  readonly slow: number
  readonly burst429Windows: number
  readonly burst429: number
  readonly sessionFailed: number
  /** Create POSTs faulted before any session existed. */
  readonly createBefore: number
  /** Create POSTs whose session was created but whose answer was lost. */
  readonly createAfter: number
}

export interface SimulatorStats {
  readonly sessionsCreated: number
  /** Keyed `organization/NO/913579240` or `person/NO/<ssn>` (`person/NO/<name>+<dateOfBirth>`). */
  readonly sessionsCreatedByIdentifier: Readonly<Record<string, number>>
  readonly sessionsLive: number
  /** Route → HTTP status (or "reset") → count. Admin routes are not counted. */
  readonly requests: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly requestsTotal: number
  /** Every 429 sent (rate limit and 429 bursts). */
  readonly rateLimited: number
  readonly tokensIssued: number
  readonly faults: FaultStats
  readonly webhooks: WebhookStats
}
