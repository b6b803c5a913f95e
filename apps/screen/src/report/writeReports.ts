import { readdir, stat, writeFile } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { fileSha256 } from "../internal/fileSha256.js"
import { writeTextFile } from "./internal/TextOut.js"
import { maskReportParts } from "./maskReport.js"
import { writeCsv } from "./renderCsv.js"
import { writeHtml } from "./renderHtml.js"
import { writeJson } from "./renderJson.js"
import { writeXlsxFile } from "./renderXlsx.js"
import { type ReportParts, SIMULATED_BANNER } from "./RunReport.js"

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

/** A file's size and SHA-256 as recorded when it was durably written (the run's artifacts). */
export interface RecordedFile {
  readonly bytes: number
  readonly sha256: string
}

/**
 * Size and SHA-256 of every file under the run directory except the manifest itself. A file the
 * journal recorded when it wrote it (an entity's JSON result or PDF: hashed from the bytes that
 * were fsynced) is listed with its recorded size and hash instead of being read again.
 */
const buildManifest = async (
  dir: string,
  report: ReportParts,
  createdAt: string,
  recorded: ReadonlyMap<string, RecordedFile> = new Map()
): Promise<Manifest> => {
  const files: Array<ManifestEntry> = []
  for (const file of await listFiles(dir)) {
    const path = relative(dir, file).split(sep).join("/")
    if (path === "manifest.json") continue
    const known = recorded.get(path)
    if (known !== undefined) {
      files.push({ path, bytes: known.bytes, sha256: known.sha256 })
      continue
    }
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
 * must exist), then manifest.json over every file in it (with the recorded hashes of `recorded`). Files are owner-only (0600). National
 * identity numbers are masked in every field unless the run reveals ids (`maskReport`). Each
 * file is streamed as the report's records are read, in memory that does not grow with them.
 */
export const writeReports = async (
  dir: string,
  run: ReportParts,
  recorded?: ReadonlyMap<string, RecordedFile>
): Promise<Manifest> => {
  const options = { mode: 0o600 } as const
  // The one place every report file's content passes: a national identity number in any field
  // (a reference, a name, a message) is masked unless the run reveals ids.
  const report = run.run.revealIds ? run : maskReportParts(run)
  await writeXlsxFile(report, join(dir, "report.xlsx"))
  await writeTextFile(join(dir, "report.csv"), (out) => writeCsv(report, out))
  await writeTextFile(join(dir, "report.json"), (out) => writeJson(report, out))
  await writeTextFile(join(dir, "report.html"), (out) => writeHtml(report, out))
  const manifest = await buildManifest(dir, report, report.run.finishedAt, recorded)
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2), options)
  return manifest
}
