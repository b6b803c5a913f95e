export { orgFiAdapter } from "./orgFiAdapter.js"
export { KeyInformationFI, OrganizationResultFI } from "./OrganizationResultFI.js"
export { screenOrganizationFi, screenOrganizationFiEffect } from "./screenOrganizationFi.js"
export type {
  Lookup,
  LookupError,
  LookupOptions,
  OrganizationInput,
  OrganizationQuery
} from "@nordscreen/core"
