// Adapter throughput on one core: portfolio rows parsed and validated per second per adapter
// (target ≥ 200,000 rows/s), and full-expand organization results decoded per second.
import { readFileSync } from "node:fs"
import { type Adapter, Wire } from "@nordscreen/core"
import { orgFiAdapter } from "../packages/org-fi/src/index.js"
import { orgNoAdapter } from "../packages/org-no/src/index.js"
import { orgSeAdapter } from "../packages/org-se/src/index.js"
import { personNoAdapter } from "../packages/person-no/src/index.js"

const POOL = 20_000
const MIN_MS = 1_500

const digits = (n: number, width: number) => String(n).padStart(width, "0")
const weighted = (value: string, weights: ReadonlyArray<number>) =>
  weights.reduce((sum, weight, index) => sum + weight * Number(value[index]), 0)

const mod11 = (stem: string, weights: ReadonlyArray<number>): number | undefined => {
  const rest = weighted(stem, weights) % 11
  const check = rest === 0 ? 0 : 11 - rest
  return check === 10 ? undefined : check
}

const luhn = (stem: string): number => {
  let sum = 0
  for (let index = 0; index < stem.length; index++) {
    const product = Number(stem[index]) * (index % 2 === 0 ? 2 : 1)
    sum += product > 9 ? product - 9 : product
  }
  return (10 - (sum % 10)) % 10
}

const pool = (make: (seed: number) => string | undefined): ReadonlyArray<string> => {
  const values: Array<string> = []
  for (let seed = 0; values.length < POOL; seed++) {
    const value = make(seed)
    if (value !== undefined) values.push(value)
  }
  return values
}

const noOrgnr = pool((seed) => {
  const stem = `9${digits(seed * 7919, 7).slice(-7)}`
  const check = mod11(stem, [3, 2, 7, 6, 5, 4, 3, 2])
  return check === undefined ? undefined : stem + check
})
const seOrgnr = pool((seed) => {
  const stem = `55${digits(seed * 104_729, 7).slice(-7)}`
  return `${stem.slice(0, 6)}-${stem.slice(6)}${luhn(stem)}`
})
const fiBusinessId = pool((seed) => {
  const stem = digits(seed * 15_485_863, 7).slice(-7)
  const check = mod11(stem, [7, 9, 10, 5, 8, 4, 2])
  return check === undefined ? undefined : `${stem}-${check}`
})
// Synthetic (Tenor, month + 80) numbers: valid in test mode, never a real person.
const noPersonNumber = pool((seed) => {
  const date = `${digits((seed % 28) + 1, 2)}${digits(((seed >> 5) % 12) + 81, 2)}${digits((seed >> 9) % 100, 2)}`
  const stem = `${date}${digits(seed % 500, 3)}`
  const k1 = mod11(stem, [3, 7, 6, 1, 8, 9, 4, 5, 2])
  if (k1 === undefined) return undefined
  const k2 = mod11(stem + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
  return k2 === undefined ? undefined : `${stem}${k1}${k2}`
})

// Mostly clean rows with the hazards a real portfolio has: separators, numeric cells, typos.
const rowsOf = (
  values: ReadonlyArray<string>,
  make: (value: string, index: number) => Adapter.PortfolioRow
) => values.map((value, index) => make(value, index))

const cases: ReadonlyArray<readonly [Adapter.AnyAdapter, ReadonlyArray<Adapter.PortfolioRow>]> = [
  [
    orgNoAdapter,
    rowsOf(noOrgnr, (value, index) =>
      Wire.portfolioRow(
        index % 10 === 0
          ? {
              organizationNumber: `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`,
              country: "NO"
            }
          : index % 10 === 1
            ? { organizationNumber: Number(value), name: "Eksempel AS" }
            : { organizationNumber: index % 50 === 2 ? `${value.slice(0, 8)}0` : value, name: "Eksempel AS" }
      )
    )
  ],
  [
    orgSeAdapter,
    rowsOf(seOrgnr, (value, index) =>
      Wire.portfolioRow({ organizationNumber: index % 3 === 0 ? value.replace("-", "") : value })
    )
  ],
  [
    orgFiAdapter,
    rowsOf(fiBusinessId, (value) => Wire.portfolioRow({ organizationNumber: value, country: "FI" }))
  ],
  [
    personNoAdapter,
    rowsOf(noPersonNumber, (value, index) =>
      Wire.portfolioRow(
        index % 4 === 0
          ? { firstName: "Kari", lastName: "Nordmann", ssn: value, dateOfBirth: "1985-03-15" }
          : { name: "Ola Nordmann", ssn: value }
      )
    )
  ]
]

const perSecond = (work: () => number): number => {
  work()
  let done = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < MIN_MS) {
    done += work()
    elapsed = performance.now() - start
  }
  return (done * 1000) / elapsed
}

const format = (value: number) => Math.round(value).toLocaleString("en-US")
const figures: Record<string, number> = {}

console.log(
  `rows parsed and validated per second (one core, ${POOL.toLocaleString("en-US")} distinct rows each)`
)
const vocabulary = Wire.rowVocabulary(cases.map(([adapter]) => adapter))
for (const [adapter, rows] of cases) {
  const rejected = rows.filter((row) => adapter.parseRow(row, "test")._tag === "Rejected").length
  const parse = () => {
    for (const row of rows) adapter.parseRow(row, "test")
    return rows.length
  }
  const claimAndParse = () => {
    for (const row of rows) if (adapter.claim(row, vocabulary) !== "no") adapter.parseRow(row, "test")
    return rows.length
  }
  const parsed = perSecond(parse)
  const claimed = perSecond(claimAndParse)
  figures[`${adapter.id}.parseRow`] = parsed
  figures[`${adapter.id}.claim+parseRow`] = claimed
  console.log(
    `  ${adapter.id.padEnd(10)} parseRow ${format(parsed).padStart(11)} rows/s   claim+parseRow ${format(claimed).padStart(11)} rows/s ${parsed >= 200_000 ? "ok" : "BELOW TARGET"} (${((100 * rejected) / rows.length).toFixed(1)}% rejected)`
  )
}

const text = readFileSync(
  new URL("../packages/org-no/test/fixtures/no-clean-full.json", import.meta.url),
  "utf8"
)
const parsedJson: unknown = JSON.parse(text)
const decoder = Wire.resultDecoder(orgNoAdapter)
const decode = (json: unknown) => {
  if (decoder(json)._tag === "Left") throw new Error("the recorded result no longer decodes")
}
const decodeOnly = perSecond(() => {
  for (let index = 0; index < 100; index++) decode(parsedJson)
  return 100
})
const parseAndDecode = perSecond(() => {
  for (let index = 0; index < 100; index++) decode(JSON.parse(text))
  return 100
})
figures["org-no.decode"] = decodeOnly
figures["org-no.JSON.parse+decode"] = parseAndDecode
console.log(
  `full-expand organization result (${(text.length / 1024).toFixed(1)} KiB pretty-printed JSON, all 17 expands)`
)
console.log(
  `  decode ${format(decodeOnly)} results/s   JSON.parse + decode ${format(parseAndDecode)} results/s`
)
console.log(
  JSON.stringify({
    bench: "adapters",
    node: process.version,
    figures: Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, Math.round(value)]))
  })
)
