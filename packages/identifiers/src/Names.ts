const SPACE_RUNS = /[\s\p{Zs}]+/gu

/** NFC (macOS gives å as a + U+030A), trimmed, single spaces. Keep the original for the API. */
export function normalizeName(raw: string): string {
  return raw.normalize("NFC").replace(SPACE_RUNS, " ").trim()
}

// UTF-8 read as Windows-1252 / Latin-1: the lead byte shows as Ã Â Ä Å, the continuation byte
// as a Latin-1 symbol, a Windows-1252 punctuation mark or a C1 control.
const CP1252_HIGH =
  "\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178"
const MOJIBAKE = new RegExp(
  `[\u00C3\u00C2][\u0080-\u00BF${CP1252_HIGH}]|[\u00C4\u00C5][\u0080-\u009F\u00A1-\u00BF${CP1252_HIGH}]|\uFFFD`
)

/** True when the text was decoded with the wrong charset (Ã¸ for ø …): re-decode, never screen it. */
export function looksLikeMojibake(raw: string): boolean {
  return MOJIBAKE.test(raw)
}

const FOLDS: Readonly<Record<string, string>> = {
  æ: "ae",
  ä: "ae",
  ø: "o",
  ö: "o",
  å: "a",
  ü: "ue",
  ß: "ss",
  đ: "d",
  ŋ: "n",
  ŧ: "t"
}
const FOLD_CHARS = /[æäøöåüßđŋŧ]/g
const COMBINING = /\p{M}+/gu
const PUNCTUATION = /[-‐‑‒–—'’`´.,]+/g
const OE = /oe/g
const AA = /aa/g

/**
 * Key for duplicate detection only (never for the request): case-folded, æ/ä → ae, ø/ö/oe → o,
 * å/aa → a, ü → ue, other diacritics dropped, hyphens and dots as spaces.
 */
export function nameKey(raw: string): string {
  const folded = normalizeName(raw)
    .toLowerCase()
    .replace(FOLD_CHARS, (c) => FOLDS[c] ?? c)
    .normalize("NFD")
    .replace(COMBINING, "")
    .replace(OE, "o")
    .replace(AA, "a")
  return folded.replace(PUNCTUATION, " ").replace(SPACE_RUNS, " ").trim()
}
