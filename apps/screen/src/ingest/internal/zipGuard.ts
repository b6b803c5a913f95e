import yauzl from "yauzl"

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
      readonly reason: "NOT_A_WORKBOOK" | "ZIP_BOMB" | "ENCRYPTED"
      readonly detail: string
    }

const bad = (reason: "NOT_A_WORKBOOK" | "ZIP_BOMB" | "ENCRYPTED", detail: string): ZipVerdict => ({
  ok: false,
  reason,
  detail
})

const openZip = (buffer: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) =>
      error === null ? resolve(zip) : reject(error)
    )
  )

/**
 * Reads only the zip's central directory (no inflation) and refuses archives whose declared sizes
 * or entry count would make SheetJS inflate far more than the file's size: a zip bomb must be
 * stopped before the parser sees it. Declared sizes can lie; the worker's heap limit covers that.
 */
export const inspectZip = async (buffer: Buffer, limits: ZipLimits): Promise<ZipVerdict> => {
  let zip: yauzl.ZipFile
  try {
    zip = await openZip(buffer)
  } catch {
    return bad("NOT_A_WORKBOOK", "is not a valid zip archive")
  }
  if (zip.entryCount > limits.maxEntries)
    return bad("ZIP_BOMB", `has ${zip.entryCount} zip entries (limit ${limits.maxEntries})`)
  return new Promise<ZipVerdict>((resolve) => {
    let total = 0
    let hasTypes = false
    let hasWorkbook = false
    const finish = (verdict: ZipVerdict) => {
      zip.close()
      resolve(verdict)
    }
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.isEncrypted()) return finish(bad("ENCRYPTED", "contains encrypted zip entries"))
      total += entry.uncompressedSize
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)
        return finish(bad("ZIP_BOMB", `has an entry that expands ${Math.round(ratio)}-fold`))
      if (total > limits.maxUncompressedBytes)
        return finish(bad("ZIP_BOMB", `expands to more than ${limits.maxUncompressedBytes} bytes`))
      if (entry.fileName === "[Content_Types].xml") hasTypes = true
      if (entry.fileName === "xl/workbook.xml" || entry.fileName === "xl/workbook.bin") hasWorkbook = true
      zip.readEntry()
    })
    zip.on("end", () =>
      finish(
        hasTypes && hasWorkbook
          ? { ok: true }
          : bad("NOT_A_WORKBOOK", "is a zip archive but not an Excel workbook")
      )
    )
    zip.on("error", () => finish(bad("NOT_A_WORKBOOK", "is a damaged zip archive")))
    zip.readEntry()
  })
}
