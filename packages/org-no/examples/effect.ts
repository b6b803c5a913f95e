import { AmlEngine } from "@nordscreen/core"
import { screenOrganizationNoEffect } from "@nordscreen/org-no"
import { Effect } from "effect"

const screening = screenOrganizationNoEffect("910000012").pipe(Effect.provide(AmlEngine.amlEngineLayer()))
const { summary } = await Effect.runPromise(screening)
console.log(summary.name, summary.flags, summary.sanctions?.strongest ?? "no sanction hits")
