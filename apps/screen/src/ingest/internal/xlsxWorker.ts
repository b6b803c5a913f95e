// Parses an untrusted workbook with SheetJS inside a worker thread. The npm release of xlsx
// (0.18.5) has published advisories (prototype pollution, ReDoS) with no fixed npm release, so
// it never runs in the main process on user files: here a polluted prototype dies with the
// worker, a ReDoS hits the parent's time limit, and a memory blow-up hits `resourceLimits`.
import { createRequire } from "node:module"
import { parentPort, workerData } from "node:worker_threads"
import type * as Xlsx from "xlsx"
import { serialToIsoDate } from "./excelDate.js"

const XLSX: typeof Xlsx = createRequire(import.meta.url)("xlsx")

interface WireCell {
  readonly text: string
  readonly numeric: boolean
}
interface WireRow {
  readonly rowNumber: number
  readonly texts: ReadonlyArray<string>
  readonly numeric: ReadonlyArray<boolean>
}

const errorTexts: Record<number, string> = {
  0: "#NULL!",
  7: "#DIV/0!",
  15: "#VALUE!",
  23: "#REF!",
  29: "#NAME?",
  36: "#NUM!",
  42: "#N/A"
}

// Integers past 2^53 have lost digits already: keep the exponent so validation sees precision loss.
const numberText = (value: number): string =>
  Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value)

const toCell = (cell: Xlsx.CellObject | undefined, date1904: boolean): WireCell => {
  if (cell === undefined) return { text: "", numeric: false }
  const value = cell.v
  switch (cell.t) {
    case "s":
      return { text: typeof value === "string" ? value : String(value ?? ""), numeric: false }
    case "n": {
      if (typeof value !== "number") return { text: "", numeric: false }
      const format = typeof cell.z === "string" ? cell.z : undefined
      if (format !== undefined && XLSX.SSF.is_date(format)) {
        const iso = serialToIsoDate(value, date1904)
        if (iso !== undefined) return { text: iso, numeric: false }
      }
      return { text: numberText(value), numeric: true }
    }
    case "b":
      return { text: value === true ? "TRUE" : "FALSE", numeric: false }
    case "e":
      return { text: typeof value === "number" ? (errorTexts[value] ?? "#ERROR") : "#ERROR", numeric: false }
    case "d":
      return { text: value instanceof Date ? value.toISOString().slice(0, 10) : "", numeric: false }
    default:
      return { text: "", numeric: false }
  }
}

type DenseSheet = Xlsx.WorkSheet & Record<number, Array<Xlsx.CellObject | undefined> | undefined>

function* rows(sheet: DenseSheet, date1904: boolean, batchSize: number): Generator<Array<WireRow>> {
  const ref = sheet["!ref"]
  if (ref === undefined) return
  const range = XLSX.utils.decode_range(ref)
  let batch: Array<WireRow> = []
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row = sheet[r]
    if (row === undefined) continue
    const width = Math.min(row.length, range.e.c + 1)
    const cells: Array<WireCell> = []
    for (let c = 0; c < width; c++) cells.push(toCell(row[c], date1904))
    if (cells.every((cell) => cell.text.trim() === "")) continue
    batch.push({
      rowNumber: r + 1,
      texts: cells.map((cell) => cell.text),
      numeric: cells.map((cell) => cell.numeric)
    })
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

const fail = (reason: string, message: string) => parentPort?.postMessage({ type: "error", reason, message })

const main = () => {
  const port = parentPort
  const data: unknown = workerData
  if (port === null || typeof data !== "object" || data === null) return
  const buffer = "buffer" in data && data.buffer instanceof Uint8Array ? data.buffer : undefined
  const wanted = "sheet" in data && typeof data.sheet === "string" ? data.sheet : undefined
  const batchSize = "batchSize" in data && typeof data.batchSize === "number" ? data.batchSize : 1000
  if (buffer === undefined) return fail("NOT_A_WORKBOOK", "no workbook data")
  let book: Xlsx.WorkBook
  try {
    book = XLSX.read(buffer, {
      type: "array",
      dense: true,
      cellNF: true,
      cellText: false,
      sheets: wanted ?? 0
    })
  } catch (error) {
    const text = error instanceof Error ? error.message : ""
    if (/password|encrypt/i.test(text)) return fail("ENCRYPTED", "is password-protected")
    return fail("NOT_A_WORKBOOK", "could not be parsed as an Excel workbook")
  }
  const name = wanted ?? book.SheetNames[0]
  const sheet = name === undefined ? undefined : book.Sheets[name]
  if (name === undefined || sheet === undefined) {
    return fail(
      "SHEET_NOT_FOUND",
      `has no sheet named "${wanted ?? ""}"; sheets: ${book.SheetNames.join(", ")}`
    )
  }
  const date1904 = book.Workbook?.WBProps?.date1904 === true
  port.postMessage({ type: "meta", sheet: name, sheets: book.SheetNames, date1904 })
  // xlsx 0.18 types do not model dense sheets (row arrays under numeric keys).
  const pending = rows(sheet as DenseSheet, date1904, batchSize)
  // One batch per request from the parent, so a slow consumer never has the whole sheet queued.
  port.on("message", () => {
    const next = pending.next()
    port.postMessage(next.done === true ? { type: "end" } : { type: "rows", rows: next.value })
  })
}

main()
