import { AmlEngine, SessionLifecycle } from "@nordscreen/core"
import { Effect } from "effect"
import { testOrgAdapter } from "../test/support/testAdapter.js"

export const program = Effect.gen(function* () {
  const lifecycle = yield* SessionLifecycle.SessionLifecycle
  // A request is plain data: the adapter is named by id (registered with the engine) and the
  // input is encoded with the adapter's `inputSchema`.
  const screening = yield* lifecycle.screen({
    adapterId: testOrgAdapter.id,
    input: { organizationNumber: "910000020" },
    entityKey: "test-org:910000020",
    subject: "910000020"
  })
  yield* Effect.log(`${screening.summary.name}: ${screening.summary.sanctions?.hits.length} sanction hit(s)`)
  return screening
})

// Settings come from NORDSCREEN_* variables; with none set, the simulator at 127.0.0.1:4010.
export const main = () =>
  Effect.runPromise(program.pipe(Effect.provide(AmlEngine.amlEngineLayer({ adapters: [testOrgAdapter] }))))
