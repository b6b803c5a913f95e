// Preloaded into the CLI by `screen-cpu.ts` (NODE_OPTIONS=--require): at exit, the process's own
// user and system CPU (µs, all threads) and peak RSS (KB) go to the file BENCH_USAGE_FILE names.
const { writeFileSync } = require("node:fs")

const file = process.env.BENCH_USAGE_FILE
if (file) {
  process.on("exit", () => {
    const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage()
    writeFileSync(file, JSON.stringify({ userCPUTime, systemCPUTime, maxRSS }))
  })
}
