export * from "./wire/WireVariants.js"
