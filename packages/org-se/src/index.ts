export { orgSeAdapter } from "./orgSeAdapter.js"
export { KeyInformationSE, OrganizationResultSE } from "./OrganizationResultSE.js"
export type { OrganizationInput } from "@nordscreen/core"
