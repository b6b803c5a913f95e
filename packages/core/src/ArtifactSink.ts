import { createHash } from "node:crypto"
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Context, Effect } from "effect"
import type { ReportType } from "./Adapter.js"
import { type ArtifactRef, ArtifactWriteFailed } from "./Errors.js"

/** Which entity an artifact belongs to. Deliberately without the raw entity key. */
export interface ArtifactEntity {
  readonly adapterId: string
  /** `hashKey` of the entity key: safe for file names. */
  readonly entityKeyHash: string
  readonly subject: string
  readonly sessionId: string
}

export type ArtifactKind = "json" | ReportType

/** Where downloaded documents go. Everything paid for is kept, even if it does not decode. */
export interface ArtifactSinkShape {
  readonly write: (
    entity: ArtifactEntity,
    artifact: ArtifactKind,
    bytes: Uint8Array
  ) => Effect.Effect<ArtifactRef, ArtifactWriteFailed>
  /** Reads a stored artifact back (lets a resumed lifecycle decode a JSON stored earlier). */
  readonly read?: ((ref: ArtifactRef) => Effect.Effect<Uint8Array, ArtifactWriteFailed>) | undefined
}

export class ArtifactSink extends Context.Tag("@nordscreen/core/ArtifactSink")<
  ArtifactSink,
  ArtifactSinkShape
>() {}

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

const extension = (artifact: ArtifactKind): string => (artifact === "json" ? "json" : "pdf")

export const artifactFileName = (entity: ArtifactEntity, artifact: ArtifactKind): string =>
  `${entity.adapterId}-${entity.entityKeyHash}/${artifact === "json" ? "result" : artifact}.${extension(artifact)}`

/** Keeps artifacts in memory; `get` returns the bytes by path, `take` also lets go of them. */
export const makeMemoryArtifactSink = (): ArtifactSinkShape & {
  readonly get: (path: string) => Uint8Array | undefined
  readonly take: (path: string) => Uint8Array | undefined
} => {
  const store = new Map<string, Uint8Array>()
  return {
    get: (path) => store.get(path),
    take: (path) => {
      const bytes = store.get(path)
      store.delete(path)
      return bytes
    },
    write: (entity, artifact, bytes) =>
      Effect.sync(() => {
        const path = `memory:${artifactFileName(entity, artifact)}`
        store.set(path, bytes)
        return { path, sha256: sha256Hex(bytes), size: bytes.byteLength }
      }),
    read: (ref) => {
      const bytes = store.get(ref.path)
      return bytes === undefined
        ? Effect.fail(new ArtifactWriteFailed({ artifact: ref.path, reason: "not in memory" }))
        : Effect.succeed(bytes)
    }
  }
}

/** Writes `<dir>/<adapter>-<hash>/result.json` and `<report>.pdf`. */
export const makeDirectoryArtifactSink = (directory: string): ArtifactSinkShape => ({
  write: (entity, artifact, bytes) => {
    const path = join(directory, artifactFileName(entity, artifact))
    return Effect.tryPromise({
      try: async () => {
        await mkdir(join(path, ".."), { recursive: true })
        await writeFile(path, bytes)
        return { path, sha256: sha256Hex(bytes), size: bytes.byteLength }
      },
      catch: (cause) =>
        new ArtifactWriteFailed({
          subject: entity.subject,
          sessionId: entity.sessionId,
          artifact,
          reason: cause instanceof Error ? cause.message : String(cause)
        })
    })
  },
  read: (ref) =>
    Effect.tryPromise({
      try: async () => new Uint8Array(await readFile(ref.path)),
      catch: (cause) =>
        new ArtifactWriteFailed({
          artifact: ref.path,
          reason: cause instanceof Error ? cause.message : String(cause)
        })
    })
})
