import { makeLookupApi, organizationValues } from "@nordscreen/core"
import { orgNoAdapter } from "./orgNoAdapter.js"

const api = makeLookupApi(orgNoAdapter, organizationValues)

/**
 * Screens one Norwegian organization (organisasjonsnummer or DUNS) as an Effect; needs the core engine
 * (`amlEngineLayer`). Input and options are validated before anything is paid for.
 */
export const screenOrganizationNoEffect = api.effect

/** Screens one Norwegian organization (organisasjonsnummer or DUNS) through an `AmlClient` of the core. */
export const screenOrganizationNo = api.promise
