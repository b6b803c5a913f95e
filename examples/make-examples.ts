// Generates examples/portfolio.csv (semicolon-separated Windows-1252, as Norwegian Excel saves
// it) and examples/portfolio.xlsx from one synthetic row list. Run from the repository root:
//   pnpm --filter @nordscreen/screen exec tsx ../../examples/make-examples.ts
// Every person number is a synthetic Tenor number (month + 80) or a simulator fixture (also
// Tenor): never a number issued to a real person. Organisation numbers are simulator fixtures
// (apps/simulator/src/data/README.md) or computed on the synthetic 91xxxxxxx range.
import { writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type * as Xlsx from "xlsx"

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, "../apps/screen/package.json"))
const XLSX: typeof Xlsx = require("xlsx")
const iconv: { encode: (text: string, encoding: string) => Buffer } = require("iconv-lite")

const mod11 = (digits: string, weights: ReadonlyArray<number>): number | undefined => {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0)
  const check = (11 - (sum % 11)) % 11
  return check === 10 ? undefined : check
}

/** A synthetic Tenor fødselsnummer for a 1900s birth date: month + 80, first usable individual number. */
const tenor = (day: number, month: number, year: number, from = 100): string => {
  const stem = `${String(day).padStart(2, "0")}${month + 80}${String(year % 100).padStart(2, "0")}`
  for (let individual = from; individual < 500; individual++) {
    const base = stem + String(individual).padStart(3, "0")
    const k1 = mod11(base, [3, 7, 6, 1, 8, 9, 4, 5, 2])
    if (k1 === undefined) continue
    const k2 = mod11(base + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    if (k2 !== undefined) return `${base}${k1}${k2}`
  }
  throw new Error("no individual number found")
}

/** A valid organisation number on the synthetic 91xxxxxxx range. */
const orgnr = (seed: number): string => {
  for (let n = seed; ; n++) {
    const stem = `91${String(n).padStart(6, "0")}`
    const check = mod11(stem, [3, 2, 7, 6, 5, 4, 3, 2])
    if (check !== undefined) return stem + check
  }
}

const validTenor = tenor(3, 4, 1985)
const wrongCheck = `${validTenor.slice(0, 10)}${(Number(validTenor[10]) + 1) % 10}`

type Value = string | number | { readonly date: string }
type Row = readonly [ref: string, type: string, country: string, id: Value, name: string, dob: Value]

export const header = ["Kundenummer", "Type", "Land", "Organisasjonsnummer/Fødselsnummer", "Navn", "Fødselsdato"]

export const rows: ReadonlyArray<Row> = [
  ["K-1001", "Foretak", "Norge", "910000012", "Fjordlys Teknikk AS", ""],
  ["K-1002", "Foretak", "Norge", "910000020", "Nordkapp Handel AS", ""],
  ["K-1003", "Foretak", "Norge", "910000047", "Solbakken Bygg AS", ""],
  ["K-1004", "Foretak", "Norge", "910000063", "Elvebredd Konsult AS", ""],
  ["K-1005", "Foretak", "Norge", "910 000 071", "Havbris Marin AS", ""],
  ["K-1006", "Foretak", "Norge", orgnr(1234), "Øvre Ålesund Rørlegger AS", ""],
  ["K-1007", "Foretak", "Sverige", "559100-0012", "Fjällbacka Verkstad AB", ""],
  ["K-1008", "Foretak", "Sverige", "559100-0038", "Östkust Handel AB", ""],
  ["K-1009", "Foretak", "Finland", "3100001-1", "Koivulahti Rakennus Oy", ""],
  ["K-1010", "Person", "Norge", "12858840099", "Marte Nygaard", { date: "1988-05-12" }],
  ["K-1011", "Person", "Norge", "15837512481", "Ingrid Fjellstad", { date: "1975-03-15" }],
  ["K-1012", "Person", "Norge", "52898011143", "Sander Kvarme", ""],
  ["K-1013", "Person", "Norge", "07877123493", "Tone Eikeland", { date: "1971-07-07" }],
  ["K-1014", "Person", "Norge", "22815834589", "Arne Solvang", ""],
  ["K-1015", "Person", "Norge", validTenor, "Åse Brønnøy-Dahl", { date: "1985-04-03" }],
  ["K-1016", "Person", "Norge", tenor(28, 11, 1962), "Máret Ántte Siri", ""],
  ["K-1017", "Person", "Norge", "", "Marte Nygaard", { date: "1988-05-12" }],
  ["K-1018", "Foretak", "Norge", orgnr(5678), "+Plus Eiendom AS", ""],
  // Duplicate of K-1001 (other customer number, digits grouped): screened once, linked to both.
  ["K-1019", "Foretak", "Norge", "910.000.012", "Fjordlys Teknikk AS", ""],
  // Deliberately bad rows:
  ["K-1020", "Person", "Norge", wrongCheck, "Feil Kontrollsiffer", ""],
  ["K-1021", "Foretak", "Norge", "910000013", "Feil Orgnr AS", ""],
  ["K-1022", "Person", "Norge", "1.28588E+10", "Excel Ødelagt", ""],
  ["K-1023", "Person", "Norge", "7877123493", "Mistet Null", ""],
  ["K-1024", "Person", "Norge", "", "", ""],
  ["K-1025", "Foretak", "Island", "5902697199", "Islandsk Firma ehf", ""]
]

const text = (value: Value): string => (typeof value === "object" ? value.date.split("-").reverse().join(".") : String(value))

const csvField = (value: string): string => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

const csv = [header, ...rows.map((row) => row.map(text))].map((r) => r.map(csvField).join(";")).join("\r\n") + "\r\n"
writeFileSync(join(here, "portfolio.csv"), iconv.encode(csv, "windows-1252"))

// The XLSX shows spreadsheet hazards CSV cannot: a number cell that lost its leading zero
// (K-1023, restored with W_ZERO_RESTORED) and real date cells for birth dates.
const excelSerial = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000
const sheet = XLSX.utils.aoa_to_sheet([
  header,
  ...rows.map((row) =>
    row.map((value, column) => {
      if (typeof value === "object") return excelSerial(value.date)
      if (row[0] === "K-1023" && column === 3) return Number(value)
      return value
    })
  )
])
rows.forEach((row, r) => {
  const cell = sheet[XLSX.utils.encode_cell({ r: r + 1, c: 5 })]
  if (typeof row[5] === "object" && cell !== undefined) cell.z = "dd.mm.yyyy"
})
sheet["!cols"] = header.map((h) => ({ wch: Math.max(12, h.length + 2) }))
const book = XLSX.utils.book_new()
XLSX.utils.book_append_sheet(book, sheet, "Kunder")
book.Props = { Title: "nordscreen example portfolio (synthetic)", CreatedDate: new Date(Date.UTC(2025, 0, 1)) }
writeFileSync(join(here, "portfolio.xlsx"), XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }))
console.log(`wrote ${rows.length} rows to examples/portfolio.csv and examples/portfolio.xlsx`)
