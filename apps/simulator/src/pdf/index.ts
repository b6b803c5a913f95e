export {
  createSigningIdentity,
  type SigningIdentity,
  type SigningIdentityOptions
} from "./createSigningIdentity.js"
export { type ReportInput, renderReport } from "./renderReport.js"
export { type SignatureCheck, verifyPdfSignature } from "./verifyPdfSignature.js"
