import { amlEngineLayer } from "@nordscreen/core"
import { screenOrganizationSeEffect } from "@nordscreen/org-se"
import { Effect } from "effect"

const lookup = await Effect.runPromise(
  screenOrganizationSeEffect("559100-0012").pipe(Effect.provide(amlEngineLayer()))
)
console.log(
  lookup.summary.name,
  lookup.result?.keyInformation?.nationalFields,
  lookup.summary.sanctions?.hits.length
)
