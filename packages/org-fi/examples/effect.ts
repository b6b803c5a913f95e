import { AmlEngine } from "@nordscreen/core"
import { screenOrganizationFiEffect } from "@nordscreen/org-fi"
import { Effect } from "effect"

const screening = screenOrganizationFiEffect("3100001-1").pipe(Effect.provide(AmlEngine.amlEngineLayer()))
const { summary } = await Effect.runPromise(screening)
console.log(summary.name, summary.flags, summary.sanctions?.strongest ?? "no sanction hits")
