// Code points outside Latin-1 that Windows-1252 (WinAnsi) still encodes.
const CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

const ENCODABLE = new Set<number>([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  ...Array.from(CP1252_EXTRAS, (c) => c.codePointAt(0) ?? 0)
])

// Letters that do not decompose to an ASCII base (Northern Sami among them).
const FALLBACK: Record<string, string> = {
  Đ: "D",
  đ: "d",
  Ŋ: "N",
  ŋ: "n",
  Ŧ: "T",
  ŧ: "t",
  Ł: "L",
  ł: "l",
  ı: "i",
  "\u2212": "-",
  "\u2011": "-",
  "\u00ad": "-"
}

const encodable = (char: string): boolean => ENCODABLE.has(char.codePointAt(0) ?? 0)

/** Maps text to what the standard PDF fonts (WinAnsi) can show, so drawing never throws:
 * Č → C, ŋ → n, tabs and line breaks → spaces, anything else unknown → "?". */
export const toWinAnsi = (text: string): string => {
  let out = ""
  for (const char of text) {
    if (encodable(char)) out += char
    else if (char === "\t" || char === "\n" || char === "\r") out += " "
    else {
      const fallback = FALLBACK[char]
      if (fallback !== undefined) out += fallback
      else {
        const base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        out += base !== "" && Array.from(base).every(encodable) ? base : "?"
      }
    }
  }
  return out
}
