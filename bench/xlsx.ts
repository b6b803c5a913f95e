// `nordscreen validate` on a generated 1,000,000-row XLSX: wall time and peak RSS of the CLI as a
// child process. The workbook is laid out as Excel writes one (text in the shared-string table,
// organisation numbers as number cells), generated part by part (apps/screen/test/fixtures/
// workbookZip.ts). Needs the built CLI (`pnpm --filter @nordscreen/screen build`).
// BENCH_ROWS sets the row count.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { rowXml, workbookZip } from "../apps/screen/test/fixtures/workbookZip.js"

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const cli = join(dirname(fileURLToPath(import.meta.url)), "../apps/screen/bin/nordscreen.js")
if (!existsSync(join(dirname(cli), "../dist/bin.js"))) {
  console.error("build the CLI first: pnpm --filter @nordscreen/screen build")
  process.exit(1)
}

const orgnr = (n: number): number => {
  for (let k = n; ; k++) {
    const stem = `91${String(k % 1_000_000).padStart(6, "0")}`
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(stem[i]), 0)
    const check = (11 - (sum % 11)) % 11
    if (check !== 10) return Number(stem + check)
  }
}

// Shared strings: 0-4 the header, 5 "Foretak", 6 "Norge", then per row its reference and name.
const strings = ["Kundenummer", "Type", "Land", "Organisasjonsnummer", "Navn", "Foretak", "Norge"]
const rows: Array<string> = [
  rowXml(
    1,
    [0, 1, 2, 3, 4].map((s) => ({ s }))
  )
]
let chunk = ""
for (let i = 0; i < ROWS; i++) {
  const ref = strings.push(`K${i}`) - 1
  const name = strings.push(`Firma ${i} AS`) - 1
  chunk += rowXml(i + 2, [
    { s: ref },
    { s: 5 },
    { s: 6 },
    { n: orgnr(i % 11 === 10 ? i - 1 : i) },
    { s: name }
  ])
  if (chunk.length > 1_000_000) {
    rows.push(chunk)
    chunk = ""
  }
}
rows.push(chunk)
const dir = mkdtempSync(join(tmpdir(), "nordscreen-bench-"))
const portfolio = join(dir, "portfolio.xlsx")
writeFileSync(portfolio, workbookZip({ sheets: [{ name: "Kunder", rows }], sharedStrings: strings }))
const megabytes = statSync(portfolio).size / 1024 / 1024

const args = [cli, "validate", portfolio, "--out", join(dir, "out")]
const started = process.hrtime.bigint()
const run = spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], { encoding: "utf8" })
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN) / 1024
const read = /rows read\s+(\d+)/.exec(run.stdout)?.[1]

console.log(`input: ${ROWS} rows, ${megabytes.toFixed(1)} MB XLSX`)
console.log(`exit code ${run.status}, rows read ${read ?? "?"}`)
if (run.status !== 0)
  console.log(
    run.stderr
      .split("\n")
      .filter((l) => !l.startsWith("\t"))
      .join("\n")
  )
console.log(`wall time ${seconds.toFixed(2)} s, peak RSS ${rssMb.toFixed(0)} MB (/usr/bin/time -v)`)
rmSync(dir, { recursive: true, force: true })
if (run.status !== 0 || read !== String(ROWS)) process.exitCode = 1
