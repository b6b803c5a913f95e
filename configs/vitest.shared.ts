import { fileURLToPath } from "node:url"
import { defineConfig, type UserConfig } from "vitest/config"

const root = fileURLToPath(new URL("..", import.meta.url))

// Workspace packages resolve to their TypeScript sources in tests, so a test never runs
// against a stale build.
const sources: Record<string, string> = {
  // Subpaths first: the first alias that matches wins, and `@nordscreen/core` matches them too.
  "@nordscreen/core/sql": `${root}packages/core/src/sql.ts`,
  "@nordscreen/core/conformance": `${root}packages/core/src/conformance.ts`,
  "@nordscreen/core": `${root}packages/core/src/index.ts`,
  "@nordscreen/identifiers": `${root}packages/identifiers/src/index.ts`,
  "@nordscreen/organization": `${root}packages/organization/src/index.ts`,
  "@nordscreen/org-no": `${root}packages/org-no/src/index.ts`,
  "@nordscreen/org-se": `${root}packages/org-se/src/index.ts`,
  "@nordscreen/org-fi": `${root}packages/org-fi/src/index.ts`,
  "@nordscreen/person-no": `${root}packages/person-no/src/index.ts`,
  "@nordscreen/simulator": `${root}apps/simulator/src/index.ts`
}

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
