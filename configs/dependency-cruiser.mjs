// The import rules of the monorepo, checked by dependency-cruiser in `pnpm lint` (so in `pnpm test`):
//   pnpm deps            the check over apps/*/src and packages/*/src (exit 1 on any violation)
// test/deps/ runs the same rules over small fixture trees to show that each rule reports what it
// should (a cycle, an import against the flow, a reach into another folder's internal/).
//
// Paths are matched relative to the folder the cruise starts from; the patterns are anchored on
// `(^|/)apps/...` and `(^|/)packages/...` so the same rules hold for a fixture tree that mirrors
// the layout (test/deps/fixtures/<case>/apps/screen/src/...).

const app = "(^|/)apps/screen/src/"
const stage = (names) => `${app}(${names.join("|")})/`

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "No import cycle anywhere in the sources (type-only imports count too).",
      from: { path: "(^|/)(apps|packages)/[^/]+/src/" },
      to: { circular: true }
    },

    // apps/screen: cli -> run, validate -> ingest -> plan -> execute -> report, journal and internal below.
    {
      name: "ingest-against-flow",
      severity: "error",
      comment: "ingest is the first stage: it imports no later stage and nothing above the stages.",
      from: { path: stage(["ingest"]) },
      to: { path: stage(["plan", "execute", "report", "run", "validate", "cli"]) }
    },
    {
      name: "plan-against-flow",
      severity: "error",
      comment: "plan may import ingest, never execute, report or what composes the stages.",
      from: { path: stage(["plan"]) },
      to: { path: stage(["execute", "report", "run", "validate", "cli"]) }
    },
    {
      name: "execute-against-flow",
      severity: "error",
      comment: "execute may import ingest and plan, never report or what composes the stages.",
      from: { path: stage(["execute"]) },
      to: { path: stage(["report", "run", "validate", "cli"]) }
    },
    {
      name: "report-against-flow",
      severity: "error",
      comment: "report is the last stage: it imports no composition of a run and no cli.",
      from: { path: stage(["report"]) },
      to: { path: stage(["run", "validate", "cli"]) }
    },
    {
      name: "journal-below-stages",
      severity: "error",
      comment: "The journal is below the stages: it imports none of them.",
      from: { path: stage(["journal"]) },
      to: { path: stage(["ingest", "plan", "execute", "report", "run", "validate", "cli"]) }
    },
    {
      name: "internal-at-the-bottom",
      severity: "error",
      comment: "The app's shared internal/ helpers import no folder of the app but internal/ itself.",
      from: { path: stage(["internal"]) },
      to: { path: app, pathNot: `${app}internal/` }
    },
    {
      name: "run-validate-below-cli",
      severity: "error",
      comment: "run/ and validate/ compose the stages for the cli; they never import it.",
      from: { path: stage(["run", "validate"]) },
      to: { path: stage(["cli"]) }
    },
    {
      name: "cli-only-from-bin",
      severity: "error",
      comment: "Nothing imports the cli but the cli itself and the binary's entry (src/bin.ts).",
      from: { path: app, pathNot: [`${app}cli/`, `${app}bin\\.ts$`] },
      to: { path: stage(["cli"]) }
    },

    // internal/ belongs to the folder that holds it (and that folder's subfolders).
    {
      name: "no-foreign-internal",
      severity: "error",
      comment: "A package's src/internal/ is for that package only.",
      from: { path: "(^|/)((apps|packages)/[^/]+/src)/" },
      to: { path: "(^|/)(apps|packages)/[^/]+/src/internal/", pathNot: "(^|/)$2/internal/" }
    },
    {
      name: "no-foreign-folder-internal",
      severity: "error",
      comment: "A folder's internal/ (src/<folder>/internal/) is for that folder only.",
      from: { path: "(^|/)((apps|packages)/[^/]+/src/[^/]+)/" },
      to: { path: "(^|/)(apps|packages)/[^/]+/src/[^/]+/internal/", pathNot: "(^|/)$2/internal/" }
    },
    {
      name: "no-folder-internal-from-src-root",
      severity: "error",
      comment: "A module at the top of src/ (index.ts, bin.ts) does not reach into a folder's internal/.",
      from: { path: "(^|/)(apps|packages)/[^/]+/src/[^/]+$" },
      to: { path: "(^|/)(apps|packages)/[^/]+/src/[^/]+/internal/" }
    },

    // Packages: apps -> adapters -> core.
    {
      name: "core-imports-no-adapter-or-app",
      severity: "error",
      comment: "The core holds mechanism: it imports no adapter package and no app.",
      from: { path: "(^|/)packages/core/" },
      to: { path: "(^|/)(packages/(org|person)-[^/]+|apps)/" }
    },
    {
      name: "packages-import-no-app",
      severity: "error",
      comment: "No package (adapters included) imports an app.",
      from: { path: "(^|/)packages/" },
      to: { path: "(^|/)apps/" }
    },
    {
      name: "adapters-import-no-adapter",
      severity: "error",
      comment: "Adapters never import each other.",
      from: { path: "(^|/)packages/((org|person)-[^/]+)/" },
      to: { path: "(^|/)packages/(org|person)-[^/]+/", pathNot: "(^|/)packages/$2/" }
    }
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    // Type-only imports are dependencies too: a cycle through a type is still a cycle.
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their sources (the `@nordscreen/source` export condition), and
    // through pnpm's symlinks to their real path under packages/ and apps/.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["@nordscreen/source", "import", "types", "default"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".mts", ".js", ".mjs", ".d.ts"]
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
