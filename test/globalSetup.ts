// The end-to-end and contract tests run the BUILT simulator and CLI as processes. Under
// `pnpm test`, turbo has built every package before this runs (`test` depends on `^build`);
// when vitest is run directly, build here once, before any test file starts a process, so no
// test ever reads a dist/ that is being rewritten.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
// Every workspace package with a build (derived from the folders, so a new package needs no edit here).
const packages = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, "tsconfig.build.json"))
    )
    .map((entry) => `${group}/${entry.name}`)
)

const newest = (dir: string): number => {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs
    if (time > latest) latest = time
  }
  return latest
}

const isStale = (pkg: string): boolean => {
  const dist = join(root, pkg, "dist")
  return !existsSync(dist) || newest(join(root, pkg, "src")) > newest(dist)
}

export default function setup(): void {
  if (!packages.some(isStale)) return
  execFileSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@nordscreen/screen", "--output-logs=errors-only"],
    {
      cwd: root,
      stdio: "inherit"
    }
  )
}
