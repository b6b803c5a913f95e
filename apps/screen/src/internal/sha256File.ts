import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"

export const sha256File = async (path: string): Promise<string> => {
  const hash = createHash("sha256")
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }))
    hash.update(chunk as Buffer)
  return hash.digest("hex")
}
