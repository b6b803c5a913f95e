// The subpath, not the package index: that one loads cluster, RPC and WebSocket modules too.
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Cause, Effect, Exit } from "effect"
import { main } from "./cli/main.js"
import { installSignals } from "./cli/signals.js"

// Not NodeRuntime.runMain: a screening run handles Ctrl-C itself (finish steps, write reports).
const fiber = Effect.runFork(main(process.argv).pipe(Effect.provide(NodeContext.layer)))
installSignals(() => fiber.unsafeInterruptAsFork(fiber.id()))
fiber.addObserver((exit) => {
  if (Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)) {
    process.stderr.write(`nordscreen: ${Cause.pretty(exit.cause)}\n`)
    process.exitCode = 1
  } else if (Exit.isFailure(exit)) process.exitCode ??= 130
  // A stray keep-alive socket must not keep a finished command alive.
  setTimeout(() => process.exit(), 2_000).unref()
})
