import { Command, HelpDoc, ValidationError } from "@effect/cli"
import type { CommandExecutor, FileSystem, Path, Terminal } from "@effect/platform"
import { Effect } from "effect"
import { toolVersion } from "../version.js"
import { screenCommand } from "./screenCommand.js"
import { runSimulator, simulatorCommand } from "./simulatorCommand.js"
import { validateCommand } from "./validateCommand.js"

const root = Command.make("nordscreen").pipe(
  Command.withDescription(
    HelpDoc.blocks([
      HelpDoc.p(
        "Screen portfolios of Nordic companies and persons against the BankID AML API. Start with `nordscreen validate <portfolio>`, then `nordscreen screen <portfolio>`."
      ),
      HelpDoc.p(
        "Exit codes: validate 0/1/2 (clean / rows rejected / error); screen 0 all screened, 2 usage or file error, 3 entities failed, 4 interrupted, 5 hits with --fail-on-hits."
      )
    ])
  ),
  Command.withSubcommands([validateCommand, screenCommand, simulatorCommand])
)

const runCli = Command.run(root, {
  name: "nordscreen",
  version: toolVersion,
  footer: HelpDoc.p(
    "Examples: nordscreen validate examples/portfolio.csv | nordscreen screen examples/portfolio.csv | nordscreen simulator --port 4010"
  )
})

/** The CLI as an Effect: usage errors (already printed by @effect/cli) set exit code 2. */
export const main = (
  argv: ReadonlyArray<string>
): Effect.Effect<
  void,
  never,
  CommandExecutor.CommandExecutor | FileSystem.FileSystem | Path.Path | Terminal.Terminal
> =>
  // The simulator takes its own options (parseSimulatorArgs), which @effect/cli would reject.
  argv[2] === "simulator"
    ? runSimulator(argv.slice(3))
    : runCli(argv).pipe(
        Effect.catchIf(ValidationError.isValidationError, () =>
          Effect.sync(() => {
            process.exitCode = 2
          })
        ),
        Effect.catchAllCause((cause) =>
          Effect.sync(() => {
            process.stderr.write(`nordscreen: unexpected failure\n${cause.toString()}\n`)
            process.exitCode = 1
          })
        )
      )
