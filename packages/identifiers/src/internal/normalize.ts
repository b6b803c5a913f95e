// Compiled once: the batch runner calls these per cell.
const ALREADY_CLEAN = /^[0-9A-Z+-]*$/
const NON_ASCII = /[^ -~]/
// Space separators (NBSP, U+2007, U+202F ...), tabs, and invisible marks that copy-paste leaves.
const SPACES = /[\t\p{Zs}\u200B\u2060\uFEFF]/gu
const QUOTE_CLOSERS: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "\u201C": "\u201D",
  "\u201D": "\u201D",
  "\u201E": "\u201C",
  "\u2018": "\u2019",
  "\u2019": "\u2019",
  "\u201A": "\u2018",
  "\u00AB": "\u00BB",
  "\u00BB": "\u00AB"
}

function stripQuotePair(s: string): string {
  if (s.length < 2) return s
  const closer = QUOTE_CLOSERS[s.charAt(0)]
  return closer !== undefined && s.endsWith(closer) ? s.slice(1, -1) : s
}

/** identifiers.md §1 steps 1–3, shared by every identifier type. */
export function normalizeCell(raw: string): string {
  if (ALREADY_CLEAN.test(raw)) return raw
  let s = NON_ASCII.test(raw) ? raw.normalize("NFKC") : raw
  s = s.trim().replace(SPACES, "")
  s = stripQuotePair(s)
  if (s.charCodeAt(0) === 0x27) s = s.slice(1)
  return s.toUpperCase()
}

export function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return s.length > 0
}

export function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 0x30
}

/** Two-digit number at position i. */
export function pairAt(s: string, i: number): number {
  return (s.charCodeAt(i) - 0x30) * 10 + s.charCodeAt(i + 1) - 0x30
}

const DOTS_DASHES = /[.-]/g
const DOTS_DASHES_COMMAS = /[.,-]/g

export function removeDotsDashes(s: string): string {
  return s.indexOf(".") < 0 && s.indexOf("-") < 0 ? s : s.replace(DOTS_DASHES, "")
}

export function removeDotsDashesCommas(s: string): string {
  return s.indexOf(".") < 0 && s.indexOf("-") < 0 && s.indexOf(",") < 0
    ? s
    : s.replace(DOTS_DASHES_COMMAS, "")
}
