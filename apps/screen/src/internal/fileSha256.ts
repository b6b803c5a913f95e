import { createHash } from "node:crypto"
import { forEachChunk } from "./forEachChunk.js"

/** SHA-256 (hex) of a whole file, read through one reused buffer. */
export const fileSha256 = async (path: string): Promise<string> => {
  const hash = createHash("sha256")
  await forEachChunk(path, 0, (chunk) => {
    hash.update(chunk)
    return true
  })
  return hash.digest("hex")
}
