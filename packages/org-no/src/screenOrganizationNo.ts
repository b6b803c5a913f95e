import { Lookup } from "@nordscreen/core"
import { type OrganizationQuery, organizationValues } from "@nordscreen/organization"
import { orgNoAdapter } from "./orgNoAdapter.js"
import type { OrganizationResultNO } from "./OrganizationResultNO.js"

const api = Lookup.makeLookupApi(orgNoAdapter, organizationValues)

/**
 * Screens one Norwegian organization (organisasjonsnummer or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationNoEffect: Lookup.LookupEffect<OrganizationQuery, OrganizationResultNO> =
  api.effect

/** Screens one Norwegian organization (organisasjonsnummer or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationNo: Lookup.LookupPromise<OrganizationQuery, OrganizationResultNO> = api.promise
