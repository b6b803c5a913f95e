import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { SimulatorClient, SimulatorConfigPatch, SimulatorOptions } from "./SimulatorOptions.js"
import { checkPatch } from "./internal/config.js"
import { isRecord } from "./internal/http.js"

export const simulatorUsage = `nordscreen-simulator — local BankID AML Asynchronous Session API (SIMULATED DATA)

Usage: nordscreen-simulator [options]

Server
  --port N                  port to listen on (default 4010; 0 = any free port)
  --host H                  interface to bind (default 127.0.0.1)
  --public-url URL          origin written into discovery and hrefs (default http://host:port)
  --seed N                  seed for synthetic data, latency and faults (default 1)
  --config FILE             JSON file with any option below in camelCase (flags win)
  --help                    show this text

Timing
  --json-delay-ms MS        time until the JSON result is READY (default 800)
  --report-delay-ms MS      time after the JSON until each PDF is READY (default 1500)
  --latency-jitter R        relative spread of both delays (default 0)
  --jitter-distribution D   none | uniform | normal | exponential (default uniform when --latency-jitter > 0)
  --lifetime-ms MS          how long each result stays downloadable (default 7200000 = 2 h)
  --token-ttl S             access-token lifetime in seconds (default 300)

Data
  --hit-rate P              share of synthetic records with a PEP hit and with a sanction hit
  --pep-rate P              share of synthetic records with a PEP hit (default 0.05)
  --sanction-rate P         share of synthetic records with a sanction hit (default 0.02)

Rate limiting and faults (probabilities 0..1; all off by default)
  --rate-limit R            token bucket per client: R requests/s (answers 429 + Retry-After)
  --burst N                 bucket size (default 2 × rate)
  --fault-rate P            share of API requests answered 500/502/503 or with a connection reset
  --create-fault-after P    share of faulted creates whose session was created (answer lost; default 0.5)
  --fault-weights LIST      relative weights, e.g. 500=1,502=1,503=2,reset=1
  --fault-routes LIST       routes faults apply to (default token,create,info,json,report)
  --slow-rate P             share of API requests delayed by --slow-ms
  --slow-ms MS              delay of a slow answer (default 3000)
  --burst429-rate P         chance per request of opening a window answering everything with 429
  --burst429-ms MS          length of such a window (default 2000)
  --session-fail-rate P     share of sessions that end FAILED (SOURCE_UNAVAILABLE or TIMEOUT)

Webhooks
  --webhook-loss P          share of webhook events never sent
  --webhook-duplicate P     share of webhook events sent twice
  --webhook-reorder P       share of sessions whose AllDone overtakes the last ReportReady
  --webhook-retry-scale F   factor on the retry delays 5 s, 30 s, 2 min, 10 min, 30 min (default 1)
  --webhook-timeout-ms MS   time a receiver has to answer (default 10000)

Wire fidelity (contract §16)
  --strict                  answer 400 UNKNOWN_FIELD for every request field BankID's guides do not name
  --session-info FORM       nested (reports{}, default) | flat (plain strings, <type>-report keys)

Default client: client_id simulator-client, client_secret simulator-secret (every scope).
Admin: GET /_sim/stats, POST /_sim/reset, POST /_sim/clock/advance {"ms":n},
       GET|PUT /_sim/config, GET /_sim/signing-certificate.
`

export type ParsedSimulatorArgs =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Options"; readonly options: SimulatorOptions }
  | { readonly _tag: "Invalid"; readonly message: string }

const NUMBER_FLAGS = {
  port: "port",
  seed: "seed",
  "json-delay-ms": "jsonDelayMs",
  "report-delay-ms": "reportDelayMs",
  "lifetime-ms": "lifetimeMs",
  "token-ttl": "tokenTtlSeconds",
  "hit-rate": "hitRate",
  "pep-rate": "pepRate",
  "sanction-rate": "sanctionRate",
  "fault-rate": "faultRate",
  "create-fault-after": "createFaultAfter",
  "slow-rate": "slowRate",
  "slow-ms": "slowMs",
  "burst429-rate": "burst429Rate",
  "burst429-ms": "burst429Ms",
  "session-fail-rate": "sessionFailRate",
  "webhook-loss": "webhookLoss",
  "webhook-duplicate": "webhookDuplicate",
  "webhook-reorder": "webhookReorder",
  "webhook-retry-scale": "webhookRetryScale",
  "webhook-timeout-ms": "webhookTimeoutMs"
} as const

const STRING_FLAGS = [
  "host",
  "public-url",
  "config",
  "rate-limit",
  "burst",
  "latency-jitter",
  "jitter-distribution",
  "fault-weights",
  "fault-routes",
  "session-info"
] as const

const argOptions = {
  help: { type: "boolean", short: "h" },
  strict: { type: "boolean" },
  ...Object.fromEntries(Object.keys(NUMBER_FLAGS).map((k) => [k, { type: "string" }])),
  ...Object.fromEntries(STRING_FLAGS.map((k) => [k, { type: "string" }]))
} as const

type Invalid = { readonly _tag: "Invalid"; readonly message: string }
const invalid = (message: string): Invalid => ({ _tag: "Invalid", message })

const isClient = (value: unknown): value is SimulatorClient =>
  isRecord(value) &&
  typeof value["clientId"] === "string" &&
  typeof value["clientSecret"] === "string" &&
  (value["scopes"] === undefined ||
    (Array.isArray(value["scopes"]) && value["scopes"].every((s) => typeof s === "string"))) &&
  (value["nationalRegistryAccess"] === undefined ||
    value["nationalRegistryAccess"] === "GRANTED" ||
    value["nationalRegistryAccess"] === "NOT_GRANTED")

/** Options from a --config file: the server keys checked here, the rest as a config patch. */
const fileOptions = (path: string): SimulatorOptions | Invalid => {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"))
  } catch {
    return invalid(`cannot read --config ${path} as JSON`)
  }
  if (!isRecord(parsed)) return invalid("--config must hold a JSON object")
  const { port, host, publicUrl, seed, hitRate, clients, signing, ...rest } = parsed
  const checked = checkPatch(rest)
  if (checked._tag === "Bad") return invalid(checked.problems.map((p) => `${p.field}: ${p.issue}`).join("; "))
  if (port !== undefined && (typeof port !== "number" || !Number.isInteger(port)))
    return invalid("port must be an integer")
  if (host !== undefined && typeof host !== "string") return invalid("host must be a string")
  if (publicUrl !== undefined && typeof publicUrl !== "string") return invalid("publicUrl must be a string")
  if (seed !== undefined && typeof seed !== "number") return invalid("seed must be a number")
  if (hitRate !== undefined && typeof hitRate !== "number") return invalid("hitRate must be a number")
  if (clients !== undefined && !(Array.isArray(clients) && clients.every(isClient))) {
    return invalid("clients must be a list of { clientId, clientSecret, scopes?, nationalRegistryAccess? }")
  }
  const pem = isRecord(signing) ? signing : {}
  if (signing !== undefined && !isRecord(signing)) return invalid("signing must be an object")
  return {
    ...checked.patch,
    ...(typeof port === "number" ? { port } : {}),
    ...(typeof host === "string" ? { host } : {}),
    ...(typeof publicUrl === "string" ? { publicUrl } : {}),
    ...(typeof seed === "number" ? { seed } : {}),
    ...(typeof hitRate === "number" ? { hitRate } : {}),
    ...(Array.isArray(clients) ? { clients: clients.filter(isClient) } : {}),
    ...(signing === undefined
      ? {}
      : {
          signing: {
            ...(typeof pem["certificatePem"] === "string" ? { certificatePem: pem["certificatePem"] } : {}),
            ...(typeof pem["privateKeyPem"] === "string" ? { privateKeyPem: pem["privateKeyPem"] } : {})
          }
        })
  }
}

const FAULT_WEIGHT_KEYS: Readonly<Record<string, string>> = {
  "500": "http500",
  "502": "http502",
  "503": "http503",
  reset: "reset"
}

const faultWeights = (text: string): Record<string, number> | Invalid => {
  const weights: Record<string, number> = {}
  for (const part of text.split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim())
    const name = key === undefined ? undefined : FAULT_WEIGHT_KEYS[key]
    const weight = Number(value)
    if (name === undefined || value === undefined || !Number.isFinite(weight)) {
      return invalid(`--fault-weights: expected 500=N,502=N,503=N,reset=N, got '${part}'`)
    }
    weights[name] = weight
  }
  return weights
}

const flagPatch = (
  values: Readonly<Record<string, string | boolean | undefined>>
): Record<string, unknown> | Invalid => {
  const patch: Record<string, unknown> = {}
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const raw = values[flag]
    if (typeof raw !== "string") continue
    const value = Number(raw)
    if (raw.trim() === "" || !Number.isFinite(value)) return invalid(`--${flag} needs a number, got '${raw}'`)
    patch[key] = value
  }
  const text = (flag: string): string | undefined => {
    const raw = values[flag]
    return typeof raw === "string" ? raw : undefined
  }
  const rps = text("rate-limit")
  const burst = text("burst")
  if (rps !== undefined) {
    patch["rateLimit"] =
      burst === undefined ? { rps: Number(rps) } : { rps: Number(rps), burst: Number(burst) }
  } else if (burst !== undefined) return invalid("--burst needs --rate-limit")
  const jitter = text("latency-jitter")
  const distribution = text("jitter-distribution")
  if (jitter !== undefined || distribution !== undefined) {
    patch["latencyJitter"] = {
      ...(jitter === undefined ? {} : { ratio: Number(jitter), distribution: distribution ?? "uniform" }),
      ...(distribution === undefined ? {} : { distribution })
    }
  }
  const weights = text("fault-weights")
  if (weights !== undefined) {
    const parsed = faultWeights(weights)
    if ("_tag" in parsed) return parsed
    patch["faultWeights"] = parsed
  }
  if (values["strict"] === true) patch["strict"] = true
  const form = text("session-info")
  if (form !== undefined) patch["sessionInfoForm"] = form
  const routes = text("fault-routes")
  if (routes !== undefined)
    patch["faultRoutes"] = routes
      .split(",")
      .map((r) => r.trim())
      .filter((r) => r !== "")
  return patch
}

const isInvalid = (value: unknown): value is Invalid => isRecord(value) && value["_tag"] === "Invalid"

/** Parses the simulator's command line (shared by `nordscreen-simulator` and `nordscreen simulator`). */
export const parseSimulatorArgs = (argv: ReadonlyArray<string>): ParsedSimulatorArgs => {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args: [...argv], options: argOptions, strict: true, allowPositionals: false }).values
  } catch (cause) {
    return invalid(cause instanceof Error ? cause.message : "invalid arguments")
  }
  if (values["help"] === true) return { _tag: "Help" }
  const configPath = values["config"]
  const fromFile = typeof configPath === "string" ? fileOptions(configPath) : {}
  if (isInvalid(fromFile)) return fromFile
  const flags = flagPatch(values)
  if (isInvalid(flags)) return flags
  const { port, seed, hitRate, ...configFlags } = flags
  const checked = checkPatch(configFlags)
  if (checked._tag === "Bad") {
    return invalid(checked.problems.map((p) => `${p.field}: ${p.issue}`).join("; "))
  }
  const patch: SimulatorConfigPatch = checked.patch
  const host = values["host"]
  const publicUrl = values["public-url"]
  const options: SimulatorOptions = {
    port: 4010,
    ...fromFile,
    ...patch,
    ...(typeof port === "number" ? { port } : {}),
    ...(typeof seed === "number" ? { seed } : {}),
    ...(typeof hitRate === "number" ? { hitRate } : {}),
    ...(typeof host === "string" ? { host } : {}),
    ...(typeof publicUrl === "string" ? { publicUrl } : {})
  }
  return { _tag: "Options", options }
}

/** What a simulator prints first on a terminal: its data is synthetic. */
export const SIMULATOR_BANNER = `
  ┌──────────────────────────────────────────────────────────────┐
  │  SIMULATED DATA — nordscreen BankID AML simulator            │
  │  Every result is synthetic. Never use it for real screening. │
  └──────────────────────────────────────────────────────────────┘`
