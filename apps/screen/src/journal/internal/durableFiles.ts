// Durable file writes for the journal's writer thread: synchronous calls (no libuv round trip per
// call on the main thread), the files of one batch flushed together and each directory synced
// once per batch.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs"
import { dirname } from "node:path"
import type { DurableFile } from "./writerProtocol.js"

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

// Temp names end in hex digits only: a resumed run removes `*.tmp-<hex>` files a killed process left.
let tempCounter = 0
const tempPrefix = `${process.pid.toString(16)}${Date.now().toString(16)}`
const tempOf = (path: string) => `${path}.tmp-${tempPrefix}${(tempCounter++).toString(16).padStart(8, "0")}`

const writeAll = (fd: number, bytes: Uint8Array) => {
  for (let offset = 0; offset < bytes.byteLength; )
    offset += writeSync(fd, bytes, offset, bytes.byteLength - offset)
}

const syncDirectory = (dir: string) => {
  const fd = openSync(dir, "r")
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Creates `dir` (owner-only) if needed; returns the directories whose entries changed. */
const ensureDirectory = (dir: string): ReadonlyArray<string> => {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (first === undefined) return []
  const parents: Array<string> = []
  for (let at = dir; at !== first && dirname(at) !== at; at = dirname(at)) parents.push(dirname(at))
  parents.push(dirname(first))
  return parents
}

interface Staged {
  readonly owner: number
  readonly file: DurableFile
  readonly temp: string
  readonly fd: number
}

/**
 * Writes the files of a batch of writes durably: each to a temp name, all flushed, renamed into
 * place, then every directory that gained an entry synced once. A crash leaves either the old
 * file or the whole new one. `files[i]` belongs to write `owners[i]`; the result maps each
 * write whose file could not be written durably to the reason (its other files may exist; the
 * caller does not record them).
 */
export const writeDurably = (
  files: ReadonlyArray<DurableFile>,
  owners: ReadonlyArray<number>
): Map<number, string> => {
  const failed = new Map<number, string>()
  const directories = new Map<string, Set<number>>()
  const touch = (dir: string, owner: number) => {
    const set = directories.get(dir) ?? new Set<number>()
    set.add(owner)
    directories.set(dir, set)
  }
  const staged: Array<Staged> = []
  files.forEach((file, index) => {
    const owner = owners[index] ?? -1
    if (failed.has(owner)) return
    try {
      const dir = dirname(file.path)
      for (const parent of ensureDirectory(dir)) touch(parent, owner)
      const temp = tempOf(file.path)
      const fd = openSync(temp, "w", 0o600)
      staged.push({ owner, file, temp, fd })
      writeAll(fd, file.bytes)
    } catch (cause) {
      failed.set(owner, `${file.path}: ${messageOf(cause)}`)
    }
  })
  for (const { owner, file, fd } of staged) {
    try {
      if (!failed.has(owner)) fsyncSync(fd)
    } catch (cause) {
      failed.set(owner, `${file.path}: ${messageOf(cause)}`)
    }
    try {
      closeSync(fd)
    } catch (cause) {
      if (!failed.has(owner)) failed.set(owner, `${file.path}: ${messageOf(cause)}`)
    }
  }
  for (const { owner, file, temp } of staged) {
    try {
      if (failed.has(owner)) {
        rmSync(temp, { force: true })
        continue
      }
      renameSync(temp, file.path)
      touch(dirname(file.path), owner)
    } catch (cause) {
      failed.set(owner, `${file.path}: ${messageOf(cause)}`)
      rmSync(temp, { force: true })
    }
  }
  for (const [dir, writers] of directories) {
    try {
      syncDirectory(dir)
    } catch (cause) {
      for (const owner of writers) if (!failed.has(owner)) failed.set(owner, `${dir}: ${messageOf(cause)}`)
    }
  }
  return failed
}
