import { isUtf8 } from "node:buffer"
import { CHUNK_BYTES, forEachChunk } from "../../internal/forEachChunk.js"

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252"

export interface EncodingGuess {
  readonly encoding: TextEncoding
  /** Bytes of byte-order mark to skip. */
  readonly bomLength: number
}

/** From the byte-order mark, or from the NUL pattern of BOM-less UTF-16 text in the sample. */
export const encodingFromSample = (sample: Uint8Array): EncodingGuess | undefined => {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: "utf-8", bomLength: 3 }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 }
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 }
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2)
  if (pairs < 2) return undefined
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++
    if (sample[2 * i + 1] === 0) oddNul++
  }
  // Latin text in UTF-16 has a NUL in every other byte; a few NULs in 8-bit text do not.
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.1) return { encoding: "utf-16le", bomLength: 0 }
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.1) return { encoding: "utf-16be", bomLength: 0 }
  return undefined
}

/** Length of the trailing bytes that start a UTF-8 sequence the chunk does not finish. */
const incompleteTail = (chunk: Uint8Array): number => {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!
    if ((byte & 0xc0) === 0x80) continue
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return need > back ? back : 0
  }
  return 0
}

/**
 * Whether the whole file is valid UTF-8, read in chunks so a large file never sits in memory.
 * An export that is valid UTF-8 for 64 KB and then has one Windows-1252 `ø` must not be decoded
 * as UTF-8, so a sample is not enough.
 */
export const isUtf8File = async (path: string, start: number): Promise<boolean> => {
  // A sequence cut at a chunk's end is carried into the next chunk (at most 3 bytes).
  const joined = new Uint8Array(3 + CHUNK_BYTES)
  let carry = 0
  let valid = true
  await forEachChunk(path, start, (chunk) => {
    if (carry > 0) joined.set(chunk, carry)
    const bytes = carry > 0 ? joined.subarray(0, carry + chunk.length) : chunk
    const tail = incompleteTail(bytes)
    valid = isUtf8(bytes.subarray(0, bytes.length - tail))
    // TypedArray.set copies correctly when source and target share the buffer.
    joined.set(bytes.subarray(bytes.length - tail), 0)
    carry = tail
    return valid
  })
  return valid && carry === 0
}
