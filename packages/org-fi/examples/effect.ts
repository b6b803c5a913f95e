import { amlEngineLayer } from "@nordscreen/core"
import { screenOrganizationFiEffect } from "@nordscreen/org-fi"
import { Effect } from "effect"

const lookup = await Effect.runPromise(
  screenOrganizationFiEffect("3100001-1").pipe(Effect.provide(amlEngineLayer()))
)
console.log(
  lookup.summary.name,
  lookup.result?.keyInformation?.nationalFields,
  lookup.summary.sanctions?.hits.length
)
