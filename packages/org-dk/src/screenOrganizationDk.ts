import { Lookup } from "@nordscreen/core"
import { type OrganizationQuery, organizationValues } from "@nordscreen/organization"
import { orgDkAdapter } from "./orgDkAdapter.js"
import type { OrganizationResultDK } from "./OrganizationResultDK.js"

const api = Lookup.makeLookupApi(orgDkAdapter, organizationValues)

/**
 * Screens one Danish organization (CVR number or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationDkEffect: Lookup.LookupEffect<OrganizationQuery, OrganizationResultDK> =
  api.effect

/** Screens one Danish organization (CVR number or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationDk: Lookup.LookupPromise<OrganizationQuery, OrganizationResultDK> = api.promise
