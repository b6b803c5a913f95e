import { DEFAULT_CLIENT } from "./SimulatorOptions.js"
import { startSimulator } from "./Simulator.js"
import { parseSimulatorArgs, SIMULATOR_BANNER, simulatorUsage } from "./simulatorArgs.js"

const main = async (): Promise<number> => {
  const parsed = parseSimulatorArgs(process.argv.slice(2))
  if (parsed._tag === "Help") {
    process.stdout.write(simulatorUsage)
    return 0
  }
  if (parsed._tag === "Invalid") {
    process.stderr.write(`nordscreen-simulator: ${parsed.message}\n\n${simulatorUsage}`)
    return 2
  }
  const simulator = await startSimulator(parsed.options)
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
      "  Ctrl-C to stop.",
      ""
    ].join("\n")
  )
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop)
      process.off("SIGTERM", stop)
      void simulator.stop().then(resolve)
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  })
  process.stdout.write("nordscreen-simulator stopped\n")
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (cause: unknown) => {
    process.stderr.write(`nordscreen-simulator: ${cause instanceof Error ? cause.message : String(cause)}\n`)
    process.exitCode = 1
  }
)
