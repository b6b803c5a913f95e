import { Lookup } from "@nordscreen/core"
import type { PersonResultNO } from "./PersonResultNO.js"
import { personNoAdapter } from "./personNoAdapter.js"

/** A person as a portfolio row would give it: a name, and a national identity number and/or birth date. */
export interface PersonQuery {
  readonly firstName?: string
  readonly lastName?: string
  readonly name?: string
  readonly ssn?: string | number
  readonly dateOfBirth?: string | number
}

const api = Lookup.makeLookupApi(personNoAdapter, (query: PersonQuery) => query)

/**
 * Screens one person in Norway as an Effect; needs the core engine (`amlEngineLayer`). Input
 * and options are validated before anything is paid for.
 */
export const screenPersonNoEffect: Lookup.LookupEffect<PersonQuery, PersonResultNO> = api.effect

/** Screens one person in Norway through an `AmlClient` of the core. */
export const screenPersonNo: Lookup.LookupPromise<PersonQuery, PersonResultNO> = api.promise
