import { crc32, deflateRawSync } from "node:zlib"

/**
 * A minimal zip writer for the hostile corpus: it writes what a well-behaved library refuses to
 * (entries whose inflated size is a lie about the file's size, ZIP64 records on a small file, a
 * deflate stream assembled from repeated blocks), byte for byte and deterministically.
 */

export interface ZipEntry {
  readonly name: string
  /** Raw deflate data (method 8), or the stored bytes themselves (method 0). */
  readonly data: Buffer
  readonly method: 0 | 8
  readonly crc: number
  readonly uncompressedSize: number
}

/** An entry deflated from its bytes. */
export const deflated = (name: string, content: string | Buffer): ZipEntry => {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content
  return { name, data: deflateRawSync(bytes), method: 8, crc: crc32(bytes), uncompressedSize: bytes.length }
}

/** An entry stored as it is (the ODS `mimetype` entry must be). */
export const stored = (name: string, content: string | Buffer): ZipEntry => {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content
  return { name, data: bytes, method: 0, crc: crc32(bytes), uncompressedSize: bytes.length }
}

/**
 * An entry whose inflated content is `head`, then `body` `times` times, then `tail`, deflated
 * without ever holding it: each part is deflated on its own up to a full flush (a byte-aligned
 * point with no reference back), so the compressed body can simply be repeated.
 */
export const repeated = (
  name: string,
  parts: { readonly head: string; readonly body: string; readonly times: number; readonly tail: string }
): ZipEntry => {
  const head = Buffer.from(parts.head, "utf8")
  const body = Buffer.from(parts.body, "utf8")
  const tail = Buffer.from(parts.tail, "utf8")
  // Z_FULL_FLUSH: no final block, and nothing refers back past it.
  const flush = { finishFlush: 3, level: 9 }
  const bodyDeflated = deflateRawSync(body, flush)
  const chunks: Array<Buffer> = [deflateRawSync(head, flush)]
  for (let i = 0; i < parts.times; i++) chunks.push(bodyDeflated)
  chunks.push(deflateRawSync(tail))
  let crc = crc32(head)
  for (let i = 0; i < parts.times; i++) crc = crc32(body, crc)
  crc = crc32(tail, crc)
  return {
    name,
    data: Buffer.concat(chunks),
    method: 8,
    crc,
    uncompressedSize: head.length + body.length * parts.times + tail.length
  }
}

const u16 = (value: number): Buffer => {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(value)
  return b
}
const u32 = (value: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(value >>> 0)
  return b
}
const u64 = (value: number): Buffer => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(value))
  return b
}

// 1980-01-01 00:00, the zip epoch: the same bytes on every run.
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const MAX32 = 0xffffffff

/**
 * The archive's bytes. `zip64` writes what streaming writers write: sizes in ZIP64 extra fields
 * and in data descriptors after the data, and the ZIP64 end-of-central-directory records.
 */
export const zipBytes = (
  entries: ReadonlyArray<ZipEntry>,
  options: { readonly zip64?: boolean } = {}
): Buffer => {
  const zip64 = options.zip64 === true
  const parts: Array<Buffer> = []
  const central: Array<Buffer> = []
  let offset = 0
  const push = (buffer: Buffer) => {
    parts.push(buffer)
    offset += buffer.length
  }
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8")
    const at = offset
    const version = zip64 ? 45 : 20
    const flags = zip64 ? 0x0808 : 0x0800
    const localExtra = zip64 ? Buffer.concat([u16(1), u16(16), u64(0), u64(0)]) : Buffer.alloc(0)
    push(
      Buffer.concat([
        u32(0x04034b50),
        u16(version),
        u16(flags),
        u16(entry.method),
        u16(DOS_TIME),
        u16(DOS_DATE),
        u32(zip64 ? 0 : entry.crc),
        u32(zip64 ? MAX32 : entry.data.length),
        u32(zip64 ? MAX32 : entry.uncompressedSize),
        u16(name.length),
        u16(localExtra.length),
        name,
        localExtra
      ])
    )
    push(entry.data)
    if (zip64)
      push(
        Buffer.concat([u32(0x08074b50), u32(entry.crc), u64(entry.data.length), u64(entry.uncompressedSize)])
      )
    const centralExtra = zip64
      ? Buffer.concat([u16(1), u16(24), u64(entry.uncompressedSize), u64(entry.data.length), u64(at)])
      : Buffer.alloc(0)
    central.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(version),
        u16(version),
        u16(flags),
        u16(entry.method),
        u16(DOS_TIME),
        u16(DOS_DATE),
        u32(entry.crc),
        u32(zip64 ? MAX32 : entry.data.length),
        u32(zip64 ? MAX32 : entry.uncompressedSize),
        u16(name.length),
        u16(centralExtra.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(zip64 ? MAX32 : at),
        name,
        centralExtra
      ])
    )
  }
  const centralAt = offset
  for (const record of central) push(record)
  const centralSize = offset - centralAt
  if (zip64) {
    const recordAt = offset
    push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(entries.length),
        u64(entries.length),
        u64(centralSize),
        u64(centralAt)
      ])
    )
    push(Buffer.concat([u32(0x07064b50), u32(0), u64(recordAt), u32(1)]))
  }
  push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(zip64 ? 0xffff : entries.length),
      u16(zip64 ? 0xffff : entries.length),
      u32(zip64 ? MAX32 : centralSize),
      u32(zip64 ? MAX32 : centralAt),
      u16(0)
    ])
  )
  return Buffer.concat(parts)
}
