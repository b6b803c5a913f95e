export { orgNoAdapter } from "./orgNoAdapter.js"
export { OrganizationResultNO } from "./OrganizationResultNO.js"
export type { OrganizationInput } from "@nordscreen/core"
