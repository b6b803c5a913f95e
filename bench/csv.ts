// The CSV reader on 1 MB files of different shapes: a million blank lines, ordinary portfolio rows,
// and rows shorter than the header. Each should take about as long as any other megabyte (target:
// ≤ 2 s for the `validate` command on each). Measures the built reader (`openCsv`, all records
// read, best of 3) in this process and `nordscreen validate` as a child process. Needs the built
// CLI (`pnpm --filter @nordscreen/screen... build`). Wall time depends on the machine's load;
// the reader's time is the figure to compare.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const screen = join(dirname(fileURLToPath(import.meta.url)), "../apps/screen")
const reader = join(screen, "dist/ingest/CsvReader.js")
const cli = join(screen, "bin/nordscreen.js")
if (!existsSync(reader)) {
  console.error("build the CLI first: pnpm --filter @nordscreen/screen... build")
  process.exit(1)
}
interface Source {
  readonly batches: AsyncIterable<ReadonlyArray<unknown>>
}
const { openCsv } = (await import(pathToFileURL(reader).href)) as {
  openCsv: (path: string) => Promise<Source>
}

const MB = 1024 * 1024
const header = "Kundenummer;Type;Land;Organisasjonsnummer;Navn\n"
const fill = (line: (i: number) => string): string => {
  const parts = [header]
  let size = header.length
  for (let i = 0; size < MB; i++) {
    const next = line(i)
    parts.push(next)
    size += next.length
  }
  return parts.join("")
}

const dir = mkdtempSync(join(tmpdir(), "nordscreen-bench-csv-"))
const files: ReadonlyArray<readonly [string, string]> = [
  // The command's own start-up, for comparison: on a loaded machine it is most of the wall time.
  ["2 rows (start-up)", `${header}K1;Foretak;Norge;910000012;Fjordlys AS\n`],
  ["1,000,000 blank lines", `${header}${"\n".repeat(1_000_000)}K1;Foretak;Norge;910000012;Fjordlys AS\n`],
  ["ordinary rows", fill((i) => `K${i};Foretak;Norge;910000012;Firma ${i} AS\n`)],
  ["short rows (1 field of 5)", fill(() => "x\n")]
]

try {
  console.log("| file | size | records | reader, best of 3 | `nordscreen validate` wall time |")
  console.log("| --- | --- | --- | --- | --- |")
  for (const [name, text] of files) {
    const path = join(dir, `${name.replace(/\W+/g, "-")}.csv`)
    writeFileSync(path, text)
    let best = Number.POSITIVE_INFINITY
    let records = 0
    for (let round = 0; round < 3; round++) {
      const started = process.hrtime.bigint()
      const source = await openCsv(path)
      records = 0
      for await (const batch of source.batches) records += batch.length
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6)
    }
    const started = process.hrtime.bigint()
    const run = spawnSync(process.execPath, [cli, "validate", path, "--out", join(dir, "out", name)], {
      encoding: "utf8"
    })
    const wall = Number(process.hrtime.bigint() - started) / 1e9
    const size = (statSync(path).size / MB).toFixed(2)
    console.log(
      `| ${name} | ${size} MB | ${records} | ${best.toFixed(0)} ms | ${wall.toFixed(2)} s (exit ${run.status}) |`
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
