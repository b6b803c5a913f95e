import { fileURLToPath } from "node:url"
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser"
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options"
import { beforeAll, describe, expect, it } from "vitest"

// The rules `pnpm deps` (part of `pnpm lint`, so of `pnpm test`) checks the repository with, run
// here over small fixture trees that mirror the layout: one breaks each rule, one takes every
// allowed direction once.

const repoRoot = fileURLToPath(new URL("../..", import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

let options: ICruiseOptions
beforeAll(async () => {
  options = await extractDepcruiseOptions(`${repoRoot}configs/dependency-cruiser.mjs`)
})

const cruiseIn = async (baseDir: string, roots: ReadonlyArray<string>): Promise<ICruiseResult> => {
  const result = await cruise([...roots], { ...options, baseDir })
  if (typeof result.output === "string") throw new Error("dependency-cruiser returned text, not a result")
  return result.output
}

/** Each violation as one line: rule, then the edge (or the whole cycle). */
const violationsOf = (result: ICruiseResult): ReadonlyArray<string> =>
  result.summary.violations
    .map((v) =>
      v.cycle === undefined
        ? `${v.rule.name}: ${v.from} -> ${v.to}`
        : `${v.rule.name}: ${[v.from, ...v.cycle.map((step) => step.name)].join(" -> ")}`
    )
    .sort()

describe("dependency rules", () => {
  it("report each cycle, import against the flow and reach into another folder's internal/", async () => {
    const result = await cruiseIn(fixture("violations"), ["apps", "packages"])
    const app = "apps/screen/src"
    expect(violationsOf(result)).toEqual(
      [
        `no-cycle: ${app}/plan/plan.ts -> ${app}/plan/takeovers.ts -> ${app}/plan/plan.ts`,
        `ingest-against-flow: ${app}/ingest/read.ts -> ${app}/plan/plan.ts`,
        `execute-against-flow: ${app}/execute/execute.ts -> ${app}/report/report.ts`,
        `report-against-flow: ${app}/report/report.ts -> ${app}/run/run.ts`,
        `no-foreign-folder-internal: ${app}/report/report.ts -> ${app}/ingest/internal/tokenize.ts`,
        `no-folder-internal-from-src-root: ${app}/index.ts -> ${app}/ingest/internal/tokenize.ts`,
        `journal-below-stages: ${app}/journal/journal.ts -> ${app}/execute/execute.ts`,
        `internal-at-the-bottom: ${app}/internal/helper.ts -> ${app}/journal/journal.ts`,
        `run-validate-below-cli: ${app}/validate/validate.ts -> ${app}/cli/options.ts`,
        `cli-only-from-bin: ${app}/validate/validate.ts -> ${app}/cli/options.ts`,
        "core-imports-no-adapter-or-app: packages/core/src/engine.ts -> packages/org-no/src/adapter.ts",
        `core-imports-no-adapter-or-app: packages/core/src/engine.ts -> ${app}/run/run.ts`,
        `packages-import-no-app: packages/core/src/engine.ts -> ${app}/run/run.ts`,
        "adapters-import-no-adapter: packages/org-no/src/adapter.ts -> packages/org-se/src/internal/rules.ts",
        "no-foreign-internal: packages/org-no/src/adapter.ts -> packages/org-se/src/internal/rules.ts",
        `packages-import-no-app: packages/org-se/src/internal/rules.ts -> ${app}/internal/helper.ts`,
        `no-foreign-internal: packages/org-se/src/internal/rules.ts -> ${app}/internal/helper.ts`
      ].sort()
    )
  })

  it("allow a stage to import earlier stages, the journal and internal helpers, and the cli to use what is below it", async () => {
    const result = await cruiseIn(fixture("clean"), ["apps", "packages"])
    expect(violationsOf(result)).toEqual([])
    // Every import of the tree was resolved and checked (none skipped as unresolvable).
    expect(result.summary.totalDependenciesCruised).toBe(25)
    expect(result.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve))).toEqual([])
  })

  it("resolve a workspace package to its sources, so the package rules see the repository's real imports", async () => {
    const result = await cruiseIn(repoRoot, ["apps/screen/src/run"])
    const runScreen = result.modules.find((m) => m.source === "apps/screen/src/run/runScreen.ts")
    expect(runScreen?.dependencies.map((d) => d.resolved)).toContain("packages/core/src/index.ts")
  })
})
