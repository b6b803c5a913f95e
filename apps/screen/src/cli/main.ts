import { Command, HelpDoc, ValidationError } from "@effect/cli"
import { Effect } from "effect"
import { toolVersion } from "../version.js"
import { validateCommand } from "./validateCommand.js"

const root = Command.make("nordscreen").pipe(
  Command.withDescription(
    "Screen portfolios of Nordic companies and persons against the BankID AML API. Start with `nordscreen validate <portfolio>`."
  ),
  Command.withSubcommands([validateCommand])
)

const runCli = Command.run(root, {
  name: "nordscreen",
  version: toolVersion,
  footer: HelpDoc.p("Example: nordscreen validate examples/portfolio.csv")
})

/** The CLI as an Effect: usage errors (already printed by @effect/cli) set exit code 2. */
export const main = (argv: ReadonlyArray<string>) =>
  runCli(argv).pipe(
    Effect.catchIf(ValidationError.isValidationError, () =>
      Effect.sync(() => {
        process.exitCode = 2
      })
    )
  )
