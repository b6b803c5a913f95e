import yauzl from "yauzl"
import { type ZipKind, zipKind } from "./zipKind.js"

export interface ZipLimits {
  readonly maxEntries: number
  /** Sum of the declared uncompressed sizes. */
  readonly maxUncompressedBytes: number
  /** Declared uncompressed / compressed size of one entry, checked for entries over 1 MB. */
  readonly maxRatio: number
}

export type ZipVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false
      readonly reason: "NOT_A_WORKBOOK" | "ZIP_BOMB" | "ENCRYPTED" | "OTHER_DOCUMENT"
      readonly detail: string
      /** What the archive holds instead of a workbook, for `OTHER_DOCUMENT`. */
      readonly kind?: ZipKind | undefined
    }

const bad = (reason: "NOT_A_WORKBOOK" | "ZIP_BOMB" | "ENCRYPTED", detail: string): ZipVerdict => ({
  ok: false,
  reason,
  detail
})

const MB = 1024 * 1024

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error === null ? resolve(zip) : reject(error)
    )
  )

/**
 * Reads only the zip's central directory (no inflation; ZIP64 understood) and refuses archives
 * whose declared sizes or entry count would make the reader inflate far more than the file's
 * size: a zip bomb must be stopped before the parser sees it. Declared sizes are then enforced
 * while inflating (yauzl's `validateEntrySizes`), so a lying entry fails as damaged.
 */
export const inspectZip = async (path: string, limits: ZipLimits): Promise<ZipVerdict> => {
  let zip: yauzl.ZipFile
  try {
    zip = await openZip(path)
  } catch {
    return bad("NOT_A_WORKBOOK", "is not a valid zip archive (damaged or truncated?)")
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close()
    return bad("ZIP_BOMB", `has ${zip.entryCount} zip entries (limit ${limits.maxEntries})`)
  }
  return new Promise<ZipVerdict>((resolve) => {
    let total = 0
    const names = new Set<string>()
    const finish = (verdict: ZipVerdict) => {
      zip.close()
      resolve(verdict)
    }
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.isEncrypted()) return finish(bad("ENCRYPTED", "contains encrypted zip entries"))
      total += entry.uncompressedSize
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (entry.uncompressedSize > MB && ratio > limits.maxRatio)
        return finish(
          bad(
            "ZIP_BOMB",
            `has an entry (${entry.fileName}) that expands ${Math.round(ratio)}-fold to ${Math.ceil(entry.uncompressedSize / MB)} MB (limit ${limits.maxRatio}-fold)`
          )
        )
      if (total > limits.maxUncompressedBytes)
        return finish(
          bad(
            "ZIP_BOMB",
            `expands to more than ${Math.floor(limits.maxUncompressedBytes / MB)} MB unpacked (the limit for this file: 100 × its size, at least 64 MB, at most 1 GiB)`
          )
        )
      names.add(entry.fileName)
      zip.readEntry()
    })
    zip.on("end", () => {
      const kind = zipKind(names)
      if (kind === "xlsx" && names.has("[Content_Types].xml")) return finish({ ok: true })
      if (kind === "xlsx" || kind === "zip")
        return finish(bad("NOT_A_WORKBOOK", "is a zip archive but not an Excel workbook"))
      finish({ ok: false, reason: "OTHER_DOCUMENT", detail: "", kind })
    })
    zip.on("error", () => finish(bad("NOT_A_WORKBOOK", "is a damaged zip archive")))
    zip.readEntry()
  })
}
