export { orgNoAdapter } from "./orgNoAdapter.js"
export { OrganizationResultNO } from "./OrganizationResultNO.js"
export { screenOrganizationNo, screenOrganizationNoEffect } from "./screenOrganizationNo.js"
export type {
  Lookup,
  LookupError,
  LookupOptions,
  OrganizationInput,
  OrganizationQuery
} from "@nordscreen/core"
