import { AmlEngine } from "@nordscreen/core"
import { screenPersonNoEffect } from "@nordscreen/person-no"
import { Effect } from "effect"

const query = { firstName: "Ingrid", lastName: "Fjellstad", ssn: "15837512481" }
const lookup = await Effect.runPromise(
  screenPersonNoEffect(query).pipe(Effect.provide(AmlEngine.amlEngineLayer()))
)
console.log(lookup.summary.name, lookup.summary.pep?.strongest, lookup.summary.flags)
