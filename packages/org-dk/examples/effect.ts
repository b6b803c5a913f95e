import { AmlEngine } from "@nordscreen/core"
import { screenOrganizationDkEffect } from "@nordscreen/org-dk"
import { Effect } from "effect"

const screening = screenOrganizationDkEffect("31000017").pipe(Effect.provide(AmlEngine.amlEngineLayer()))
const { summary } = await Effect.runPromise(screening)
console.log(summary.name, summary.flags, summary.sanctions?.strongest ?? "no sanction hits")
