import { makeLookupApi, organizationValues } from "@nordscreen/core"
import { orgFiAdapter } from "./orgFiAdapter.js"

const api = makeLookupApi(orgFiAdapter, organizationValues)

/**
 * Screens one Finnish organization (Y-tunnus or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationFiEffect = api.effect

/** Screens one Finnish organization (Y-tunnus or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationFi = api.promise
