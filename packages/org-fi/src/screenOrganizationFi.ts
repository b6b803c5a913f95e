import { type LookupEffect, type LookupPromise, makeLookupApi } from "@nordscreen/core"
import { type OrganizationQuery, organizationValues } from "@nordscreen/organization"
import { orgFiAdapter } from "./orgFiAdapter.js"
import type { OrganizationResultFI } from "./OrganizationResultFI.js"

const api = makeLookupApi(orgFiAdapter, organizationValues)

/**
 * Screens one Finnish organization (Y-tunnus or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationFiEffect: LookupEffect<OrganizationQuery, OrganizationResultFI> = api.effect

/** Screens one Finnish organization (Y-tunnus or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationFi: LookupPromise<OrganizationQuery, OrganizationResultFI> = api.promise
