import { readFileSync } from "node:fs"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import {
  Config,
  ConfigProvider,
  Context,
  Duration,
  Effect,
  Either,
  Layer,
  Option,
  Redacted,
  Schema
} from "effect"
import type { ValidationMode } from "./Adapter.js"
import { AmlConfigError } from "./Errors.js"
import { BUILT_IN_PROFILES, defaultProfileName, resolveWireProfile, type WireProfile } from "./WireProfile.js"

export type Environment = "simulator" | "preprod" | "prod"

/** Identifier validation for an environment: the test environments use synthetic test numbers. */
export const validationModeOf = (environment: Environment): ValidationMode =>
  environment === "prod" ? "production" : "test"
export type AuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt"

/**
 * Builds a `client_assertion` (a signed JWT) for `private_key_jwt`. The core never sees the
 * private key: the caller's provider signs.
 */
export type AssertionProvider = (request: {
  readonly clientId: string
  readonly tokenUrl: string
}) => Effect.Effect<string, AmlConfigError>

export interface RetrySettings {
  /** Attempts of one idempotent call, the first included (contract §10.4: 4). */
  readonly maxAttempts: number
  /** First backoff; doubles per attempt (0.5 s, 1 s, 2 s, 4 s by default). */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export interface RateSettings {
  /** Requests per second for the whole process; undefined = adaptive (AIMD). */
  readonly requestsPerSecond: number | undefined
  readonly burst: number
  readonly maxSessionsInFlight: number
}

export interface WebhookSettings {
  readonly enabled: boolean
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /**
   * With `port` 0: a port tried first, taken when free (else any free port). A stable port lets
   * webhooks the API retries after a crash reach the next process of the same workspace.
   */
  readonly preferredPort?: number | undefined
  readonly path: string
  /** URL the API calls back; undefined = derived from the bound address (local use only). */
  readonly publicUrl: string | undefined
}

export interface PollingSettings {
  /** Polling guidance of contract §6.2: every `fastMs` for `fastForMs`, then every `slowMs`. */
  readonly fastMs: number
  readonly fastForMs: number
  readonly slowMs: number
  /** Safety-net poll interval while webhooks arrive. */
  readonly safetyNetMs: number
  /** Without any webhook for this long while sessions wait, polling takes over. */
  readonly webhookSilenceMs: number
}

export interface TimeoutSettings {
  readonly requestMs: number
  readonly createMs: number
  readonly tokenMs: number
  /** How long one session may take from create to its last artifact. */
  readonly sessionMs: number
  /**
   * How long a create whose answer was lost waits for a webhook that names its session (at most
   * until the session's deadline). Default 60 000.
   */
  readonly recoveryMs?: number | undefined
}

export const DEFAULT_RECOVERY_MS = 60_000

/** Every setting's key, as a flag (`apiUrl`), environment variable (`envName`) or file key. */
export const SETTING_KEYS = [
  "env",
  "apiUrl",
  "tokenUrl",
  "issuer",
  "clientId",
  "clientSecret",
  "scopes",
  "authMethod",
  "requestTimeoutMs",
  "createTimeoutMs",
  "tokenTimeoutMs",
  "sessionTimeoutMs",
  "createRecoveryTimeoutMs",
  "maxAttempts",
  "retryBaseMs",
  "retryMaxMs",
  "rate",
  "burst",
  "maxInFlight",
  "webhook",
  "webhookHost",
  "webhookPort",
  "webhookPath",
  "webhookPublicUrl",
  "pollFastMs",
  "pollFastForMs",
  "pollSlowMs",
  "pollSafetyNetMs",
  "webhookSilenceMs",
  "keySecret",
  "retryUnknown",
  "wireProfile",
  "wireProfileFile"
] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

/** Settings as read from flags, environment, file and defaults; endpoints may still need discovery. */
export interface AmlSettings {
  readonly environment: Environment
  readonly apiUrl: string | undefined
  readonly tokenUrl: string | undefined
  readonly issuer: string | undefined
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  /** Scopes requested instead of the adapters' own; undefined = the adapter's scopes. */
  readonly scopes: ReadonlyArray<string> | undefined
  readonly authMethod: AuthMethod
  readonly timeouts: TimeoutSettings
  readonly retry: RetrySettings
  readonly rate: RateSettings
  readonly webhook: WebhookSettings
  readonly polling: PollingSettings
  /** Key of `hashKey` for references and file names. */
  readonly keySecret: Redacted.Redacted<string>
  /** POST again for an entity whose create outcome is unknown. */
  readonly retryUnknown: boolean
  /**
   * The wire conventions of the create requests (contract §16); undefined (settings built by
   * hand): the environment's built-in profile (`wireProfileOf`).
   */
  readonly wireProfile?: WireProfile | undefined
  /**
   * The settings a flag, environment variable or config file gave (a blank value gives
   * nothing); every other setting is its default. Settings built by hand: an empty set.
   */
  readonly provided: ReadonlySet<SettingKey>
}

/** The wire profile the settings name, else the environment's built-in one. */
export const wireProfileOf = (settings: Pick<AmlSettings, "environment" | "wireProfile">): WireProfile =>
  settings.wireProfile ?? BUILT_IN_PROFILES[defaultProfileName(settings.environment)]

/** Settings with both endpoints known. */
export interface AmlConfigShape extends AmlSettings {
  readonly apiUrl: string
  readonly tokenUrl: string
}

export class AmlConfig extends Context.Tag("@nordscreen/core/AmlConfig")<AmlConfig, AmlConfigShape>() {}

/** Flag values as the CLI passes them (camelCase keys of the setting table below). */
export type FlagValue = string | number | boolean | ReadonlyArray<string> | undefined

export interface ConfigSources {
  readonly flags?: Readonly<Record<string, FlagValue>> | undefined
  /** Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  /** JSON config file; else the `config` flag or `NORDSCREEN_CONFIG`. */
  readonly file?: string | undefined
}

interface Preset {
  readonly apiUrl: string | undefined
  readonly tokenUrl: string | undefined
  readonly issuer: string | undefined
}

/** Port of `pnpm simulator` when nothing else is configured. */
export const SIMULATOR_DEFAULT_URL = "http://127.0.0.1:4010"

/** A simulator serves its token endpoint and issuer under its own origin. */
const simulatorPreset = (apiUrl: string): Preset => ({
  apiUrl,
  tokenUrl: `${apiUrl}/auth/realms/sim/protocol/openid-connect/token`,
  issuer: `${apiUrl}/auth/realms/sim`
})

const PRESETS: Record<Environment, Preset> = {
  simulator: simulatorPreset(SIMULATOR_DEFAULT_URL),
  // Test environment "CURRENT" (contract §2): both endpoints are confirmed.
  preprod: {
    apiUrl: "https://aml-current.bankidapis.no",
    tokenUrl: "https://auth.current.bankid.no/auth/realms/current/protocol/openid-connect/token",
    issuer: "https://auth.current.bankid.no/auth/realms/current"
  },
  // The production token URL is only inferred, so it comes from discovery (contract §2).
  prod: {
    apiUrl: "https://aml.bankidapis.no",
    tokenUrl: undefined,
    issuer: "https://auth.bankid.no/auth/realms/prod"
  }
}

const ENV_PREFIX = "NORDSCREEN"

/** `apiUrl` -> `NORDSCREEN_API_URL`. */
export const envName = (key: string): string =>
  `${ENV_PREFIX}_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`

const setting = (key: string): string => `${key} (env ${envName(key)})`

const fail = (key: string, reason: string) =>
  Effect.fail(new AmlConfigError({ setting: setting(key), reason }))

/** Flags and file values become strings so every source parses the same way. */
const flatten = (record: Readonly<Record<string, unknown>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) out[key] = value.map(String).join(" ")
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[key] = String(value)
  }
  return out
}

const readFile = (path: string) =>
  Effect.try({
    try: () => readFileSync(path, "utf8"),
    catch: (cause) =>
      new AmlConfigError({
        setting: setting("config"),
        reason: `cannot read config file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
      })
  }).pipe(
    Effect.flatMap((text) =>
      Either.match(
        Schema.decodeUnknownEither(
          Schema.parseJson(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
        )(text),
        {
          onLeft: () => fail("config", `config file ${path} is not a JSON object`),
          onRight: (json) => Effect.succeed(flatten(json))
        }
      )
    )
  )

/** Flags > environment variables > config file; defaults are applied per setting. */
const makeProvider = (sources: ConfigSources) =>
  Effect.gen(function* () {
    const flags = flatten(sources.flags ?? {})
    const env = sources.env ?? process.env
    const envMap = new Map(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)
    )
    const fileName = sources.file ?? flags["config"] ?? env[envName("config")]
    const file = fileName === undefined ? {} : yield* readFile(fileName)
    return ConfigProvider.fromJson(flags).pipe(
      ConfigProvider.orElse(() =>
        ConfigProvider.fromMap(envMap, { pathDelim: "_" }).pipe(
          ConfigProvider.nested(ENV_PREFIX),
          ConfigProvider.constantCase
        )
      ),
      ConfigProvider.orElse(() => ConfigProvider.fromJson(file))
    )
  })

type Raw = (key: SettingKey) => Effect.Effect<string | undefined>

const rawReader =
  (provider: ConfigProvider.ConfigProvider): Raw =>
  (key) =>
    Config.option(Config.string(key)).pipe(
      Effect.withConfigProvider(provider),
      Effect.map(Option.getOrUndefined),
      Effect.map((value) => (value === undefined || value.trim() === "" ? undefined : value.trim())),
      Effect.orElseSucceed(() => undefined)
    )

const oneOf = <T extends string>(raw: Raw, key: SettingKey, values: ReadonlyArray<T>, fallback: T) =>
  Effect.flatMap(raw(key), (value) => {
    if (value === undefined) return Effect.succeed(fallback)
    const found = values.find((candidate) => candidate === value.toLowerCase())
    return found === undefined
      ? fail(key, `expected one of ${values.join(" | ")}, got "${value}"`)
      : Effect.succeed(found)
  })

const url = (raw: Raw, key: SettingKey) =>
  Effect.flatMap(raw(key), (value) => {
    if (value === undefined) return Effect.succeed(undefined)
    const parsed = URL.canParse(value) ? new URL(value) : undefined
    return parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      ? fail(key, `expected an absolute http(s) URL, got "${value}"`)
      : Effect.succeed(value.replace(/\/+$/, ""))
  })

const count = (raw: Raw, key: SettingKey, fallback: number, min = 0) =>
  Effect.flatMap(raw(key), (value) => {
    if (value === undefined) return Effect.succeed(fallback)
    const parsed = Number(value)
    return Number.isFinite(parsed) && parsed >= min
      ? Effect.succeed(parsed)
      : fail(key, `expected a number ≥ ${min}, got "${value}"`)
  })

const optionalCount = (raw: Raw, key: SettingKey) =>
  Effect.flatMap(raw(key), (value) => {
    if (value === undefined || value === "adaptive") return Effect.succeed(undefined)
    const parsed = Number(value)
    return Number.isFinite(parsed) && parsed > 0
      ? Effect.succeed(parsed)
      : fail(key, `expected a positive number or "adaptive", got "${value}"`)
  })

const flag = (raw: Raw, key: SettingKey, fallback: boolean) =>
  Effect.flatMap(raw(key), (value) => {
    if (value === undefined) return Effect.succeed(fallback)
    const lower = value.toLowerCase()
    if (["true", "1", "yes", "on"].includes(lower)) return Effect.succeed(true)
    if (["false", "0", "no", "off"].includes(lower)) return Effect.succeed(false)
    return fail(key, `expected true or false, got "${value}"`)
  })

const text = (raw: Raw, key: SettingKey, fallback: string) =>
  Effect.map(raw(key), (value) => value ?? fallback)

const required = (raw: Raw, key: SettingKey, fallback: string | undefined, secret: boolean) =>
  Effect.flatMap(raw(key), (value) => {
    const chosen = value ?? fallback
    if (chosen !== undefined) return Effect.succeed(chosen)
    return fail(key, secret ? "missing (set it in the environment, never on a command line)" : "missing")
  })

const randomSecret = (): string => crypto.randomUUID() + crypto.randomUUID()

const readSettings = (raw: Raw) =>
  Effect.gen(function* () {
    const environment = yield* oneOf<Environment>(raw, "env", ["simulator", "preprod", "prod"], "simulator")
    const simulator = environment === "simulator"
    const authMethod = yield* oneOf<AuthMethod>(
      raw,
      "authMethod",
      ["client_secret_basic", "client_secret_post", "private_key_jwt"],
      "client_secret_basic"
    )
    const scopes = yield* raw("scopes")
    const keySecret = yield* raw("keySecret")
    const webhookPublicUrl = yield* url(raw, "webhookPublicUrl")
    const settings: Omit<AmlSettings, "provided"> = {
      environment,
      apiUrl: yield* url(raw, "apiUrl"),
      tokenUrl: yield* url(raw, "tokenUrl"),
      issuer: yield* url(raw, "issuer"),
      clientId: yield* required(raw, "clientId", simulator ? "simulator-client" : undefined, false),
      clientSecret: Redacted.make(
        authMethod === "private_key_jwt"
          ? ((yield* raw("clientSecret")) ?? "")
          : yield* required(raw, "clientSecret", simulator ? "simulator-secret" : undefined, true)
      ),
      scopes: scopes === undefined ? undefined : scopes.split(/[\s,]+/).filter((scope) => scope !== ""),
      authMethod,
      timeouts: {
        requestMs: yield* count(raw, "requestTimeoutMs", 30_000, 1),
        createMs: yield* count(raw, "createTimeoutMs", 30_000, 1),
        tokenMs: yield* count(raw, "tokenTimeoutMs", 15_000, 1),
        sessionMs: yield* count(raw, "sessionTimeoutMs", 600_000, 1),
        recoveryMs: yield* count(raw, "createRecoveryTimeoutMs", DEFAULT_RECOVERY_MS)
      },
      retry: {
        maxAttempts: yield* count(raw, "maxAttempts", 4, 1),
        baseDelayMs: yield* count(raw, "retryBaseMs", 500),
        maxDelayMs: yield* count(raw, "retryMaxMs", 8_000)
      },
      rate: {
        requestsPerSecond: yield* optionalCount(raw, "rate"),
        burst: yield* count(raw, "burst", 1, 1),
        maxSessionsInFlight: yield* count(raw, "maxInFlight", 64, 1)
      },
      webhook: {
        // Polling unless webhooks are configured: BankID cannot call a receiver on this machine
        // back without a public URL (the simulator can).
        enabled: yield* flag(raw, "webhook", simulator || webhookPublicUrl !== undefined),
        host: yield* text(raw, "webhookHost", "127.0.0.1"),
        port: yield* count(raw, "webhookPort", 0),
        path: yield* text(raw, "webhookPath", "/hooks/bankid-aml"),
        publicUrl: webhookPublicUrl
      },
      polling: {
        fastMs: yield* count(raw, "pollFastMs", 1_000, 1),
        fastForMs: yield* count(raw, "pollFastForMs", 10_000),
        slowMs: yield* count(raw, "pollSlowMs", 5_000, 1),
        safetyNetMs: yield* count(raw, "pollSafetyNetMs", 20_000, 1),
        webhookSilenceMs: yield* count(raw, "webhookSilenceMs", 10_000, 1)
      },
      keySecret: Redacted.make(keySecret ?? randomSecret()),
      retryUnknown: yield* flag(raw, "retryUnknown", false),
      wireProfile: yield* resolveWireProfile({
        base: (yield* raw("wireProfile")) ?? defaultProfileName(environment),
        file: yield* raw("wireProfileFile")
      })
    }
    return settings
  })

/** Reads only the environment setting (`env`), e.g. to pick an identifier validation mode early. */
export const readEnvironment = (sources: ConfigSources = {}): Effect.Effect<Environment, AmlConfigError> =>
  Effect.flatMap(makeProvider(sources), (provider) =>
    oneOf<Environment>(rawReader(provider), "env", ["simulator", "preprod", "prod"], "simulator")
  )

/** Reads every setting (flags > env > file > defaults). One error names the first bad setting. */
export const readAmlSettings = (sources: ConfigSources = {}): Effect.Effect<AmlSettings, AmlConfigError> =>
  Effect.flatMap(makeProvider(sources), (provider) => {
    const read = rawReader(provider)
    const provided = new Set<SettingKey>()
    const raw: Raw = (key) =>
      Effect.tap(read(key), (value) => {
        if (value !== undefined) provided.add(key)
      })
    return Effect.map(readSettings(raw), (settings): AmlSettings => ({ ...settings, provided }))
  })

const Discovery = Schema.Struct({
  issuer: Schema.optional(Schema.String),
  token_endpoint: Schema.String,
  "aml-baseurl": Schema.optional(Schema.String)
})

/** OIDC discovery: `token_endpoint` and BankID's `aml-baseurl` (contract §2). */
export const discover = (issuer: string, timeoutMs = 15_000) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.get(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`)
    const response = yield* client.execute(HttpClientRequest.acceptJson(request))
    if (response.status !== 200) return yield* fail("issuer", `discovery answered HTTP ${response.status}`)
    const body = yield* response.json
    return yield* Schema.decodeUnknown(Discovery)(body)
  }).pipe(
    Effect.scoped,
    Effect.timeoutFail({
      duration: Duration.millis(timeoutMs),
      onTimeout: () => new AmlConfigError({ setting: setting("issuer"), reason: "discovery timed out" })
    }),
    Effect.catchIf(
      (error) => !(error instanceof AmlConfigError),
      (error) => fail("issuer", `discovery failed at ${issuer}: ${error.message}`)
    )
  )

/** Fills endpoints that were not set explicitly, from discovery when an issuer is known. */
export const resolveEndpoints = (
  settings: AmlSettings
): Effect.Effect<AmlConfigShape, AmlConfigError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const preset =
      settings.environment === "simulator" && settings.apiUrl !== undefined
        ? simulatorPreset(settings.apiUrl)
        : PRESETS[settings.environment]
    // An explicit issuer replaces the preset's endpoints: they belong to another realm.
    const fromPreset = settings.issuer === undefined ? preset : { apiUrl: undefined, tokenUrl: undefined }
    let apiUrl = settings.apiUrl ?? fromPreset.apiUrl
    let tokenUrl = settings.tokenUrl ?? fromPreset.tokenUrl
    const issuer = settings.issuer ?? preset.issuer
    if (apiUrl === undefined || tokenUrl === undefined) {
      if (issuer === undefined) return yield* fail("issuer", "needed to discover the API and token URLs")
      const found = yield* discover(issuer, settings.timeouts.tokenMs)
      apiUrl ??= found["aml-baseurl"]?.replace(/\/+$/, "")
      tokenUrl ??= found.token_endpoint
      if (apiUrl === undefined) return yield* fail("apiUrl", `discovery at ${issuer} has no aml-baseurl`)
    }
    return { ...settings, issuer, apiUrl, tokenUrl }
  })

/** Reads settings and resolves endpoints; needs an HttpClient only when discovery is needed. */
export const amlConfigLayer = (
  sources: ConfigSources = {}
): Layer.Layer<AmlConfig, AmlConfigError, HttpClient.HttpClient> =>
  Layer.effect(AmlConfig, Effect.flatMap(readAmlSettings(sources), resolveEndpoints))

/** A layer from settings already resolved (tests, library callers). */
export const amlConfigFrom = (config: AmlConfigShape): Layer.Layer<AmlConfig> =>
  Layer.succeed(AmlConfig, config)
