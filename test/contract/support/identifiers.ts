// Synthetic identifiers built from the rules of §12, to screen more than the fixture table.

const weighted = (digits: string, weights: ReadonlyArray<number>): number =>
  weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0)

const mod11 = (digits: string, weights: ReadonlyArray<number>): number | undefined => {
  const r = weighted(digits, weights) % 11
  if (r === 0) return 0
  return r === 1 ? undefined : 11 - r
}

/** Valid NO organization numbers (mod-11) counting up from `start` (8 digits). */
export const norwegianOrganizationNumbers = (start: number, count: number): Array<string> => {
  const out: Array<string> = []
  for (let base = start; out.length < count; base++) {
    const check = mod11(String(base), [3, 2, 7, 6, 5, 4, 3, 2])
    if (check !== undefined) out.push(`${base}${check}`)
  }
  return out
}

const fnrChecks = (nine: string): string | undefined => {
  const k = (digits: string, weights: ReadonlyArray<number>): number | undefined => {
    const c = 11 - (weighted(digits, weights) % 11)
    if (c === 11) return 0
    return c === 10 ? undefined : c
  }
  const k1 = k(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2])
  if (k1 === undefined) return undefined
  const k2 = k(`${nine}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
  return k2 === undefined ? undefined : `${nine}${k1}${k2}`
}

/** Synthetic (Tenor, month + 80) fødselsnummer for people born in the 1900s. */
export const syntheticSsns = (count: number): Array<{ ssn: string; dateOfBirth: string }> => {
  const out: Array<{ ssn: string; dateOfBirth: string }> = []
  for (let i = 0; out.length < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0")
    const month = 1 + (i % 12)
    const year = String(50 + (i % 45)).padStart(2, "0")
    const individual = String(200 + i).padStart(3, "0")
    const ssn = fnrChecks(`${day}${month + 80}${year}${individual}`)
    if (ssn !== undefined)
      out.push({ ssn, dateOfBirth: `19${year}-${String(month).padStart(2, "0")}-${day}` })
  }
  return out
}
