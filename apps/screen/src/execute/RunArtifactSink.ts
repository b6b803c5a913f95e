import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
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
 * journal's artifact table after the file is durably in place, before core records the step:
 * the journal's writer thread writes the file (temp name, flush, rename, directory sync, the
 * files of one group commit together) and commits its record after it.
 */
export const makeRunArtifactSink = (
  runDir: string,
  runId: string,
  journal: JournalShape
): RunArtifactSink => {
  const targets = new Map<string, SinkTarget>()
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
      const sha256 = ArtifactSink.sha256Hex(bytes)
      yield* journal
        .recordArtifact(
          runId,
          { key: target.key, kind, path, sha256, bytes: bytes.byteLength },
          { path: join(runDir, path), bytes }
        )
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
