import { Command, HelpDoc } from "@effect/cli"
import { Effect } from "effect"
import { validateConfig } from "./validateOptions.js"

const description = HelpDoc.blocks([
  HelpDoc.p(
    "Dry run: reads and validates every row of a portfolio, prints a summary and the rejected rows, and writes rejected.csv and rejected.json. Makes no API call."
  ),
  HelpDoc.p("Exit code: 0 nothing rejected, 1 rows were rejected, 2 usage, configuration or file error."),
  HelpDoc.p("Examples:"),
  HelpDoc.p("  nordscreen validate examples/portfolio.csv"),
  HelpDoc.p('  nordscreen validate kunder.xlsx --sheet "Kunder" --mode production --out ./checks'),
  HelpDoc.p('  nordscreen validate export.csv --map "Org/fnr=identifier" --map "Kommentar=-"')
])

export const validateCommand = Command.make("validate", validateConfig, (args) =>
  Effect.flatMap(
    Effect.promise(() => import("./validateAction.js")),
    ({ validateAction }) => validateAction(args)
  )
).pipe(Command.withDescription(description))
