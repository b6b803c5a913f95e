import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { deflated, repeated, stored, type ZipEntry, zipBytes } from "./zipWriter.js"

/**
 * The hostile-input corpus of issue 9: every file is generated here, deterministically and from
 * synthetic data only (organisation numbers built on a test range, national identity numbers in
 * Skatteetaten's synthetic range with valid check digits), so no large or personal file is ever
 * committed. Run it on its own with `apps/screen/node_modules/.bin/tsx test/hostile/makeCorpus.ts <dir>`.
 */

export interface Corpus {
  readonly dir: string
  /** File name (in `dir`) by corpus entry. */
  readonly files: Readonly<Record<CorpusFile, string>>
  /** Every national identity number the corpus contains: none may appear in any output. */
  readonly nationalIds: ReadonlyArray<string>
  /** The uncompressed size of the bombs' sheet XML, and its ratio to the compressed size. */
  readonly bombs: Readonly<
    Record<"bomb565" | "bombOverLimit", { readonly xmlBytes: number; readonly ratio: number }>
  >
}

export const CORPUS_FILES = [
  "fanout",
  "bomb565",
  "bombOverLimit",
  "zip64",
  "corruptXml",
  "truncatedZip",
  "randomBytes",
  "odsAsXlsx",
  "ods",
  "numbersAsXlsx",
  "numbers",
  "blankLines",
  "longHeader",
  "unclosedQuote",
  "hugeCell",
  "nulBytes",
  "idsAsReference",
  "reservedReferences",
  "englishHeaders"
] as const

export type CorpusFile = (typeof CORPUS_FILES)[number]

/** The inflated size of the sheet the zip guard of the XLSX reader allows by default (1000 MB). */
export const DEFAULT_INFLATE_LIMIT = 20 * 50 * 1024 * 1024

/** The n-th synthetic Norwegian organisation number (mod 11; test mode accepts any first digit). */
export const orgNumber = (n: number): string => {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  for (let base = 75_000_000 + n * 17; ; base++) {
    const digits = String(base).split("").map(Number)
    const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0)
    const check = 11 - (sum % 11)
    if (check === 10) continue
    return `${base}${check === 11 ? 0 : check}`
  }
}

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

/**
 * The n-th synthetic fødselsnummer (month + 80, identifiers.md §3.2): valid check digits, born in
 * the 1900s, never a real person's number.
 */
export const syntheticFnr = (n: number): string => {
  for (let i = n; ; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0")
    const month = String(81 + (i % 12)).padStart(2, "0")
    const year = String(50 + (i % 40)).padStart(2, "0")
    const individual = String(100 + ((i * 37) % 400)).padStart(3, "0")
    const base = `${day}${month}${year}${individual}`.split("").map(Number)
    const k1 = (11 - (base.reduce((s, d, j) => s + d * (K1[j] ?? 0), 0) % 11)) % 11
    if (k1 === 10) continue
    const k2 = (11 - ([...base, k1].reduce((s, d, j) => s + d * (K2[j] ?? 0), 0) % 11)) % 11
    if (k2 === 10) continue
    return `${day}${month}${year}${individual}${k1}${k2}`
  }
}

/** xorshift32: the same "random" bytes on every run. */
const pseudoRandomBytes = (length: number, seed: number): Buffer => {
  const out = Buffer.alloc(length)
  let x = seed >>> 0
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

// --- workbooks -------------------------------------------------------------------------------

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const column = (index: number): string => String.fromCharCode(65 + index)

const inlineCell = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`

const sheetRow = (row: number, cells: ReadonlyArray<string>): string =>
  `<row r="${row}">${cells.map((text, i) => inlineCell(`${column(i)}${row}`, text)).join("")}</row>`

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`
const SHEET_TAIL = "</sheetData></worksheet>"

/** Every part of a one-sheet workbook but the sheet itself (and shared strings when given). */
const workbookParts = (withSharedStrings: boolean): ReadonlyArray<ZipEntry> => [
  deflated(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      (withSharedStrings
        ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
        : "") +
      "</Types>"
  ),
  deflated(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  ),
  deflated(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheets><sheet name="Kunder" sheetId="1" r:id="rId1"/></sheets></workbook>`
  ),
  deflated(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (withSharedStrings
        ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
        : "") +
      "</Relationships>"
  )
]

const HEADER = ["Kundenummer", "Organisasjonsnummer", "Navn"]

/** A small valid portfolio sheet: `count` organisations from `first`. */
const portfolioSheet = (first: number, count: number): string => {
  const rows = [sheetRow(1, HEADER)]
  for (let i = 0; i < count; i++)
    rows.push(sheetRow(i + 2, [`K-${first + i}`, orgNumber(first + i), `Hostile ${first + i} AS`]))
  return SHEET_HEAD + rows.join("") + SHEET_TAIL
}

const validWorkbook = (options: { readonly zip64?: boolean } = {}): Buffer =>
  zipBytes([...workbookParts(false), deflated("xl/worksheets/sheet1.xml", portfolioSheet(100, 5))], options)

/**
 * Issue 9 item 5: 100,000 cells (the organisation number of 100,000 rows) all referencing one
 * 30,000-character shared string. Small on disk; 3 GB of text once every cell is expanded.
 */
const fanoutWorkbook = (): Buffer => {
  const huge = "FANOUT-".repeat(Math.ceil(30_000 / 7)).slice(0, 30_000)
  const rows = [sheetRow(1, HEADER)]
  for (let r = 2; r <= 100_001; r++)
    rows.push(`<row r="${r}">${inlineCell(`A${r}`, `K-${r}`)}<c r="B${r}" t="s"><v>0</v></c></row>`)
  return zipBytes([
    ...workbookParts(true),
    deflated(
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="100000" uniqueCount="1"><si><t>${huge}</t></si></sst>`
    ),
    deflated("xl/worksheets/sheet1.xml", SHEET_HEAD + rows.join("") + SHEET_TAIL)
  ])
}

/**
 * Rows that deflate compresses about 480:1 (issue 9 item 6 had 565:1, a 1.6 MB workbook inflating
 * to 905 MB; this one is 1.9 MB and under the guard's 1000:1 ratio limit all the same):
 * a thousand identical cells a row, without the optional `r` attributes, so the rows repeat
 * verbatim at a short distance.
 */
const bombBlock = (): string => {
  const row = `<row>${"<c><v>1</v></c>".repeat(1000)}</row>`
  return row.repeat(Math.floor((1024 * 1024) / row.length))
}

const bombWorkbook = (
  sheetBytes: number
): { readonly bytes: Buffer; readonly xmlBytes: number; readonly ratio: number } => {
  const body = bombBlock()
  const head = SHEET_HEAD + sheetRow(1, HEADER)
  const times = Math.ceil((sheetBytes - head.length - SHEET_TAIL.length) / body.length)
  const sheet = repeated("xl/worksheets/sheet1.xml", { head, body, times, tail: SHEET_TAIL })
  return {
    bytes: zipBytes([...workbookParts(false), sheet]),
    xmlBytes: sheet.uncompressedSize,
    ratio: Math.round(sheet.uncompressedSize / sheet.data.length)
  }
}

/** A valid zip whose sheet XML stops in the middle of a tag. */
const corruptXmlWorkbook = (): Buffer => {
  const sheet = portfolioSheet(200, 5)
  return zipBytes([
    ...workbookParts(false),
    deflated("xl/worksheets/sheet1.xml", sheet.slice(0, sheet.length - 120))
  ])
}

/** An OpenDocument spreadsheet: a zip whose first entry, stored, names its type. */
const odsFile = (): Buffer =>
  zipBytes([
    stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    deflated(
      "META-INF/manifest.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
        `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>` +
        `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
    ),
    deflated(
      "content.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
        `xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">` +
        `<office:body><office:spreadsheet><table:table table:name="Kunder">` +
        [HEADER, ["K-300", orgNumber(300), "Hostile 300 AS"]]
          .map(
            (cells) =>
              `<table:table-row>${cells.map((c) => `<table:table-cell office:value-type="string"><text:p>${escapeXml(c)}</text:p></table:table-cell>`).join("")}</table:table-row>`
          )
          .join("") +
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
  ])

/** What Apple Numbers saves: a zip of protobuf archives (`.iwa`) and metadata, no workbook XML. */
const numbersFile = (): Buffer =>
  zipBytes([
    deflated("Index/Document.iwa", pseudoRandomBytes(4096, 0x4e554d42)),
    deflated("Index/Metadata.iwa", pseudoRandomBytes(512, 0x4d455441)),
    deflated(
      "Metadata/Properties.plist",
      `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>fileFormatVersion</key><string>13.0</string></dict></plist>`
    ),
    deflated("Metadata/DocumentIdentifier", "00000000-0000-4000-8000-000000000000"),
    stored("preview.jpg", pseudoRandomBytes(1024, 0x4a504547))
  ])

// --- CSV ---------------------------------------------------------------------------------------

const CSV_HEADER = "Kundenummer;Organisasjonsnummer;Navn"
const csvRow = (n: number): string => `K-${n};${orgNumber(n)};Hostile ${n} AS`

/** Issue 9 item 7: two rows with 1,000,000 blank lines between them (1 MB). */
const blankLinesCsv = (): string => `${CSV_HEADER}\n${csvRow(400)}\n${"\n".repeat(1_000_000)}${csvRow(401)}\n`

/** Issue 9 item 13: a header line over 64 KiB. */
const longHeaderCsv = (): string =>
  `Kundenummer;Organisasjonsnummer;${"Navn".repeat(17_500)}\n${csvRow(410)}\n`

/** Issue 9 item 13: 1000 lines; the quote opened on line 3 never closes. */
const unclosedQuoteCsv = (): string => {
  const lines = [CSV_HEADER, csvRow(500)]
  lines.push(`K-501;"${orgNumber(501)};Hostile 501 AS`)
  for (let n = 502; lines.length < 1000; n++) lines.push(csvRow(n))
  return `${lines.join("\n")}\n`
}

/** Issue 9 item 13: one cell over 1 MiB, on the data row of line 5; the other rows are fine. */
const hugeCellCsv = (): string => {
  const lines = [CSV_HEADER]
  for (let n = 600; n < 610; n++)
    lines.push(lines.length === 4 ? `K-${n};${orgNumber(n)};${"HUGE".repeat(300_000)}` : csvRow(n))
  return `${lines.join("\n")}\n`
}

/** Issue 9 item 13: NUL bytes in a name and in a reference. */
const nulBytesCsv = (): string =>
  [
    CSV_HEADER,
    csvRow(700),
    `K-701;${orgNumber(701)};Hostile\u0000\u0000701 AS`,
    `K-\u0000702;${orgNumber(702)};Hostile 702 AS`,
    csvRow(703)
  ]
    .join("\n")
    .concat("\n")

/**
 * Issue 9 item 9: synthetic national identity numbers as customer references — all valid rows
 * but the last, whose organisation number is wrong, so the rejected outputs carry one too.
 */
const idsAsReferenceCsv = (ids: ReadonlyArray<string>): string => {
  const lines = [CSV_HEADER]
  ids.forEach((id, i) => {
    const n = 800 + i
    const number =
      i === ids.length - 1 ? `${orgNumber(n).slice(0, 8)}${(Number(orgNumber(n)[8]) + 1) % 10}` : orgNumber(n)
    lines.push(`${id};${number};Hostile ${n} AS`)
  })
  return `${lines.join("\n")}\n`
}

/** Issue 9 item 14: references that are reserved device names, or differ only by a trailing dot. */
export const RESERVED_REFERENCES = ["CON", "NUL", "COM1", "trailing.", "trailing", "aux.txt"] as const

const reservedReferencesCsv = (): string =>
  `${[CSV_HEADER, ...RESERVED_REFERENCES.map((ref, i) => `${ref};${orgNumber(900 + i)};Hostile ${900 + i} AS`)].join("\n")}\n`

/** Issue 9 item 15: ordinary English headers, comma-separated. */
const englishHeadersCsv = (): string =>
  `${[
    "Customer ID,Entity type,Org number,Company name",
    ...[950, 951, 952].map((n) => `C-${n},Company,${orgNumber(n)},Hostile ${n} Ltd`)
  ].join("\n")}\n`

// --- the corpus --------------------------------------------------------------------------------

const NAMES: Readonly<Record<CorpusFile, string>> = {
  fanout: "shared-string-fanout.xlsx",
  bomb565: "zip-bomb-565.xlsx",
  bombOverLimit: "zip-bomb-over-limit.xlsx",
  zip64: "zip64-valid.xlsx",
  corruptXml: "corrupt-xml.xlsx",
  truncatedZip: "truncated-zip.xlsx",
  randomBytes: "random-bytes.xlsx",
  odsAsXlsx: "opendocument-named.xlsx",
  ods: "opendocument.ods",
  numbersAsXlsx: "numbers-named.xlsx",
  numbers: "apple.numbers",
  blankLines: "blank-lines.csv",
  longHeader: "long-header.csv",
  unclosedQuote: "unclosed-quote.csv",
  hugeCell: "huge-cell.csv",
  nulBytes: "nul-bytes.csv",
  idsAsReference: "ids-as-reference.csv",
  reservedReferences: "reserved-references.csv",
  englishHeaders: "english-headers.csv"
}

/** Writes the corpus into `dir` (created if needed). A few seconds, mostly the bombs' checksums. */
export const makeCorpus = (dir: string): Corpus => {
  mkdirSync(dir, { recursive: true })
  const nationalIds = Array.from({ length: 6 }, (_, i) => syntheticFnr(i * 11))
  const bomb565 = bombWorkbook(905_000_000)
  const bombOverLimit = bombWorkbook(DEFAULT_INFLATE_LIMIT + 64 * 1024)
  const valid = validWorkbook()
  const contents: { readonly [K in CorpusFile]: string | Buffer } = {
    fanout: fanoutWorkbook(),
    bomb565: bomb565.bytes,
    bombOverLimit: bombOverLimit.bytes,
    zip64: validWorkbook({ zip64: true }),
    corruptXml: corruptXmlWorkbook(),
    truncatedZip: valid.subarray(0, Math.floor(valid.length * 0.6)),
    randomBytes: pseudoRandomBytes(64 * 1024, 0x5eed),
    odsAsXlsx: odsFile(),
    ods: odsFile(),
    numbersAsXlsx: numbersFile(),
    numbers: numbersFile(),
    blankLines: blankLinesCsv(),
    longHeader: longHeaderCsv(),
    unclosedQuote: unclosedQuoteCsv(),
    hugeCell: hugeCellCsv(),
    nulBytes: nulBytesCsv(),
    idsAsReference: idsAsReferenceCsv(nationalIds),
    reservedReferences: reservedReferencesCsv(),
    englishHeaders: englishHeadersCsv()
  }
  for (const key of CORPUS_FILES) writeFileSync(join(dir, NAMES[key]), contents[key])
  return {
    dir,
    files: NAMES,
    nationalIds,
    bombs: {
      bomb565: { xmlBytes: bomb565.xmlBytes, ratio: bomb565.ratio },
      bombOverLimit: { xmlBytes: bombOverLimit.xmlBytes, ratio: bombOverLimit.ratio }
    }
  }
}

const target = process.argv[2]
if (target !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const corpus = makeCorpus(target)
  console.info(`wrote ${Object.keys(corpus.files).length} files to ${corpus.dir}`, corpus.bombs)
}
