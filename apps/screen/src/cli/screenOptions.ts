import { Args, type Command, Options } from "@effect/cli"
import { allAdapters } from "./adapters.js"
import { commonOptions } from "./validateOptions.js"

const reportLanguages: ReadonlyArray<string> = [
  ...new Set(allAdapters.flatMap((adapter) => adapter.facts.languages))
]

const portfolio = Args.text({ name: "portfolio" }).pipe(
  Args.withDescription("the portfolio file (.csv or .xlsx)")
)

const optionalText = (name: string, description: string) =>
  Options.text(name).pipe(Options.optional, Options.withDescription(description))

export const screenConfig = {
  portfolio,
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
  tokenUrl: optionalText(
    "token-url",
    "OAuth token endpoint, instead of the environment's or discovery's (env NORDSCREEN_TOKEN_URL)"
  ),
  clientId: optionalText("client-id", "OAuth client id (env NORDSCREEN_CLIENT_ID)"),
  clientSecret: optionalText(
    "client-secret",
    "OAuth client secret; prefer env NORDSCREEN_CLIENT_SECRET (a command line is visible to other users)"
  ),
  scopes: optionalText(
    "scopes",
    "OAuth scopes to request, space- or comma-separated, instead of each adapter's own (env NORDSCREEN_SCOPES)"
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
  // The report languages are the adapters' to say (CountryFacts.languages).
  language: Options.choice("language", reportLanguages).pipe(
    Options.optional,
    Options.withDescription("language of the PDF reports (default en)")
  ),
  wireProfile: Options.choice("wire-profile", ["simulator", "bankid"]).pipe(
    Options.optional,
    Options.withDescription(
      "request conventions (README: Wire profile): simulator | bankid (default bankid for --env preprod/prod; env NORDSCREEN_WIRE_PROFILE)"
    )
  ),
  wireProfileFile: optionalText(
    "wire-profile-file",
    "JSON file overriding fields of the wire profile (env NORDSCREEN_WIRE_PROFILE_FILE)"
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
      "create a session again for entities whose earlier create (in this run, or in the previous run of this input) has an unknown outcome (may pay twice)"
    )
  ),
  failOnHits: Options.boolean("fail-on-hits").pipe(
    Options.withDescription("exit with code 5 when any entity has a PEP or sanction hit")
  ),
  ...commonOptions
}

export type ScreenArgs = Command.Command.ParseConfig<typeof screenConfig>

// The run's modules (engine, journal, report writers) load only when `screen` runs, so that
// `validate` and `--help` do not pay for them.
