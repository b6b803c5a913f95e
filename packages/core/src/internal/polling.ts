import type { PollingSettings } from "../AmlConfig.js"

/** The contract's polling guidance (§6.2): every `fastMs` for `fastForMs`, then every `slowMs`. */
export const guidanceInterval = (polling: PollingSettings, waitedMs: number): number =>
  waitedMs < polling.fastForMs ? polling.fastMs : polling.slowMs
