import { open } from "node:fs/promises"

export const CHUNK_BYTES = 64 * 1024

/**
 * Visits a file from `start` in chunks read into one reused buffer, until the end or until
 * `visit` returns false. A read stream allocates a fresh buffer per chunk whose memory is outside
 * the JS heap and only returned when a collection runs; a whole-file scan allocates little else,
 * so those buffers pile up (tens of MB on a large portfolio) before one does.
 * `visit` must not keep the chunk: it is overwritten by the next read.
 */
export const forEachChunk = async (
  path: string,
  start: number,
  visit: (chunk: Uint8Array) => boolean | undefined
): Promise<void> => {
  const handle = await open(path, "r")
  try {
    const buffer = new Uint8Array(CHUNK_BYTES)
    for (let position = start; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position)
      if (bytesRead === 0) return
      position += bytesRead
      if (visit(buffer.subarray(0, bytesRead)) === false) return
    }
  } finally {
    await handle.close()
  }
}
