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

// With BENCH_MEMORY_LOG set, process.memoryUsage() every 2 s (MB) goes to that file, one JSON line each.
const memoryLog = process.env.BENCH_MEMORY_LOG
if (memoryLog) {
  const { appendFileSync } = require("node:fs")
  const started = Date.now()
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    const mb = (n) => Math.round(n / 1048576)
    appendFileSync(
      memoryLog,
      `${JSON.stringify({ s: Math.round((Date.now() - started) / 1000), rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) })}\n`
    )
  }, 2000)
  timer.unref()
}
