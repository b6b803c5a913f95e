import { Args, Command, HelpDoc, Options } from "@effect/cli"
import type { FlagValue, LogLevelName } from "@nordscreen/core"
import { Console, Effect, FiberRef, type LogLevel, Option } from "effect"
import { type OptionValue, runScreen, type ScreenResult } from "../run/runScreen.js"
import { makeProgress } from "../run/Progress.js"
import { allAdapters } from "./adapters.js"
import { openInBrowser } from "./openInBrowser.js"
import { renderScreen } from "./renderScreen.js"
import { stopRequested } from "./signals.js"
import { commonOptions, parseMap } from "./validateCommand.js"

const portfolio = Args.text({ name: "portfolio" }).pipe(
  Args.withDescription("the portfolio file (.csv or .xlsx)")
)

const optionalText = (name: string, description: string) =>
  Options.text(name).pipe(Options.optional, Options.withDescription(description))

const options = {
  out: optionalText(
    "out",
    "parent of the run directories (default ./nordscreen-output); each run gets <timestamp>-<run id>/"
  ),
  workspace: optionalText(
    "workspace",
    "journal directory (default ./nordscreen-data, owner-only); resume needs the same one"
  ),
  env: Options.choice("env", ["simulator", "preprod", "prod"]).pipe(
    Options.optional,
    Options.withDescription("API environment (default simulator; env NORDSCREEN_ENV)")
  ),
  apiUrl: optionalText(
    "api-url",
    "AML API base URL (env NORDSCREEN_API_URL); with --env simulator: a running simulator"
  ),
  issuer: optionalText("issuer", "OIDC issuer for discovery of the token endpoint (env NORDSCREEN_ISSUER)"),
  clientId: optionalText("client-id", "OAuth client id (env NORDSCREEN_CLIENT_ID)"),
  clientSecret: optionalText(
    "client-secret",
    "OAuth client secret; prefer env NORDSCREEN_CLIENT_SECRET (a command line is visible to other users)"
  ),
  config: optionalText(
    "config",
    "JSON settings file (camelCase keys; flags > NORDSCREEN_* env > file > defaults)"
  ),
  concurrency: Options.integer("concurrency").pipe(
    Options.optional,
    Options.withDescription("sessions in flight at once (default 64; env NORDSCREEN_MAX_IN_FLIGHT)")
  ),
  rate: optionalText(
    "rate",
    "API requests per second for the whole run (default adaptive: slows down on 429)"
  ),
  reports: optionalText(
    "reports",
    "PDF reports to fetch, comma-separated: aml, certificate_of_incorporation (default: each adapter's defaults)"
  ),
  expand: Options.text("expand").pipe(
    Options.repeated,
    Options.withDescription(
      "result parts to request, comma-separated or repeated (default: each adapter's defaults)"
    )
  ),
  language: Options.choice("language", ["no", "nb", "nn", "en"]).pipe(
    Options.optional,
    Options.withDescription("language of the PDF reports (default en)")
  ),
  webhookUrl: optionalText("webhook-url", "public URL the API calls back (turns webhooks on; else polling)"),
  webhookPort: Options.integer("webhook-port").pipe(
    Options.optional,
    Options.withDescription("local port of the webhook receiver (turns webhooks on; 0 = any free port)")
  ),
  limit: Options.integer("limit").pipe(
    Options.optional,
    Options.withDescription("screen only the first N entities of the portfolio")
  ),
  fresh: Options.boolean("fresh").pipe(
    Options.withDescription("start a new run even if an unfinished run of this input exists")
  ),
  retryUnknown: Options.boolean("retry-unknown").pipe(
    Options.withDescription(
      "create a session again for entities whose earlier create has an unknown outcome (may pay twice)"
    )
  ),
  failOnHits: Options.boolean("fail-on-hits").pipe(
    Options.withDescription("exit with code 5 when any entity has a PEP or sanction hit")
  ),
  ...commonOptions
}

const description = HelpDoc.blocks([
  HelpDoc.p(
    "Screens every valid entity of a portfolio against the BankID AML API: validates and de-duplicates the rows, records the plan in a SQLite journal, creates one session per entity, waits for it (webhooks or polling), downloads the JSON result and the PDF reports, and writes report.xlsx/.csv/.json/.html with a manifest."
  ),
  HelpDoc.p(
    "Without an API endpoint or credentials it runs against the embedded simulator and says so: SIMULATED DATA. Running the same command again after a crash or Ctrl-C resumes the unfinished run of the same input without paying for a session twice."
  ),
  HelpDoc.p(
    "Exit codes: 0 every valid entity screened; 2 usage, configuration or file error; 3 some entities failed (or their create outcome is unknown); 4 interrupted (run again to resume); 5 hits with --fail-on-hits."
  ),
  HelpDoc.p(
    "Logging: <run dir>/run.log, JSON lines with ids and secrets redacted; its level is the global --log-level (trace, debug, info, warning, error; default info)."
  ),
  HelpDoc.p("Examples:"),
  HelpDoc.p("  nordscreen screen examples/portfolio.csv                      # embedded simulator"),
  HelpDoc.p("  nordscreen screen examples/portfolio.xlsx --env simulator --api-url http://127.0.0.1:4010"),
  HelpDoc.p(
    "  NORDSCREEN_CLIENT_ID=... NORDSCREEN_CLIENT_SECRET=... nordscreen screen kunder.xlsx --env preprod --rate 20"
  ),
  HelpDoc.p("  nordscreen screen kunder.csv --reports aml --limit 100 --out ./screening --fail-on-hits")
])

// `--log-level` is @effect/cli's built-in option (it sets the fiber's minimum level); run.log follows it.
const PINO_LEVEL: Record<LogLevel.LogLevel["_tag"], LogLevelName> = {
  All: "trace",
  Trace: "trace",
  Debug: "debug",
  Info: "info",
  Warning: "warn",
  Error: "error",
  Fatal: "fatal",
  None: "silent"
}

const given = <A>(option: Option.Option<A>): A | undefined => Option.getOrUndefined(option)

const splitList = (values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "")

const fail = (message: string) =>
  Effect.zipRight(
    Console.error(`error: ${message}`),
    Effect.sync(() => {
      process.exitCode = 2
    })
  )

export const screenCommand = Command.make("screen", { portfolio, ...options }, (args) =>
  Effect.gen(function* () {
    const map = parseMap(args.map)
    if (typeof map === "string") return yield* fail(map)
    const reports = Option.map(args.reports, (r) => splitList([r]))
    const expands = args.expand.length === 0 ? null : splitList(args.expand)
    const flags: Record<string, FlagValue> = {
      env: given(args.env),
      apiUrl: given(args.apiUrl),
      issuer: given(args.issuer),
      clientId: given(args.clientId),
      clientSecret: given(args.clientSecret),
      config: given(args.config),
      maxInFlight: given(args.concurrency),
      rate: given(args.rate),
      webhookPublicUrl: given(args.webhookUrl),
      webhookPort: given(args.webhookPort),
      retryUnknown: args.retryUnknown ? true : undefined
    }
    const reportOptions: Record<string, OptionValue> = {
      env: given(args.env) ?? null,
      apiUrl: given(args.apiUrl) ?? null,
      concurrency: given(args.concurrency) ?? null,
      rate: given(args.rate) ?? null,
      reports: given(reports) ?? null,
      expand: expands,
      language: given(args.language) ?? null,
      limit: given(args.limit) ?? null,
      mode: args.mode,
      sheet: given(args.sheet) ?? null,
      fresh: args.fresh,
      retryUnknown: args.retryUnknown,
      revealIds: args.revealIds,
      failOnHits: args.failOnHits,
      webhook:
        given(args.webhookUrl) ?? (given(args.webhookPort) === undefined ? null : `port ${args.webhookPort}`)
    }
    const result: ScreenResult = yield* runScreen({
      portfolio: args.portfolio,
      outRoot: given(args.out),
      workspace: given(args.workspace),
      api: { flags, env: process.env },
      plan: {
        mode: args.mode,
        map,
        sheet: given(args.sheet) ?? null,
        maxFileMb: args.maxFileMb,
        reports: given(reports) ?? null,
        expands,
        language: given(args.language) ?? null,
        limit: given(args.limit) ?? null,
        revealIds: args.revealIds
      },
      adapters: allAdapters,
      fresh: args.fresh,
      retryUnknown: args.retryUnknown,
      failOnHits: args.failOnHits,
      logLevel: PINO_LEVEL[(yield* FiberRef.get(FiberRef.currentMinimumLogLevel))._tag],
      reportOptions,
      progress: makeProgress(process.stderr),
      notice: (line) => process.stderr.write(`${line}\n`),
      stop: stopRequested
    })
    yield* Console.log(renderScreen(result))
    if (!result.interrupted) openInBrowser(`${result.runDir}/report.html`)
    yield* Effect.sync(() => {
      process.exitCode = result.exitCode
    })
  }).pipe(Effect.catchAll((error) => fail(error.message)))
).pipe(Command.withDescription(description))
