export * from "./sql/SqlStepJournal.js"
