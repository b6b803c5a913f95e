import { validateFiHetu, validateNoPersonNumber, validateSePersonnummer } from "@nordscreen/identifiers"

// Synthetic national identity numbers for tests, built by the published rules (identifiers.md
// §3, §4, §7) and confirmed by the identifiers package. Norwegian ones use the +80 month of
// Skatteetaten's synthetic series, so none can belong to a real person.

const pad = (n: number, width = 2) => String(n).padStart(width, "0")
const TEST = { mode: "test" } as const

const mod11 = (digits: string, weights: ReadonlyArray<number>): number => {
  const r = weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11
  return r === 0 ? 0 : 11 - r
}

/** The n-th synthetic Norwegian fødselsnummer (11 digits, month + 80). */
export const syntheticNoPersonNumber = (n: number): string => {
  for (let i = n; ; i++) {
    const stem = `${pad(1 + (i % 28))}${pad(81 + (i % 12))}${pad(50 + (i % 40))}${pad(100 + (i % 400), 3)}`
    const k1 = mod11(stem, [3, 7, 6, 1, 8, 9, 4, 5, 2])
    const k2 = mod11(`${stem}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    const id = `${stem}${k1}${k2}`
    if (id.length === 11 && validateNoPersonNumber(id, TEST).ok) return id
  }
}

/** The n-th Swedish personnummer `YYMMDD-NNNC` of test mode (Luhn check digit). */
export const syntheticSePersonnummer = (n: number): string => {
  for (let i = n; ; i++) {
    const nine = `${pad(60 + (i % 30))}${pad(1 + (i % 12))}${pad(1 + (i % 28))}${pad(900 + (i % 99), 3)}`
    let sum = 0
    for (let d = 0; d < 9; d++) {
      const p = Number(nine[d]) * (d % 2 === 0 ? 2 : 1)
      sum += p > 9 ? p - 9 : p
    }
    const id = `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`
    if (validateSePersonnummer(id, TEST).ok) return id
  }
}

const HETU_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"

/** The n-th temporary Finnish HETU (individual number 900–999: never issued to a person). */
export const syntheticHetu = (n: number): string => {
  for (let i = n; ; i++) {
    const date = `${pad(1 + (i % 28))}${pad(1 + (i % 12))}${pad(60 + (i % 30))}`
    const individual = pad(900 + (i % 99), 3)
    const id = `${date}-${individual}${HETU_CONTROL[Number(`${date}${individual}`) % 31]}`
    if (validateFiHetu(id, TEST).ok) return id
  }
}
