export { orgFiAdapter } from "./orgFiAdapter.js"
export { KeyInformationFI, OrganizationResultFI } from "./OrganizationResultFI.js"
export type { OrganizationInput } from "@nordscreen/core"
