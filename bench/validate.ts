// `nordscreen validate` on a generated 1,000,000-row CSV: wall time and peak RSS of the CLI as a
// child process (targets: ≤ 10 s, ≤ 256 MB). Needs the built CLI (`pnpm build`, or
// `pnpm --filter @nordscreen/screen build`). Peak RSS comes from /usr/bin/time -v when present,
// else from the child's own process.resourceUsage().maxRSS reported through --import.
import { spawnSync } from "node:child_process"
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { once } from "node:events"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const ROWS = 1_000_000
const cli = join(dirname(fileURLToPath(import.meta.url)), "../apps/screen/bin/nordscreen.js")
if (!existsSync(join(dirname(cli), "../dist/bin.js"))) {
  console.error("build the CLI first: pnpm --filter @nordscreen/screen build")
  process.exit(1)
}

// Synthetic organisation numbers on the 91xxxxxxx range; every 11th row repeats an earlier one.
const orgnr = (n: number): string => {
  for (let k = n; ; k++) {
    const stem = `91${String(k % 1_000_000).padStart(6, "0")}`
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(stem[i]), 0)
    const check = (11 - (sum % 11)) % 11
    if (check !== 10) return stem + check
  }
}

const dir = mkdtempSync(join(tmpdir(), "nordscreen-bench-"))
const portfolio = join(dir, "portfolio.csv")
const out = createWriteStream(portfolio)
out.write("Kundenummer;Type;Land;Organisasjonsnummer;Navn\n")
for (let i = 0; i < ROWS; i++) {
  if (!out.write(`K${i};Foretak;Norge;${orgnr(i % 11 === 10 ? i - 1 : i)};Firma ${i} AS\n`))
    await once(out, "drain")
}
out.end()
await once(out, "finish")
const megabytes = statSync(portfolio).size / 1024 / 1024

const reporter = join(dir, "rss.mjs")
const reportRss =
  'process.on("exit", () => process.stderr.write("MAXRSS_KB=" + process.resourceUsage().maxRSS + "\\n"))'
writeFileSync(reporter, `${reportRss}\n`)
const timeBin = "/usr/bin/time"
const useTime = existsSync(timeBin)
const args = ["--import", reporter, cli, "validate", portfolio, "--out", join(dir, "out")]
const started = process.hrtime.bigint()
const run = useTime
  ? spawnSync(timeBin, ["-v", process.execPath, ...args], { encoding: "utf8" })
  : spawnSync(process.execPath, args, { encoding: "utf8" })
const seconds = Number(process.hrtime.bigint() - started) / 1e9

const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]
const fromNode = /MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1]
const rssMb = Number(fromTime ?? fromNode ?? Number.NaN) / 1024
const rows = /rows read\s+(\d+)/.exec(run.stdout)?.[1]

console.log(`input: ${ROWS} rows, ${megabytes.toFixed(1)} MB CSV`)
console.log(`exit code ${run.status}, rows read ${rows ?? "?"}`)
console.log(`wall time ${seconds.toFixed(2)} s (target ≤ 10 s)`)
console.log(
  `peak RSS ${rssMb.toFixed(0)} MB (target ≤ 256 MB, from ${fromTime !== undefined ? "/usr/bin/time -v" : "process.resourceUsage"})`
)
rmSync(dir, { recursive: true, force: true })
if (run.status !== 0 || rows !== String(ROWS)) process.exitCode = 1
