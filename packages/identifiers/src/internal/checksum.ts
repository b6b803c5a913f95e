export function weightedSum(s: string, weights: ReadonlyArray<number>, from = 0): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (s.charCodeAt(from + i) - 0x30) * (weights[i] ?? 0)
  return sum
}

/** Mod-11 check digit of the orgnr/Y-tunnus kind; -1 when r = 1 (the stem is never issued). */
export function mod11CheckDigit(s: string, weights: ReadonlyArray<number>, from = 0): number {
  const r = weightedSum(s, weights, from) % 11
  if (r === 0) return 0
  return r === 1 ? -1 : 11 - r
}

/** Luhn check digit over the nine digits starting at `from` (weights 2, 1, 2, …). */
export function luhnCheckDigit(s: string, from = 0): number {
  let sum = 0
  for (let i = 0; i < 9; i++) {
    let p = (s.charCodeAt(from + i) - 0x30) * (i % 2 === 0 ? 2 : 1)
    if (p > 9) p -= 9
    sum += p
  }
  return (10 - (sum % 10)) % 10
}
