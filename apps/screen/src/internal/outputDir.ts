import { chmod, mkdir } from "node:fs/promises"
import { join } from "node:path"

/** `validate-2025-03-01T10-15-00Z`: sortable, and valid on every file system. */
const runDirName = (command: string, at: Date): string =>
  `${command}-${at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}`

export const defaultOutDir = (command: string, at: Date): string =>
  join("nordscreen-output", runDirName(command, at))

/** Creates the run directory readable by its owner only: reports name customers and hits. */
export const makeOwnerOnlyDir = async (path: string): Promise<void> => {
  await mkdir(path, { recursive: true, mode: 0o700 })
  await chmod(path, 0o700)
}
