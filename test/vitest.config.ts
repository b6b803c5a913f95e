import { sharedConfig } from "../configs/vitest.shared.js"

export default sharedConfig({
  include: ["**/*.test.ts"],
  exclude: ["node_modules/**"],
  globalSetup: ["./globalSetup.ts"],
  testTimeout: 120_000
})
