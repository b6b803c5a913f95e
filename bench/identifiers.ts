// Validations per second for each identifier type over ~1M generated values (synthetic/test
// ranges only). Run: cd bench && node --import tsx identifiers.ts
import {
  type IdentifierType,
  parseDateOfBirth,
  type ValidateOptions,
  validateIdentifier
} from "@nordscreen/identifiers"

const COUNT = Number(process.env["BENCH_COUNT"] ?? 1_000_000)
const OPTIONS: ValidateOptions = { mode: "test", today: new Date("2026-11-21T00:00:00Z") }

// Deterministic so runs compare.
let seed = 42
const random = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
  return seed % n
}
const digits = (n: number): string => {
  let s = ""
  for (let i = 0; i < n; i++) s += random(10)
  return s
}
const pad = (n: number, w: number) => String(n).padStart(w, "0")
const weighted = (s: string, w: ReadonlyArray<number>) =>
  w.reduce((sum, x, i) => sum + x * Number(s.charAt(i)), 0)
const mod11 = (s: string, w: ReadonlyArray<number>) => {
  const r = weighted(s, w) % 11
  return r === 0 ? "0" : r === 1 ? "0" : String(11 - r)
}
const luhn = (nine: string) => {
  let sum = 0
  for (let i = 0; i < 9; i++) {
    let p = Number(nine.charAt(i)) * (i % 2 === 0 ? 2 : 1)
    if (p > 9) p -= 9
    sum += p
  }
  return String((10 - (sum % 10)) % 10)
}
const date = () => ({ d: 1 + random(28), m: 1 + random(12), y: 1940 + random(80) })

// One in four cells carries the decorations of §1 (NBSP groups, quotes, prefixes).
const decorate = (s: string, fancy: string) => (random(4) === 0 ? fancy : s)

const generators: Record<IdentifierType, () => string> = {
  NO_ORGANIZATION_NUMBER: () => {
    const stem = String(8 + random(2)) + digits(7)
    const n = stem + mod11(stem, [3, 2, 7, 6, 5, 4, 3, 2])
    return decorate(n, `NO ${n.slice(0, 3)}\u00A0${n.slice(3, 6)}\u00A0${n.slice(6)} MVA`)
  },
  NO_PERSON_NUMBER: () => {
    const { d, m, y } = date()
    const stem = pad(d, 2) + pad(m + 80, 2) + pad(y % 100, 2) + pad(random(500), 3)
    const k1 = mod11(stem, [3, 7, 6, 1, 8, 9, 4, 5, 2])
    const n = stem + k1 + mod11(stem + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    return decorate(n, `'${n.slice(0, 6)} ${n.slice(6)}`)
  },
  SE_PERSONNUMMER: () => {
    const { d, m, y } = date()
    const nine = pad(y % 100, 2) + pad(m, 2) + pad(d, 2) + pad(1 + random(999), 3)
    const ten = nine + luhn(nine)
    return decorate(String(Math.floor(y / 100)) + ten, ten.slice(0, 6) + "-" + ten.slice(6))
  },
  SE_ORGANISATIONSNUMMER: () => {
    const nine = String(5 + random(5)) + digits(1) + String(2 + random(8)) + digits(6)
    const ten = nine + luhn(nine)
    return decorate(ten.slice(0, 6) + "-" + ten.slice(6), `SE${ten}01`)
  },
  FI_BUSINESS_ID: () => {
    const stem = digits(7)
    const id = stem + "-" + mod11(stem, [7, 9, 10, 5, 8, 4, 2])
    return decorate(id, `FI${id.replace("-", "")}`)
  },
  DK_CVR: () => {
    const stem = String(1 + random(9)) + digits(6)
    const cvr = stem + mod11(stem, [2, 7, 6, 5, 4, 3, 2])
    return decorate(cvr, `DK ${cvr.slice(0, 2)} ${cvr.slice(2, 4)} ${cvr.slice(4, 6)} ${cvr.slice(6)}`)
  },
  FI_HETU: () => {
    const { d, m, y } = date()
    const body = pad(d, 2) + pad(m, 2) + pad(y % 100, 2) + pad(900 + random(100), 3)
    const id =
      body.slice(0, 6) + "-" + body.slice(6) + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Number(body) % 31)
    return decorate(id, id.toLowerCase())
  },
  DUNS: () => {
    const n = digits(9)
    return decorate(n, `${n.slice(0, 2)}-${n.slice(2, 5)}-${n.slice(5)}`)
  }
}

function measure(label: string, values: ReadonlyArray<string>, run: (s: string) => boolean): void {
  for (let i = 0; i < 50_000; i++) run(values[i % values.length] ?? "") // warm up the JIT
  let ok = 0
  const start = process.hrtime.bigint()
  for (const v of values) if (run(v)) ok++
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const rate = Math.round(values.length / seconds).toLocaleString("en-US")
  console.log(`${label.padEnd(24)} ${rate.padStart(12)} /s   (${values.length} values, ${ok} valid)`)
}

console.log(`node ${process.version}, ${COUNT} values per type, mode "test"`)
for (const [type, generate] of Object.entries(generators) as Array<[IdentifierType, () => string]>) {
  const values = Array.from({ length: COUNT }, generate)
  measure(type, values, (s) => validateIdentifier(type, s, OPTIONS).ok)
}
const dates = Array.from({ length: COUNT }, () => {
  const { d, m, y } = date()
  return random(2) === 0 ? `${y}-${pad(m, 2)}-${pad(d, 2)}` : `${d}.${m}.${y}`
})
measure("parseDateOfBirth", dates, (s) => parseDateOfBirth(s, OPTIONS).ok)
