export type * from "./Adapter.js"
export type * from "./EntitySummary.js"
