import { open } from "node:fs/promises"
import yauzl from "yauzl"
import type { FileErrorReason } from "../PortfolioFileError.js"
import { describeZipKind, zipKind } from "./zipKind.js"

export interface Sniffed {
  readonly reason: FileErrorReason
  readonly description: string
  readonly advice: string
}

const entryNames = (path: string, max: number) =>
  new Promise<Set<string> | undefined>((resolve) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error !== null) return resolve(undefined)
      const names = new Set<string>()
      zip.on("entry", (entry: yauzl.Entry) => {
        names.add(entry.fileName)
        if (names.size >= max) {
          zip.close()
          resolve(names)
        } else zip.readEntry()
      })
      zip.on("end", () => resolve(names))
      zip.on("error", () => resolve(names))
      zip.readEntry()
    })
  )

/**
 * For a file given under a text name: what office document it really is, when its first bytes
 * say zip (only the central directory is read), else undefined (let the CSV reader look).
 */
export const sniffFormat = async (path: string): Promise<Sniffed | undefined> => {
  const handle = await open(path, "r")
  const head = Buffer.alloc(4)
  try {
    await handle.read(head, 0, 4, 0)
  } finally {
    await handle.close()
  }
  if (head.readUInt32BE(0) !== 0x504b0304) return undefined
  const names = await entryNames(path, 10_000)
  const kind = names === undefined ? "zip" : zipKind(names)
  return { reason: "UNSUPPORTED_FORMAT", ...describeZipKind[kind] }
}
