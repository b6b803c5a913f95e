import { once } from "node:events"
import { createWriteStream, type WriteStream } from "node:fs"

/** Where a writer puts its text, a piece at a time. */
export interface TextOut {
  readonly write: (text: string) => Promise<void> | void
}

const CHUNK = 64 * 1024

/**
 * A report file written in 64 KB chunks, respecting backpressure: a writer appends small pieces
 * (a row, a cell) without a system call or a promise per piece, and never holds more than a chunk.
 */
class BufferedFile implements TextOut {
  private readonly stream: WriteStream
  private pending: Array<string> = []
  private size = 0
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8", mode: 0o600 })
  }
  write(text: string): Promise<void> | void {
    this.pending.push(text)
    this.size += text.length
    if (this.size >= CHUNK) return this.flush()
  }
  private async flush(): Promise<void> {
    const text = this.pending.join("")
    this.pending = []
    this.size = 0
    if (!this.stream.write(text)) await once(this.stream, "drain")
  }
  async close(): Promise<void> {
    if (this.size > 0) await this.flush()
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
    )
  }
}

/** Collects a writer's text in memory (tests, small outputs). */
export const collectText = async (write: (out: TextOut) => Promise<void>): Promise<string> => {
  const parts: Array<string> = []
  await write({ write: (text) => void parts.push(text) })
  return parts.join("")
}

/** Writes to `path` through a `BufferedFile`, closed when the writer is done. */
export const writeTextFile = async (path: string, write: (out: TextOut) => Promise<void>): Promise<void> => {
  const file = new BufferedFile(path)
  try {
    await write(file)
  } finally {
    await file.close()
  }
}
