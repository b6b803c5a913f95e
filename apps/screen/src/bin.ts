import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { main } from "./cli/main.js"

main(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)
