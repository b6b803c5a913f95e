export const SIMULATED_NOTICE = [
  "┌──────────────────────────────────────────────────────────────────────┐",
  "│  SIMULATED DATA — results come from the nordscreen simulator, not   │",
  "│  from BankID. Never use them for real screening decisions.          │",
  "└──────────────────────────────────────────────────────────────────────┘"
].join("\n")
