// Reads an untrusted workbook in a worker thread, as a stream: yauzl opens the zip from the file
// (its central directory, ZIP64 included) and inflates one part at a time, saxes parses each part's
// XML as it is inflated. Only the shared-string table and the style table are held in memory (each
// bounded by the size of its part); the sheet is parsed a batch of rows at a time, when the parent
// asks for one, so memory does not grow with the sheet. SheetJS is no longer used here: it parsed
// the whole workbook into memory (1.5 GB for a million rows), and its npm release has advisories
// for crafted files.
import { posix } from "node:path"
import type { Readable } from "node:stream"
import { parentPort, workerData } from "node:worker_threads"
import { SaxesParser, type SaxesTagPlain } from "saxes"
import yauzl from "yauzl"
import { serialToIsoDate } from "./excelDate.js"

interface WireRow {
  readonly rowNumber: number
  readonly texts: ReadonlyArray<string>
  readonly numeric: ReadonlyArray<boolean>
}

/** A problem with the file, named by a `FileErrorReason`; the message follows the file's name. */
class Refusal {
  constructor(
    readonly reason: string,
    readonly message: string
  ) {}
}

const MB = 1024 * 1024
/** workbook.xml, its relationships and styles.xml: a few kB in a real workbook. */
const MAX_SMALL_PART = 16 * MB
/** Excel's grid: columns A..XFD, rows 1..1,048,576. */
const MAX_COLUMN = 16_383
const MAX_ROW = 1_048_576

const megabytes = (bytes: number) => `${Math.ceil(bytes / MB)} MB`

const localName = (name: string): string => {
  const colon = name.indexOf(":")
  return colon < 0 ? name : name.slice(colon + 1)
}

/** An attribute by local name (`r:id` and `id` alike are `id`), prefix ignored. */
const attribute = (tag: SaxesTagPlain, name: string): string | undefined => {
  const direct = tag.attributes[name]
  if (direct !== undefined) return direct
  for (const [key, value] of Object.entries(tag.attributes)) if (localName(key) === name) return value
  return undefined
}

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error === null ? resolve(zip) : reject(error)
    )
  )

const listEntries = (zip: yauzl.ZipFile) =>
  new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>()
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.set(entry.fileName.toLowerCase(), entry)
      zip.readEntry()
    })
    zip.once("end", () => resolve(entries))
    zip.once("error", reject)
    zip.readEntry()
  })

const openStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error === null ? resolve(stream) : reject(error)))
  )

const damaged = (part: string, what: string) => new Refusal("NOT_A_WORKBOOK", `is damaged: ${part} ${what}`)

/** Inflates one part through a fresh parser set up by `setup`; refuses a part over `maxBytes`. */
const parsePart = async (
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxBytes: number,
  what: string,
  setup: (parser: SaxesParser) => void
): Promise<void> => {
  if (entry.uncompressedSize > maxBytes)
    throw new Refusal(
      "TOO_LARGE",
      `has ${what} of ${megabytes(entry.uncompressedSize)} unpacked; the limit is ${megabytes(maxBytes)}`
    )
  const parser = new SaxesParser({ position: false })
  setup(parser)
  const decoder = new TextDecoder("utf-8", { fatal: true })
  let stream: Readable
  try {
    stream = await openStream(zip, entry)
  } catch {
    throw damaged(entry.fileName, "cannot be unpacked")
  }
  try {
    for await (const chunk of stream) parser.write(decoder.decode(chunk as Buffer, { stream: true }))
    parser.write(decoder.decode())
    parser.close()
  } catch (error) {
    if (error instanceof Refusal) throw error
    throw damaged(entry.fileName, "is not readable XML (or cannot be unpacked)")
  }
}

interface Relationship {
  readonly target: string
  readonly type: string
}

/** `xl/_rels/workbook.xml.rels` relates to `xl/workbook.xml`; targets are relative to `xl/`. */
const relsPathOf = (part: string) => posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`)

const resolveTarget = (fromPart: string, target: string): string =>
  target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(posix.dirname(fromPart), target))

const readRelationships = async (
  zip: yauzl.ZipFile,
  entries: ReadonlyMap<string, yauzl.Entry>,
  part: string
): Promise<Map<string, Relationship>> => {
  const rels = new Map<string, Relationship>()
  const entry = entries.get(relsPathOf(part).toLowerCase())
  if (entry === undefined) return rels
  await parsePart(zip, entry, MAX_SMALL_PART, "a relationship part", (parser) =>
    parser.on("opentag", (tag) => {
      if (localName(tag.name) !== "Relationship") return
      const id = attribute(tag, "Id")
      const target = attribute(tag, "Target")
      if (id === undefined || target === undefined || attribute(tag, "TargetMode") === "External") return
      rels.set(id, { target: resolveTarget(part, target), type: attribute(tag, "Type") ?? "" })
    })
  )
  return rels
}

const relOfType = (rels: ReadonlyMap<string, Relationship>, suffix: string) => {
  for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel
  return undefined
}

interface SheetRef {
  readonly name: string
  readonly relId: string | undefined
}

const readWorkbook = async (zip: yauzl.ZipFile, entry: yauzl.Entry) => {
  const sheets: Array<SheetRef> = []
  let date1904 = false
  await parsePart(zip, entry, MAX_SMALL_PART, "a workbook part", (parser) =>
    parser.on("opentag", (tag) => {
      const name = localName(tag.name)
      if (name === "workbookPr") {
        const value = attribute(tag, "date1904")
        date1904 = value === "1" || value === "true"
      } else if (name === "sheet")
        sheets.push({ name: attribute(tag, "name") ?? "", relId: attribute(tag, "id") })
    })
  )
  return { sheets, date1904 }
}

// Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the East Asian ones).
const builtInDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58
])

/**
 * Whether a custom format code shows a date: after quoted text, escaped characters, fill and
 * padding characters and bracketed parts (colours, locales, conditions) are removed, a day,
 * month, year, hour or second letter is left. `[h]`, `[m]`, `[s]` (elapsed time) count.
 */
export const isDateFormat = (code: string): boolean => {
  const section = code.split(";")[0] ?? ""
  if (/\[(h+|m+|s+)\]/i.test(section)) return true
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "")
  // Conservative: a number taken for a date would be turned into one, and an identifier lost.
  return /[dmyhs]/i.test(bare.replace(/General/gi, ""))
}

const readDateStyles = async (zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Array<boolean>> => {
  const customDates = new Set<number>()
  const xfFormats: Array<number> = []
  let inCellXfs = false
  await parsePart(zip, entry, MAX_SMALL_PART, "a style part", (parser) => {
    parser.on("opentag", (tag) => {
      const name = localName(tag.name)
      if (name === "numFmt") {
        const id = Number(attribute(tag, "numFmtId"))
        if (isDateFormat(attribute(tag, "formatCode") ?? "")) customDates.add(id)
      } else if (name === "cellXfs") inCellXfs = !tag.isSelfClosing
      else if (name === "xf" && inCellXfs) xfFormats.push(Number(attribute(tag, "numFmtId") ?? 0))
    })
    parser.on("closetag", (tag) => {
      if (localName(tag.name) === "cellXfs") inCellXfs = false
    })
  })
  return xfFormats.map((id) => builtInDateFormats.has(id) || customDates.has(id))
}

/** Text of `<t>` runs, phonetic guides (`<rPh>`) left out; at most `maxChars` kept. */
class RunText {
  private depthT = 0
  private inPhonetic = 0
  private text = ""
  constructor(private readonly maxChars: number) {}
  open(name: string) {
    if (name === "t") this.depthT++
    else if (name === "rPh") this.inPhonetic++
  }
  close(name: string) {
    if (name === "t") this.depthT--
    else if (name === "rPh") this.inPhonetic--
  }
  add(text: string) {
    if (this.depthT > 0 && this.inPhonetic === 0 && this.text.length < this.maxChars)
      this.text +=
        text.length + this.text.length > this.maxChars
          ? text.slice(0, this.maxChars - this.text.length)
          : text
  }
  take(): string {
    const text = this.text
    this.text = ""
    this.depthT = 0
    this.inPhonetic = 0
    return text
  }
}

const readSharedStrings = async (
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxBytes: number,
  maxCellChars: number
): Promise<Array<string>> => {
  const strings: Array<string> = []
  const run = new RunText(maxCellChars)
  await parsePart(zip, entry, maxBytes, "a shared-string table", (parser) => {
    parser.on("opentag", (tag) => run.open(localName(tag.name)))
    parser.on("closetag", (tag) => {
      const name = localName(tag.name)
      if (name === "si") strings.push(run.take())
      else run.close(name)
    })
    parser.on("text", (text) => run.add(text))
    parser.on("cdata", (text) => run.add(text))
  })
  return strings
}

const errorTexts = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA"
])

// Integers past 2^53 have lost digits already: keep the exponent so validation sees precision loss.
const numberText = (value: number): string =>
  Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value)

/** Column index of a cell reference (`B7` → 1), or -1 when it has no letters. */
const columnOf = (ref: string): number => {
  let column = 0
  let i = 0
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20
    if (code < 0x61 || code > 0x7a) break
    column = column * 26 + (code - 0x60)
  }
  return i === 0 ? -1 : column - 1
}

interface SheetContext {
  readonly sharedStrings: ReadonlyArray<string>
  readonly dateStyles: ReadonlyArray<boolean>
  readonly date1904: boolean
  readonly maxCellChars: number
  readonly onRow: (row: WireRow) => void
}

/** Sets `parser` up to turn `<sheetData>` into rows: one `onRow` per row with a non-blank cell. */
const sheetHandlers = (parser: SaxesParser, ctx: SheetContext) => {
  let rowNumber = 0
  let texts: Array<string> = []
  let numeric: Array<boolean> = []
  let column = -1
  let type = "n"
  let style = 0
  let inValue = false
  let value = ""
  let blank = true
  const inline = new RunText(ctx.maxCellChars)
  let inInline = false

  const addValue = (text: string) => {
    if (inValue && value.length < ctx.maxCellChars) value += text
    else if (inInline) inline.add(text)
  }
  const finishCell = () => {
    let text = ""
    let isNumber = false
    switch (type) {
      case "s": {
        const index = Number(value)
        text = Number.isInteger(index) ? (ctx.sharedStrings[index] ?? "") : ""
        break
      }
      case "inlineStr":
        text = inline.take()
        break
      case "str":
        text = value
        break
      case "b":
        text = value.trim() === "1" || value.trim().toLowerCase() === "true" ? "TRUE" : "FALSE"
        break
      case "e":
        text = errorTexts.has(value.trim()) ? value.trim() : "#ERROR"
        break
      case "d":
        text = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : ""
        break
      default: {
        if (value.trim() === "") break
        const number = Number(value)
        if (!Number.isFinite(number)) break
        if (ctx.dateStyles[style] === true) {
          const iso = serialToIsoDate(number, ctx.date1904)
          if (iso !== undefined) {
            text = iso
            break
          }
        }
        text = numberText(number)
        isNumber = true
      }
    }
    if (text.length > ctx.maxCellChars) text = text.slice(0, ctx.maxCellChars)
    if (text === "" || column < 0) return
    while (texts.length < column) {
      texts.push("")
      numeric.push(false)
    }
    texts[column] = text
    numeric[column] = isNumber
    if (blank && text.trim() !== "") blank = false
  }

  parser.on("opentag", (tag) => {
    switch (localName(tag.name)) {
      case "row": {
        const r = Number(attribute(tag, "r"))
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1
        if (rowNumber > MAX_ROW) throw damaged("the sheet", `has a row beyond Excel's last (${MAX_ROW})`)
        texts = []
        numeric = []
        column = -1
        blank = true
        break
      }
      case "c": {
        const ref = attribute(tag, "r")
        const at = ref === undefined ? -1 : columnOf(ref)
        column = at >= 0 ? at : column + 1
        if (column > MAX_COLUMN) throw damaged("the sheet", "has a cell beyond Excel's last column (XFD)")
        type = attribute(tag, "t") ?? "n"
        style = Number(attribute(tag, "s") ?? 0)
        value = ""
        break
      }
      case "v":
        inValue = true
        break
      case "is":
        inInline = true
        break
      default:
        if (inInline) inline.open(localName(tag.name))
    }
  })
  parser.on("closetag", (tag) => {
    switch (localName(tag.name)) {
      case "v":
        inValue = false
        break
      case "is":
        inInline = false
        break
      case "c":
        finishCell()
        break
      case "row":
        if (!blank) ctx.onRow({ rowNumber, texts, numeric })
        texts = []
        numeric = []
        break
      default:
        if (inInline) inline.close(localName(tag.name))
    }
  })
  parser.on("text", addValue)
  parser.on("cdata", addValue)
}

interface Settings {
  readonly path: string
  readonly sheet: string | undefined
  readonly batchSize: number
  readonly maxSharedStringsBytes: number
  readonly maxCellChars: number
}

const settingsOf = (data: unknown): Settings | undefined => {
  if (typeof data !== "object" || data === null) return undefined
  const get = (key: string): unknown => (key in data ? (data as Record<string, unknown>)[key] : undefined)
  const path = get("path")
  const sheet = get("sheet")
  const number = (key: string, fallback: number) => {
    const value = get(key)
    return typeof value === "number" ? value : fallback
  }
  if (typeof path !== "string") return undefined
  return {
    path,
    sheet: typeof sheet === "string" ? sheet : undefined,
    batchSize: number("batchSize", 128),
    maxSharedStringsBytes: number("maxSharedStringsBytes", 128 * MB),
    maxCellChars: number("maxCellChars", 32_768)
  }
}

const describeSheets = (sheets: ReadonlyArray<SheetRef>) =>
  sheets.length === 0 ? "it has none" : `its sheets: ${sheets.map((s) => `"${s.name}"`).join(", ")}`

/** Opens the workbook and everything the sheet needs, up to the sheet's entry. */
const prepare = async (settings: Settings, onRow: (row: WireRow) => void) => {
  let zip: yauzl.ZipFile
  try {
    zip = await openZip(settings.path)
  } catch {
    throw new Refusal("NOT_A_WORKBOOK", "is not an Excel workbook (.xlsx): it is not a valid zip archive")
  }
  const entries = await listEntries(zip).catch(() => {
    throw new Refusal("NOT_A_WORKBOOK", "is damaged: its zip directory cannot be read")
  })
  const rootRels = await readRelationships(zip, entries, "")
  const workbookPart = relOfType(rootRels, "/officeDocument")?.target ?? "xl/workbook.xml"
  const workbookEntry = entries.get(workbookPart.toLowerCase())
  if (workbookEntry === undefined)
    throw new Refusal("NOT_A_WORKBOOK", "is not an Excel workbook (.xlsx): it has no workbook part")
  const { sheets, date1904 } = await readWorkbook(zip, workbookEntry)
  // A plain search: a sheet name such as "hasOwnProperty" must not find something of Object's.
  const chosen = settings.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === settings.sheet)
  if (chosen === undefined)
    throw settings.sheet === undefined
      ? new Refusal("NO_ROWS", "has no sheets")
      : new Refusal("SHEET_NOT_FOUND", `has no sheet named "${settings.sheet}"; ${describeSheets(sheets)}`)
  const rels = await readRelationships(zip, entries, workbookPart)
  const sheetRel = chosen.relId === undefined ? undefined : rels.get(chosen.relId)
  if (sheetRel !== undefined && !sheetRel.type.endsWith("/worksheet"))
    throw new Refusal(
      "SHEET_NOT_FOUND",
      `has no table of cells in sheet "${chosen.name}" (a chart or macro sheet); name another with --sheet (${describeSheets(sheets)})`
    )
  const sheetEntry = sheetRel === undefined ? undefined : entries.get(sheetRel.target.toLowerCase())
  if (sheetEntry === undefined) throw damaged(`sheet "${chosen.name}"`, "is missing from the archive")
  const stylesRel = relOfType(rels, "/styles")
  const stylesEntry = stylesRel === undefined ? undefined : entries.get(stylesRel.target.toLowerCase())
  const dateStyles = stylesEntry === undefined ? [] : await readDateStyles(zip, stylesEntry)
  const stringsRel = relOfType(rels, "/sharedStrings")
  const stringsEntry = stringsRel === undefined ? undefined : entries.get(stringsRel.target.toLowerCase())
  const sharedStrings =
    stringsEntry === undefined
      ? []
      : await readSharedStrings(zip, stringsEntry, settings.maxSharedStringsBytes, settings.maxCellChars)
  const parser = new SaxesParser({ position: false })
  sheetHandlers(parser, { sharedStrings, dateStyles, date1904, maxCellChars: settings.maxCellChars, onRow })
  let stream: Readable
  try {
    stream = await openStream(zip, sheetEntry)
  } catch {
    throw damaged(sheetEntry.fileName, "cannot be unpacked")
  }
  return {
    sheet: chosen.name,
    sheets: sheets.map((s) => s.name),
    date1904,
    parser,
    stream,
    zip,
    part: sheetEntry.fileName
  }
}

const main = async () => {
  const port = parentPort
  const settings = settingsOf(workerData)
  if (port === null || settings === undefined) return
  const fail = (refusal: Refusal) =>
    port.postMessage({ type: "error", reason: refusal.reason, message: refusal.message })
  const ready: Array<Array<WireRow>> = []
  let batch: Array<WireRow> = []
  const onRow = (row: WireRow) => {
    batch.push(row)
    if (batch.length >= settings.batchSize) {
      ready.push(batch)
      batch = []
    }
  }
  let opened: Awaited<ReturnType<typeof prepare>>
  try {
    opened = await prepare(settings, onRow)
  } catch (error) {
    return fail(
      error instanceof Refusal
        ? error
        : new Refusal("NOT_A_WORKBOOK", "could not be read as an Excel workbook")
    )
  }
  const { parser, stream, part } = opened
  port.postMessage({ type: "meta", sheet: opened.sheet, sheets: opened.sheets, date1904: opened.date1904 })
  const decoder = new TextDecoder("utf-8", { fatal: true })
  let requested = 0
  let ended = false
  let failed = false
  const stop = (refusal: Refusal) => {
    if (failed) return
    failed = true
    stream.destroy()
    fail(refusal)
  }
  // One batch per request from the parent; parsing pauses while two batches wait, so a slow
  // consumer never has the sheet queued up here.
  const deliver = () => {
    if (failed) return
    while (requested > 0 && (ready.length > 0 || ended)) {
      requested--
      const next = ready.shift()
      port.postMessage(next === undefined ? { type: "end" } : { type: "rows", rows: next })
    }
    if (!ended && ready.length < 2 && stream.isPaused()) stream.resume()
  }
  stream.on("data", (chunk: Buffer) => {
    if (failed) return
    try {
      parser.write(decoder.decode(chunk, { stream: true }))
    } catch (error) {
      return stop(error instanceof Refusal ? error : damaged(part, "is not readable XML"))
    }
    if (ready.length >= 2) stream.pause()
    deliver()
  })
  stream.on("end", () => {
    if (failed) return
    try {
      parser.write(decoder.decode())
      parser.close()
    } catch (error) {
      return stop(error instanceof Refusal ? error : damaged(part, "is not readable XML"))
    }
    if (batch.length > 0) ready.push(batch)
    batch = []
    ended = true
    opened.zip.close()
    deliver()
  })
  stream.on("error", () => stop(damaged(part, "cannot be unpacked (corrupt or truncated data)")))
  port.on("message", () => {
    requested++
    deliver()
  })
}

void main()
