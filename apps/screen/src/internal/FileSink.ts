import { once } from "node:events"
import { createWriteStream, type WriteStream } from "node:fs"

/** An append-only text file that respects backpressure, so streaming a million lines stays flat. */
export class FileSink {
  private readonly stream: WriteStream
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8", mode: 0o600 })
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain")
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
    )
  }
}
