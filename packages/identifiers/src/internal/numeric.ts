// Excel writes 12+ digit numbers as 2.00001E+11; a decimal point or an exponent sign tells such
// text apart from a HETU with century sign E (010199E0022).
const TEXT_E_NOTATION = /^[+-]?\d+(?:[.,]\d+)?E[+-]\d+$|^[+-]?\d+[.,]\d+E\d+$/
const NUMBER = /^([+-]?\d*)(?:[.,](\d+))?(E[+-]?\d+)?$/
const ZEROS = /^0+$/

/**
 * identifiers.md §9.1: a value whose digits are gone (exponent, non-zero fraction) gives
 * undefined; a numeric cell's zero fraction (923609016.0) is dropped. Never rounds.
 */
export function withoutLostPrecision(s: string, numeric: boolean | undefined): string | undefined {
  if (numeric !== true) return TEXT_E_NOTATION.test(s) ? undefined : s
  const m = NUMBER.exec(s)
  if (m === null) return s
  if (m[3] !== undefined) return undefined
  const fraction = m[2]
  if (fraction === undefined) return s
  return ZEROS.test(fraction) ? (m[1] ?? "") : undefined
}
