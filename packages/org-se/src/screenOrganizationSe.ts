import { Lookup } from "@nordscreen/core"
import { type OrganizationQuery, organizationValues } from "@nordscreen/organization"
import { orgSeAdapter } from "./orgSeAdapter.js"
import type { OrganizationResultSE } from "./OrganizationResultSE.js"

const api = Lookup.makeLookupApi(orgSeAdapter, organizationValues)

/**
 * Screens one Swedish organization (organisationsnummer or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationSeEffect: Lookup.LookupEffect<OrganizationQuery, OrganizationResultSE> =
  api.effect

/** Screens one Swedish organization (organisationsnummer or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationSe: Lookup.LookupPromise<OrganizationQuery, OrganizationResultSE> = api.promise
