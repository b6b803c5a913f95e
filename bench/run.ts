// Runs every benchmark in this folder one after another (or those named on the command line),
// each in its own Node process so that one cannot skew another's memory or CPU figures.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const all = readdirSync(here)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts")
  .map((file) => basename(file, ".ts"))
  .sort()
const selected = wanted.length > 0 ? all.filter((name) => wanted.includes(name)) : all

let failed = 0
for (const name of selected) {
  console.log(`\n=== bench/${name}.ts`)
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(here, `${name}.ts`)], {
    stdio: "inherit",
    cwd: here
  })
  if (result.status !== 0) failed += 1
}
process.exitCode = failed === 0 ? 0 : 1
