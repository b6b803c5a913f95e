import { existsSync } from "node:fs"
import { chmod, open as openFile, readdir, rm } from "node:fs/promises"
import { join } from "node:path"
import { Effect } from "effect"
import { makeOwnerOnlyDir } from "../internal/outputDir.js"
import { outputError } from "./outputError.js"

/** Half-written artifacts of a killed process (`*.tmp-<random>`): never recorded, never valid. */
const removeTempFiles = async (dir: string) => {
  if (!existsSync(dir)) return
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  for (const entry of entries)
    if (entry.isFile() && /\.tmp-[0-9a-f]+$/.test(entry.name))
      await rm(join(entry.parentPath, entry.name), { force: true })
}

/** The run directory, owner-only, without a killed process's half-written files, with its run.log. */
export const prepareRunDir = (runDir: string) =>
  Effect.tryPromise({
    try: async () => {
      await makeOwnerOnlyDir(runDir)
      await removeTempFiles(join(runDir, "entities"))
      // pino would create the log with the umask's permissions.
      await (await openFile(join(runDir, "run.log"), "a", 0o600)).close()
      await chmod(join(runDir, "run.log"), 0o600)
    },
    catch: outputError(runDir)
  })
