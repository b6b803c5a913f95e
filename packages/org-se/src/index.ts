export { orgSeAdapter } from "./orgSeAdapter.js"
export { KeyInformationSE, OrganizationResultSE } from "./OrganizationResultSE.js"
export { screenOrganizationSe, screenOrganizationSeEffect } from "./screenOrganizationSe.js"
export type {
  Lookup,
  LookupError,
  LookupOptions,
  OrganizationInput,
  OrganizationQuery
} from "@nordscreen/core"
