import { Command, HelpDoc } from "@effect/cli"
import { Effect } from "effect"

/** `nordscreen simulator …` usage: the simulator's own text under this command's name. */
const helpOf = (simulatorUsage: string) =>
  simulatorUsage
    .replace(/^nordscreen-simulator —/, "nordscreen simulator —")
    .replace("Usage: nordscreen-simulator [options]", "Usage: nordscreen simulator [options]")
    .concat(
      "\nExamples:\n  nordscreen simulator --port 4010\n  nordscreen simulator --port 4010 --fault-rate 0.05 --webhook-loss 0.1 --rate-limit 50\n"
    )

/**
 * Runs the simulator until SIGINT/SIGTERM. Options are the simulator's own (parseSimulatorArgs),
 * so `nordscreen simulator` and `nordscreen-simulator` accept exactly the same command line.
 */
export const runSimulator = (argv: ReadonlyArray<string>): Effect.Effect<void> =>
  Effect.gen(function* () {
    // Loaded here only: its PDF and crypto libraries would slow every other command's start-up.
    const { DEFAULT_CLIENT, parseSimulatorArgs, SIMULATOR_BANNER, simulatorUsage, startSimulator } =
      yield* Effect.promise(() => import("@nordscreen/simulator"))
    const simulatorHelp = helpOf(simulatorUsage)
    const parsed = parseSimulatorArgs([...argv])
    if (parsed._tag === "Help") return yield* Effect.sync(() => process.stdout.write(simulatorHelp))
    if (parsed._tag === "Invalid")
      return yield* Effect.sync(() => {
        process.stderr.write(`nordscreen simulator: ${parsed.message}\n\n${simulatorHelp}`)
        process.exitCode = 2
      })
    const started = yield* Effect.either(
      Effect.acquireRelease(
        Effect.tryPromise(() => startSimulator({ port: 4010, ...parsed.options })),
        (simulator) => Effect.promise(() => simulator.stop())
      )
    )
    if (started._tag === "Left")
      return yield* Effect.sync(() => {
        process.stderr.write(`nordscreen simulator: ${String(started.left.error)}\n`)
        process.exitCode = 2
      })
    const simulator = started.right
    process.stdout.write(
      [
        SIMULATOR_BANNER,
        "",
        `  URL (AML base):   ${simulator.url}`,
        `  Discovery:        ${simulator.discoveryUrl}`,
        `  Token endpoint:   ${simulator.tokenUrl}`,
        `  Client id:        ${DEFAULT_CLIENT.clientId}`,
        `  Client secret:    ${DEFAULT_CLIENT.clientSecret}`,
        `  Admin:            ${simulator.url}/_sim/stats`,
        "",
        `  Screen against it: nordscreen screen <portfolio> --env simulator --api-url ${simulator.url}`,
        "  Ctrl-C to stop.",
        ""
      ].join("\n")
    )
    // Interrupted by Ctrl-C; the release above stops the server.
    yield* Effect.never
  }).pipe(
    Effect.scoped,
    Effect.onInterrupt(() =>
      Effect.sync(() => {
        process.stdout.write("nordscreen simulator stopped\n")
        // Stopping with Ctrl-C is how it is meant to end.
        process.exitCode = 0
      })
    )
  )

/** Listed in `nordscreen --help`; the arguments are handled by `runSimulator` (see main). */
export const simulatorCommand = Command.make("simulator").pipe(
  Command.withDescription(
    HelpDoc.blocks([
      HelpDoc.p(
        "Starts the local BankID AML simulator (SIMULATED DATA) and runs until Ctrl-C. `nordscreen simulator --help` lists every option (port, delays, rate limit, faults, webhook loss, ...)."
      ),
      HelpDoc.p("Example: nordscreen simulator --port 4010 --fault-rate 0.05")
    ])
  )
)
