import { Cause, FiberId, HashMap, Layer, List, Logger, LogLevel } from "effect"
import pino from "pino"

/**
 * pino as the backend of Effect's Logger: JSON lines, with redaction at the logger so no call
 * site can leak a national identity number, a token or a secret.
 */
export type LogLevelName = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent"

export interface LoggingOptions {
  readonly level?: LogLevelName | undefined
  /** A file path (appended to) or a stream; default: standard error. */
  readonly destination?: string | pino.DestinationStream | undefined
  /**
   * The national identity numbers to redact, read at every line (adapters registered later
   * count too). `amlEngineLayer` collects them from the adapters of its `AdapterRegistry`.
   */
  readonly identityNumbers?: (() => Redaction) | undefined
}

/** What the logger redacts besides tokens and secrets: the adapters' identity numbers. */
export interface Redaction {
  /** Global regular expressions of identity numbers in running text. */
  readonly patterns: ReadonlyArray<RegExp>
  /** Field names (lower case) whose values are redacted whatever they hold. */
  readonly fieldNames: ReadonlySet<string>
}

export const noRedaction: Redaction = { patterns: [], fieldNames: new Set() }

const REDACTED = "[REDACTED]"

/** Tokens in running text; identity numbers are the adapters' (`Redaction`). */
const TOKEN_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, "$1 [REDACTED]"],
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[REDACTED-JWT]"]
]

/** Keys whose values are secret whatever they contain. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|client_?secret|secret|password|(access|refresh|id)_?token|token|client_assertion|assertion|ssn|national_?id|cookie|set-cookie)$/i

const secretKey = (key: string, redaction: Redaction): boolean =>
  SECRET_KEY.test(key) || redaction.fieldNames.has(key.toLowerCase())

/** The longest string a log line carries in one field; anything longer is cut with a marker. */
export const MAX_LOGGED_CHARS = 2_048

/** Control characters (but tab and newline) would let a logged value forge or hide lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what is removed here
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g

const bounded = (text: string): string => {
  const cut =
    text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}…[${text.length} chars]` : text
  return cut.replace(CONTROL, "?")
}

/** Removes tokens and the identity numbers of `redaction` from a string, bounded in length. */
export const scrubText = (text: string, redaction: Redaction = noRedaction): string =>
  redaction.patterns.reduce(
    (current, pattern) => current.replace(pattern, "[REDACTED-ID]"),
    TOKEN_PATTERNS.reduce(
      (current, [pattern, replacement]) => current.replace(pattern, replacement),
      bounded(text)
    )
  )

/** Deep copy of `value` with secrets and the identity numbers of `redaction` redacted. */
export const scrub = (value: unknown, redaction: Redaction = noRedaction, depth = 0): unknown => {
  if (typeof value === "string") return scrubText(value, redaction)
  if (typeof value !== "object" || value === null) return value
  if (depth > 6) return "[DEPTH]"
  if (Array.isArray(value)) return value.map((item) => scrub(item, redaction, depth + 1))
  if (value instanceof Error) return scrubText(value.message, redaction)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    out[key] = secretKey(key, redaction) ? REDACTED : scrub(item, redaction, depth + 1)
  return out
}

/** Belt and braces: pino's own path redaction for the usual places. */
const REDACT_PATHS = [
  "authorization",
  "headers.authorization",
  "*.authorization",
  "*.headers.authorization",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "access_token",
  "*.access_token",
  "token",
  "*.token",
  "ssn",
  "*.ssn"
]

const LEVEL_NAME: Record<LogLevel.LogLevel["_tag"], LogLevelName> = {
  All: "trace",
  Trace: "trace",
  Debug: "debug",
  Info: "info",
  Warning: "warn",
  Error: "error",
  Fatal: "fatal",
  None: "silent"
}

const EFFECT_LEVEL: Record<LogLevelName, LogLevel.LogLevel> = {
  trace: LogLevel.Trace,
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warn: LogLevel.Warning,
  error: LogLevel.Error,
  fatal: LogLevel.Fatal,
  silent: LogLevel.None
}

const render = (part: unknown, redaction: Redaction): string => {
  if (typeof part === "string") return part
  try {
    return JSON.stringify(scrub(part, redaction)) ?? String(part)
  } catch {
    return String(part)
  }
}

/** How often one message may be logged in one window before its repeats are only counted. */
export interface RepeatLimit {
  readonly windowMs: number
  readonly perWindow: number
}

const DEFAULT_REPEAT_LIMIT: RepeatLimit = { windowMs: 10_000, perWindow: 50 }

/**
 * Counts lines per (level, message) in fixed windows: past `perWindow` a line is dropped, and
 * the first line of that message in a later window says how many were dropped. A flood of one
 * event (a failing upstream, a noisy sender) cannot fill the disk.
 */
const makeRepeatLimiter = (limit: RepeatLimit) => {
  const counts = new Map<string, { start: number; seen: number; dropped: number }>()
  return (key: string, now: number): { readonly log: boolean; readonly dropped: number } => {
    let entry = counts.get(key)
    if (entry === undefined || now - entry.start >= limit.windowMs) {
      const dropped = entry?.dropped ?? 0
      if (counts.size >= 10_000) counts.clear()
      entry = { start: now, seen: 0, dropped: 0 }
      counts.set(key, entry)
      entry.seen++
      return { log: true, dropped }
    }
    entry.seen++
    if (entry.seen <= limit.perWindow) return { log: true, dropped: 0 }
    entry.dropped++
    return { log: false, dropped: 0 }
  }
}

/** An Effect logger that forwards level, message, annotations, spans and cause to pino. */
export const makePinoLogger = (
  logger: pino.Logger,
  repeatLimit: RepeatLimit = DEFAULT_REPEAT_LIMIT,
  identityNumbers: () => Redaction = () => noRedaction
): Logger.Logger<unknown, void> => {
  const limiter = makeRepeatLimiter(repeatLimit)
  return Logger.make(({ logLevel, message, annotations, spans, cause, fiberId, date }) => {
    const level = LEVEL_NAME[logLevel._tag]
    if (level === "silent" || !logger.isLevelEnabled(level)) return
    const redaction = identityNumbers()
    const parts = Array.isArray(message) ? message : [message]
    const text = scrubText(parts.map((part) => render(part, redaction)).join(" "), redaction)
    const verdict = limiter(`${level}\u0000${text}`, date.getTime())
    if (!verdict.log) return
    const fields: Record<string, unknown> = { fiber: FiberId.threadName(fiberId) }
    for (const [key, value] of HashMap.toEntries(annotations))
      fields[key] = secretKey(key, redaction) ? REDACTED : scrub(value, redaction)
    const now = date.getTime()
    const spanTimes: Record<string, number> = {}
    for (const span of List.toArray(spans)) spanTimes[span.label] = now - span.startTime
    if (Object.keys(spanTimes).length > 0) fields["spans"] = spanTimes
    if (!Cause.isEmpty(cause)) fields["cause"] = scrubText(Cause.pretty(cause), redaction)
    if (verdict.dropped > 0) fields["repeatsNotLogged"] = verdict.dropped
    logger[level](fields, text)
  })
}

export const makePino = (options: LoggingOptions = {}): pino.Logger => {
  const destination =
    options.destination === undefined
      ? pino.destination({ dest: 2, sync: true })
      : typeof options.destination === "string"
        ? pino.destination({ dest: options.destination, mkdir: true, append: true, sync: true })
        : options.destination
  return pino(
    {
      level: options.level ?? "info",
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED }
    },
    destination
  )
}

/** Replaces Effect's default logger with pino and applies the minimum level. */
export const loggingLayer = (options: LoggingOptions = {}): Layer.Layer<never> =>
  Layer.merge(
    Logger.replace(
      Logger.defaultLogger,
      makePinoLogger(makePino(options), DEFAULT_REPEAT_LIMIT, options.identityNumbers)
    ),
    Logger.minimumLogLevel(EFFECT_LEVEL[options.level ?? "info"])
  )

export const logLevelOf = (name: LogLevelName): LogLevel.LogLevel => EFFECT_LEVEL[name]

/** The pino level name of an Effect log level (`None` is `silent`); the inverse of `logLevelOf`. */
export const logLevelNameOf = (level: LogLevel.LogLevel): LogLevelName => LEVEL_NAME[level._tag]
