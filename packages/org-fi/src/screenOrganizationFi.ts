import { Lookup } from "@nordscreen/core"
import { type OrganizationQuery, organizationValues } from "@nordscreen/organization"
import { orgFiAdapter } from "./orgFiAdapter.js"
import type { OrganizationResultFI } from "./OrganizationResultFI.js"

const api = Lookup.makeLookupApi(orgFiAdapter, organizationValues)

/**
 * Screens one Finnish organization (Y-tunnus or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationFiEffect: Lookup.LookupEffect<OrganizationQuery, OrganizationResultFI> =
  api.effect

/** Screens one Finnish organization (Y-tunnus or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationFi: Lookup.LookupPromise<OrganizationQuery, OrganizationResultFI> = api.promise
