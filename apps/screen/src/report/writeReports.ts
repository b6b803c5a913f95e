import { readdir, stat, writeFile } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { fileSha256 } from "../internal/fileSha256.js"
import { maskReport } from "./maskReport.js"
import { renderCsv } from "./renderCsv.js"
import { renderHtml } from "./renderHtml.js"
import { renderJson } from "./renderJson.js"
import { renderXlsx } from "./renderXlsx.js"
import { type RunReport, SIMULATED_BANNER } from "./RunReport.js"

export interface ManifestEntry {
  /** Path relative to the run directory, `/`-separated. */
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

export interface Manifest {
  readonly banner?: string
  readonly runId: string
  readonly createdAt: string
  readonly files: ReadonlyArray<ManifestEntry>
}

const listFiles = async (dir: string): Promise<Array<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** Size and SHA-256 of every file under the run directory except the manifest itself. */
export const buildManifest = async (dir: string, report: RunReport, createdAt: string): Promise<Manifest> => {
  const files: Array<ManifestEntry> = []
  for (const file of await listFiles(dir)) {
    const path = relative(dir, file).split(sep).join("/")
    if (path === "manifest.json") continue
    const bytes = (await stat(file)).size
    const sha256 = await fileSha256(file)
    files.push({ path, bytes, sha256 })
  }
  return {
    ...(report.run.simulated ? { banner: SIMULATED_BANNER } : {}),
    runId: report.run.runId,
    createdAt,
    files
  }
}

/**
 * Writes report.xlsx, report.csv, report.json and report.html into the run directory (which
 * must exist), then manifest.json over every file in it. Files are owner-only (0600). National
 * identity numbers are masked in every field unless the run reveals ids (`maskReport`).
 */
export const writeReports = async (dir: string, run: RunReport): Promise<Manifest> => {
  const options = { mode: 0o600 } as const
  // The one place every report file's content passes: a national identity number in any field
  // (a reference, a name, a message) is masked unless the run reveals ids.
  const report = run.run.revealIds ? run : maskReport(run)
  await writeFile(join(dir, "report.xlsx"), renderXlsx(report), options)
  await writeFile(join(dir, "report.csv"), renderCsv(report), options)
  await writeFile(join(dir, "report.json"), renderJson(report), options)
  await writeFile(join(dir, "report.html"), renderHtml(report), options)
  const manifest = await buildManifest(dir, report, report.run.finishedAt)
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2), options)
  return manifest
}
