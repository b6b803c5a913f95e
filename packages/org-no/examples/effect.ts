import { amlEngineLayer } from "@nordscreen/core"
import { screenOrganizationNoEffect } from "@nordscreen/org-no"
import { Effect } from "effect"

const lookup = await Effect.runPromise(
  screenOrganizationNoEffect("910000012").pipe(Effect.provide(amlEngineLayer()))
)
console.log(
  lookup.summary.name,
  lookup.summary.flags,
  lookup.summary.sanctions?.strongest ?? "no sanction hits"
)
