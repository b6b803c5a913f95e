import { close, existsSync, fsync, open, rename, write } from "node:fs"
import { mkdir, readFile, rm } from "node:fs/promises"
import { dirname, join } from "node:path"
import { ArtifactSink, Errors } from "@nordscreen/core"
import { Effect } from "effect"
import type { JournalShape } from "../journal/Journal.js"

/** Where an entity's files go; registered while the entity is being screened. */
export interface SinkTarget {
  /** The journal key (workspace hash of the entity key). */
  readonly key: string
  /** `entities/<name>` relative to the run directory. */
  readonly directory: string
}

const fileName = (kind: ArtifactSink.ArtifactKind): string =>
  kind === "json" ? "result.json" : `${/^[A-Za-z0-9_-]{1,64}$/.test(kind) ? kind : "report"}.pdf`

/**
 * The file system calls of a durable write, chained with callbacks inside one promise: one
 * promise per file instead of one per call (and no `FileHandle` objects), on the hot path of a
 * run that writes two files per entity.
 */
const settle =
  (resolve: () => void, reject: (error: Error) => void) =>
  (error: Error | null): void => {
    if (error === null) resolve()
    else reject(error)
  }

/** Opens `path`, fsyncs it, closes it. */
const syncPath = (path: string, flags: string): Promise<void> =>
  new Promise((resolve, reject) => {
    open(path, flags, (openError, fd) => {
      if (openError !== null) return reject(openError)
      fsync(fd, (syncError) =>
        close(fd, (closeError) => settle(resolve, reject)(syncError ?? closeError ?? null))
      )
    })
  })

/** Writes `bytes` to a new file `path` (owner-only), fsyncs and closes it. */
const writeSynced = (path: string, bytes: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    open(path, "w", 0o600, (openError, fd) => {
      if (openError !== null) return reject(openError)
      const finish = (error: Error | null) =>
        close(fd, (closeError) => settle(resolve, reject)(error ?? closeError ?? null))
      const from = (offset: number) => {
        if (offset >= bytes.byteLength) return fsync(fd, (syncError) => finish(syncError ?? null))
        write(fd, bytes, offset, bytes.byteLength - offset, null, (writeError, written) =>
          writeError !== null ? finish(writeError) : from(offset + written)
        )
      }
      from(0)
    })
  })

const renamed = (from: string, to: string): Promise<void> =>
  new Promise((resolve, reject) => rename(from, to, settle(resolve, reject)))

/**
 * fsync of directories, coalesced: a request joins a sync of the same directory that has not
 * started yet (it will cover the request's entries); a request made while a sync runs waits for
 * the next one, which starts when the running one ends. So when many entity directories are
 * created at once, their parent is synced once per round instead of once per entity.
 */
const makeDirectorySync = () => {
  const running = new Map<string, Promise<void>>()
  const queued = new Map<string, Promise<void>>()
  const syncNow = (dir: string): Promise<void> => syncPath(dir, "r")
  const sync = (dir: string): Promise<void> => {
    const waiting = queued.get(dir)
    if (waiting !== undefined) return waiting
    const before = running.get(dir) ?? Promise.resolve()
    const next = before
      .catch(() => {})
      .then(() => {
        queued.delete(dir)
        running.set(dir, next)
        return syncNow(dir)
      })
      .finally(() => {
        if (running.get(dir) === next) running.delete(dir)
      })
    queued.set(dir, next)
    return next
  }
  return sync
}

// Temp names end in hex digits only: a resumed run removes `*.tmp-<hex>` files a killed process left.
let tempCounter = 0
const tempPrefix = `${process.pid.toString(16)}${Date.now().toString(16)}`

/**
 * Write, flush to disk, rename, then sync the directory: a crash leaves either the old file or the
 * whole new one, and the name is durable before the caller records the artifact. The entity's
 * directory is created (and its entry in the parent synced) once per entity, not per file.
 */
const makeDurableWriter = () => {
  const syncDirectory = makeDirectorySync()
  const created = new Map<string, Promise<void>>()
  const ensureDirectory = (dir: string): Promise<void> => {
    let done = created.get(dir)
    if (done === undefined) {
      done = mkdir(dir, { recursive: true, mode: 0o700 }).then(async (first) => {
        // Every directory the call created is named in its parent: sync those parents.
        if (first === undefined) return
        const parents: Array<string> = []
        for (let at = dir; at !== first && dirname(at) !== at; at = dirname(at)) parents.push(dirname(at))
        parents.push(dirname(first))
        await Promise.all(parents.map(syncDirectory))
      })
      done.catch(() => created.delete(dir))
      created.set(dir, done)
    }
    return done
  }
  const write = async (path: string, bytes: Uint8Array): Promise<void> => {
    const dir = dirname(path)
    await ensureDirectory(dir)
    const temp = `${path}.tmp-${tempPrefix}${(tempCounter++).toString(16).padStart(8, "0")}`
    await writeSynced(temp, bytes)
    try {
      await renamed(temp, path)
    } catch (cause) {
      await rm(temp, { force: true })
      throw cause
    }
    await syncDirectory(dir)
  }
  /** Forgets a directory (an entity is done): the set of created ones stays as small as the work in flight. */
  const forget = (dir: string) => {
    created.delete(dir)
  }
  return { write, forget }
}

export interface RunArtifactSink extends ArtifactSink.ArtifactSinkShape {
  /** `entityKeyHash` is core's hash of the key the runner passed as entity key. */
  readonly register: (entityKeyHash: string, target: SinkTarget) => void
  readonly unregister: (entityKeyHash: string) => void
  /**
   * An artifact an earlier run recorded (a takeover replays its steps), copied durably into this
   * run's entity directory and recorded, so that the report links files of its own run. An
   * artifact already in this run's directory is kept as it is.
   */
  readonly adopt: (
    entity: ArtifactSink.ArtifactEntity,
    kind: ArtifactSink.ArtifactKind,
    ref: Errors.ArtifactRef,
    fromRunDir: string
  ) => Effect.Effect<Errors.ArtifactRef, Errors.ArtifactWriteFailed>
}

/**
 * Stores JSON results and PDFs under `<run dir>/entities/<name>/` and records each in the
 * journal's artifact table after the file is durably in place, before core records the step.
 */
export const makeRunArtifactSink = (
  runDir: string,
  runId: string,
  journal: JournalShape
): RunArtifactSink => {
  const targets = new Map<string, SinkTarget>()
  const writer = makeDurableWriter()
  const fail = (entity: ArtifactSink.ArtifactEntity, kind: string, reason: string) =>
    new Errors.ArtifactWriteFailed({
      subject: entity.subject,
      sessionId: entity.sessionId,
      artifact: kind,
      reason
    })
  const write: RunArtifactSink["write"] = (entity, kind, bytes) =>
    Effect.gen(function* () {
      const target = targets.get(entity.entityKeyHash)
      if (target === undefined) return yield* fail(entity, kind, "entity is not being screened by this run")
      const path = `${target.directory}/${fileName(kind)}`
      yield* Effect.tryPromise({
        try: () => writer.write(join(runDir, path), bytes),
        catch: (cause) => fail(entity, kind, cause instanceof Error ? cause.message : String(cause))
      })
      const sha256 = ArtifactSink.sha256Hex(bytes)
      yield* journal
        .recordArtifact(runId, { key: target.key, kind, path, sha256, bytes: bytes.byteLength })
        .pipe(Effect.mapError((error) => fail(entity, kind, error.message)))
      return { path, sha256, size: bytes.byteLength }
    })
  return {
    write,
    adopt: (entity, kind, ref, fromRunDir) =>
      Effect.gen(function* () {
        const target = targets.get(entity.entityKeyHash)
        if (target === undefined) return yield* fail(entity, kind, "entity is not being screened by this run")
        if (ref.path === `${target.directory}/${fileName(kind)}` && existsSync(join(runDir, ref.path)))
          return ref
        const bytes = yield* Effect.tryPromise({
          try: async () => new Uint8Array(await readFile(join(fromRunDir, ref.path))),
          catch: (cause) => fail(entity, kind, cause instanceof Error ? cause.message : String(cause))
        })
        if (ArtifactSink.sha256Hex(bytes) !== ref.sha256)
          return yield* fail(entity, kind, "the earlier run's file no longer matches its recorded SHA-256")
        return yield* write(entity, kind, bytes)
      }),
    register: (hash, target) => {
      targets.set(hash, target)
    },
    unregister: (hash) => {
      const target = targets.get(hash)
      if (target !== undefined) writer.forget(join(runDir, target.directory))
      targets.delete(hash)
    },
    read: (ref) =>
      Effect.tryPromise({
        try: async () => new Uint8Array(await readFile(join(runDir, ref.path))),
        catch: (cause) =>
          new Errors.ArtifactWriteFailed({
            artifact: ref.path,
            reason: cause instanceof Error ? cause.message : String(cause)
          })
      })
  }
}
