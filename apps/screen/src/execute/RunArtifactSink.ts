import { randomBytes } from "node:crypto"
import { mkdir, open, readFile, rename, rm } from "node:fs/promises"
import { dirname, join } from "node:path"
import {
  type ArtifactEntity,
  type ArtifactKind,
  type ArtifactSinkShape,
  ArtifactWriteFailed,
  sha256Hex
} from "@nordscreen/core"
import { Effect } from "effect"
import type { JournalShape } from "../journal/Journal.js"

/** Where an entity's files go; registered while the entity is being screened. */
export interface SinkTarget {
  /** The journal key (workspace hash of the entity key). */
  readonly key: string
  /** `entities/<name>` relative to the run directory. */
  readonly directory: string
}

const fileName = (kind: ArtifactKind): string =>
  kind === "json" ? "result.json" : `${/^[A-Za-z0-9_-]{1,64}$/.test(kind) ? kind : "report"}.pdf`

/** Write, flush to disk, then rename: a crash leaves either the old file or the whole new one. */
const writeDurably = async (path: string, bytes: Uint8Array): Promise<void> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temp = `${path}.tmp-${randomBytes(6).toString("hex")}`
  const handle = await open(temp, "w", 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, path)
  } catch (cause) {
    await rm(temp, { force: true })
    throw cause
  }
  const dir = await open(dirname(path), "r")
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}

export interface RunArtifactSink extends ArtifactSinkShape {
  /** `entityKeyHash` is core's hash of the key the runner passed as entity key. */
  readonly register: (entityKeyHash: string, target: SinkTarget) => void
  readonly unregister: (entityKeyHash: string) => void
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
  const fail = (entity: ArtifactEntity, kind: string, reason: string) =>
    new ArtifactWriteFailed({ subject: entity.subject, sessionId: entity.sessionId, artifact: kind, reason })
  return {
    register: (hash, target) => {
      targets.set(hash, target)
    },
    unregister: (hash) => {
      targets.delete(hash)
    },
    write: (entity, kind, bytes) =>
      Effect.gen(function* () {
        const target = targets.get(entity.entityKeyHash)
        if (target === undefined) return yield* fail(entity, kind, "entity is not being screened by this run")
        const path = `${target.directory}/${fileName(kind)}`
        yield* Effect.tryPromise({
          try: () => writeDurably(join(runDir, path), bytes),
          catch: (cause) => fail(entity, kind, cause instanceof Error ? cause.message : String(cause))
        })
        const sha256 = sha256Hex(bytes)
        yield* journal
          .recordArtifact(runId, { key: target.key, kind, path, sha256, bytes: bytes.byteLength })
          .pipe(Effect.mapError((error) => fail(entity, kind, error.message)))
        return { path, sha256, size: bytes.byteLength }
      }),
    read: (ref) =>
      Effect.tryPromise({
        try: async () => new Uint8Array(await readFile(join(runDir, ref.path))),
        catch: (cause) =>
          new ArtifactWriteFailed({
            artifact: ref.path,
            reason: cause instanceof Error ? cause.message : String(cause)
          })
      })
  }
}
