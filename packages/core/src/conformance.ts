export * from "./conformance/durableStepsConformance.js"
