import { randomBytes } from "node:crypto"
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs"
import { join, resolve } from "node:path"
import { Data, Effect, type Scope } from "effect"
import { makeOwnerOnlyDir } from "../internal/outputDir.js"

export class WorkspaceError extends Data.TaggedError("WorkspaceError")<{
  readonly path: string
  readonly reason: string
}> {
  override get message(): string {
    return `workspace ${this.path}: ${this.reason}`
  }
}

export interface Workspace {
  readonly dir: string
  /** Key of core `hashKey` for this workspace: entity keys hash the same in every run. */
  readonly keySecret: string
}

export const DEFAULT_WORKSPACE = "nordscreen-data"

const errorText = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))

const readOrCreateSecret = (path: string): string => {
  try {
    const text = readFileSync(path, "utf8").trim()
    if (text.length >= 32) return text
  } catch {
    // Not there yet: created below.
  }
  const secret = randomBytes(32).toString("hex")
  const fd = openSync(path, "w", 0o600)
  try {
    writeSync(fd, `${secret}\n`)
  } finally {
    closeSync(fd)
  }
  return secret
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return cause instanceof Error && "code" in cause && cause.code === "EPERM"
  }
}

/** One process per workspace: two runners resuming the same run could pay twice. */
const lock = (dir: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        const path = join(dir, "lock")
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            const fd = openSync(path, "wx", 0o600)
            writeSync(fd, String(process.pid))
            closeSync(fd)
            return path
          } catch (cause) {
            if (!(cause instanceof Error && "code" in cause && cause.code === "EEXIST")) throw cause
            const holder = Number.parseInt(readFileSync(path, "utf8"), 10)
            if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
              throw new Error(`in use by process ${holder} (another nordscreen run); wait for it or stop it`)
            // Left behind by a process that was killed: take it over.
            rmSync(path, { force: true })
          }
        }
        throw new Error("could not take the workspace lock")
      },
      catch: (cause) => new WorkspaceError({ path: dir, reason: errorText(cause) })
    }),
    (path) => Effect.sync(() => rmSync(path, { force: true }))
  )

/** Opens (creating, 0700) the workspace directory, takes its lock and reads its key secret. */
export const openWorkspace = (path: string): Effect.Effect<Workspace, WorkspaceError, Scope.Scope> =>
  Effect.gen(function* () {
    const dir = resolve(path)
    yield* Effect.tryPromise({
      try: () => makeOwnerOnlyDir(dir),
      catch: (cause) => new WorkspaceError({ path: dir, reason: errorText(cause) })
    })
    yield* lock(dir)
    const keySecret = yield* Effect.try({
      try: () => readOrCreateSecret(join(dir, "key")),
      catch: (cause) => new WorkspaceError({ path: dir, reason: errorText(cause) })
    })
    return { dir, keySecret }
  })
