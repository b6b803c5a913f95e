import { AmlEngine } from "@nordscreen/core"
import { screenOrganizationSeEffect } from "@nordscreen/org-se"
import { Effect } from "effect"

const screening = screenOrganizationSeEffect("559100-0012").pipe(Effect.provide(AmlEngine.amlEngineLayer()))
const { summary } = await Effect.runPromise(screening)
console.log(summary.name, summary.flags, summary.sanctions?.strongest ?? "no sanction hits")
