import {
  FAULT_ROUTES,
  type FaultRoute,
  type JitterDistribution,
  type SimulatorConfig,
  type SimulatorConfigPatch,
  type SimulatorOptions
} from "../SimulatorOptions.js"
import { isRecord } from "./http.js"

const DEFAULT_CONFIG: SimulatorConfig = {
  tokenTtlSeconds: 300,
  tokenType: "Bearer",
  jsonDelayMs: 800,
  reportDelayMs: 1500,
  latencyJitter: { distribution: "none", ratio: 0 },
  lifetimeMs: 7_200_000,
  rateLimit: null,
  faultRate: 0,
  faultWeights: { http500: 1, http502: 1, http503: 1, reset: 1 },
  faultRoutes: FAULT_ROUTES,
  createFaultAfter: 0.5,
  slowRate: 0,
  slowMs: 3000,
  burst429Rate: 0,
  burst429Ms: 2000,
  sessionFailRate: 0,
  webhookLoss: 0,
  webhookDuplicate: 0,
  webhookReorder: 0,
  webhookRetryScale: 1,
  webhookTimeoutMs: 10_000,
  pepRate: 0.05,
  sanctionRate: 0.02,
  unrequestedReports: [],
  strict: false,
  sessionInfoForm: "nested"
}

/** Applies a (validated) patch; `rateLimit.burst` defaults to twice the rate. */
export const applyPatch = (config: SimulatorConfig, patch: SimulatorConfigPatch): SimulatorConfig => {
  const { rateLimit, faultWeights, latencyJitter, ...scalars } = patch
  const defined = Object.fromEntries(Object.entries(scalars).filter(([, v]) => v !== undefined))
  return {
    ...config,
    ...defined,
    ...(rateLimit === undefined
      ? {}
      : {
          rateLimit:
            rateLimit === null ? null : { rps: rateLimit.rps, burst: rateLimit.burst ?? rateLimit.rps * 2 }
        }),
    ...(faultWeights === undefined ? {} : { faultWeights: { ...config.faultWeights, ...faultWeights } }),
    ...(latencyJitter === undefined ? {} : { latencyJitter: { ...config.latencyJitter, ...latencyJitter } })
  }
}

export const configFromOptions = (options: SimulatorOptions): SimulatorConfig => {
  const { hitRate } = options
  const withHits =
    hitRate === undefined
      ? options
      : { ...options, pepRate: options.pepRate ?? hitRate, sanctionRate: options.sanctionRate ?? hitRate }
  return applyPatch(DEFAULT_CONFIG, pickConfig(withHits))
}

const CONFIG_KEYS: ReadonlyArray<keyof SimulatorConfig> = Object.keys(DEFAULT_CONFIG) as Array<
  keyof SimulatorConfig
>

const pickConfig = (options: SimulatorOptions): SimulatorConfigPatch =>
  Object.fromEntries(CONFIG_KEYS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]))

const PROBABILITIES = [
  "faultRate",
  "createFaultAfter",
  "slowRate",
  "burst429Rate",
  "sessionFailRate",
  "webhookLoss",
  "webhookDuplicate",
  "webhookReorder",
  "pepRate",
  "sanctionRate"
] as const
const DURATIONS = [
  "jsonDelayMs",
  "reportDelayMs",
  "lifetimeMs",
  "slowMs",
  "burst429Ms",
  "webhookTimeoutMs",
  "webhookRetryScale"
] as const
const DISTRIBUTIONS: ReadonlyArray<JitterDistribution> = ["none", "uniform", "normal", "exponential"]

export type PatchCheck =
  | { readonly _tag: "Ok"; readonly patch: SimulatorConfigPatch }
  | { readonly _tag: "Bad"; readonly problems: ReadonlyArray<{ field: string; issue: string }> }

const isNumberIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= min && value <= max

const checkNested = (
  value: unknown,
  field: string,
  problems: Array<{ field: string; issue: string }>,
  check: (key: string, v: unknown) => string | null
): void => {
  if (!isRecord(value)) {
    problems.push({ field, issue: "must be an object" })
    return
  }
  for (const [key, v] of Object.entries(value)) {
    const issue = check(key, v)
    if (issue !== null) problems.push({ field: `${field}.${key}`, issue })
  }
}

/** Validates a PUT /_sim/config body (or a --config file) field by field. */
export const checkPatch = (body: unknown): PatchCheck => {
  if (!isRecord(body)) return { _tag: "Bad", problems: [{ field: "", issue: "must be a JSON object" }] }
  const problems: Array<{ field: string; issue: string }> = []
  for (const [key, value] of Object.entries(body)) {
    const issue = checkField(key, value, problems)
    if (issue !== null) problems.push({ field: key, issue })
  }
  // Every key was checked above, so the record now has the patch's shape.
  return problems.length === 0
    ? { _tag: "Ok", patch: body as SimulatorConfigPatch }
    : { _tag: "Bad", problems }
}

const checkField = (
  key: string,
  value: unknown,
  problems: Array<{ field: string; issue: string }>
): string | null => {
  if ((PROBABILITIES as ReadonlyArray<string>).includes(key)) {
    return isNumberIn(value, 0, 1) ? null : "must be a number between 0 and 1"
  }
  if ((DURATIONS as ReadonlyArray<string>).includes(key)) {
    return isNumberIn(value, 0, Number.MAX_SAFE_INTEGER) ? null : "must be a number ≥ 0"
  }
  switch (key) {
    case "tokenTtlSeconds":
      return isNumberIn(value, 1, 86_400 * 365) && Number.isInteger(value) ? null : "must be an integer ≥ 1"
    case "tokenType":
      return typeof value === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(value)
        ? null
        : "must be a token type name such as Bearer"
    case "rateLimit":
      if (value === null) return null
      checkNested(value, key, problems, (k, v) =>
        k === "rps" || k === "burst"
          ? isNumberIn(v, 0.001, 1e9)
            ? null
            : "must be a number > 0"
          : "unknown field"
      )
      return isRecord(value) && value["rps"] === undefined ? "rps is required" : null
    case "faultWeights":
      checkNested(value, key, problems, (k, v) =>
        ["http500", "http502", "http503", "reset"].includes(k)
          ? isNumberIn(v, 0, 1e9)
            ? null
            : "must be a number ≥ 0"
          : "unknown field"
      )
      return null
    case "latencyJitter":
      checkNested(value, key, problems, (k, v) => {
        if (k === "ratio") return isNumberIn(v, 0, 100) ? null : "must be a number ≥ 0"
        if (k === "distribution") {
          return DISTRIBUTIONS.some((d) => d === v) ? null : "must be none, uniform, normal or exponential"
        }
        return "unknown field"
      })
      return null
    case "unrequestedReports":
      return Array.isArray(value) &&
        value.every((r) => typeof r === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(r))
        ? null
        : "must be an array of report type names"
    case "strict":
      return typeof value === "boolean" ? null : "must be true or false"
    case "sessionInfoForm":
      return value === "nested" || value === "flat" ? null : "must be nested or flat"
    case "faultRoutes":
      return Array.isArray(value) && value.every((r) => FAULT_ROUTES.some((f: FaultRoute) => f === r))
        ? null
        : `must be an array of ${FAULT_ROUTES.join(", ")}`
    default:
      return "unknown configuration field"
  }
}
