import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig, type UserConfig } from "vitest/config"

const root = fileURLToPath(new URL("..", import.meta.url))

// Workspace packages resolve to their TypeScript sources in tests, so a test never runs
// against a stale build. The list is derived from the workspace folders (a package's `exports`
// with the `@nordscreen/source` condition), so adding a package edits nothing here.
const sourceExports = (dir: string): ReadonlyArray<readonly [string, string]> => {
  const manifest = join(dir, "package.json")
  if (!existsSync(manifest)) return []
  const pkg: unknown = JSON.parse(readFileSync(manifest, "utf8"))
  if (typeof pkg !== "object" || pkg === null || !("name" in pkg) || typeof pkg.name !== "string") return []
  const name = pkg.name
  const exports =
    "exports" in pkg && typeof pkg.exports === "object" && pkg.exports !== null ? pkg.exports : {}
  return Object.entries(exports).flatMap(([subpath, target]) => {
    const source =
      typeof target === "object" && target !== null && "@nordscreen/source" in target
        ? target["@nordscreen/source"]
        : undefined
    if (typeof source !== "string") return []
    return [[subpath === "." ? name : `${name}/${subpath.replace(/^\.\//, "")}`, join(dir, source)] as const]
  })
}

const workspaceFolders = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name))
)

// Subpaths first: the first alias that matches wins, and `@nordscreen/core` matches them too.
const sources: Record<string, string> = Object.fromEntries(
  workspaceFolders.flatMap(sourceExports).sort(([a], [b]) => b.length - a.length)
)

export const sharedConfig = (overrides: UserConfig["test"] = {}): UserConfig =>
  defineConfig({
    resolve: { alias: sources },
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      pool: "forks",
      ...overrides
    }
  })
