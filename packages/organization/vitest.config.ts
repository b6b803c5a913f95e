import { sharedConfig } from "../../configs/vitest.shared.js"

export default sharedConfig()
