import { sharedConfig } from "../configs/vitest.shared.js"

export default sharedConfig({ include: ["**/*.test.ts"], exclude: ["node_modules/**"], testTimeout: 120_000 })
