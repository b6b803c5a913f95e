import { Command, HelpDoc } from "@effect/cli"
import { Effect } from "effect"
import { screenConfig } from "./screenOptions.js"

const description = HelpDoc.blocks([
  HelpDoc.p(
    "Screens every valid entity of a portfolio against the BankID AML API: validates and de-duplicates the rows, records the plan in a SQLite journal, creates one session per entity, waits for it (webhooks or polling), downloads the JSON result and the PDF reports, and writes report.xlsx/.csv/.json/.html with a manifest."
  ),
  HelpDoc.p(
    "Without an API endpoint or credentials it runs against the embedded simulator and says so: SIMULATED DATA. Running the same command again after a crash or Ctrl-C resumes the unfinished run of the same input without paying for a session twice."
  ),
  HelpDoc.p(
    "A new run of an input follows the sessions the previous run of that input created but did not download (timed out, download failed, run abandoned with --fresh) while their results may still exist (2 hours after READY), instead of paying for new ones; a session found gone (404/410) is created again. Creates with an unknown outcome there are not sent again unless --retry-unknown. The summary says how many sessions were taken over and from which run."
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

export const screenCommand = Command.make("screen", screenConfig, (args) =>
  Effect.flatMap(
    Effect.promise(() => import("./screenAction.js")),
    ({ screenAction }) => screenAction(args)
  )
).pipe(Command.withDescription(description))
