export type { PersonInput } from "./PersonInput.js"
export { personDefaultExpands, personExpands, personNoAdapter } from "./personNoAdapter.js"
export * from "./PersonResultNO.js"
export { personElementPaths, summarizePerson } from "./summarizePerson.js"
