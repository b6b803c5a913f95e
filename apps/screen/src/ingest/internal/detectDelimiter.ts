export type Delimiter = "," | ";" | "\t"

const candidates: ReadonlyArray<Delimiter> = [";", ",", "\t"]

/** Per logical line (quoted newlines do not end a line), how often each candidate occurs outside quotes. */
const countPerLine = (text: string, maxLines: number): Array<Record<Delimiter, number>> => {
  const lines: Array<Record<Delimiter, number>> = []
  let current: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 }
  let inQuotes = false
  let nonEmpty = false
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const ch = text[i]!
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (nonEmpty) lines.push(current)
      current = { ",": 0, ";": 0, "\t": 0 }
      nonEmpty = false
    } else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) {
      current[ch]++
      nonEmpty = true
    } else if (ch.trim() !== "") nonEmpty = true
  }
  return lines
}

/**
 * The delimiter that splits the header and most of the following lines into the same number of
 * fields. Nordic Excel writes `;` because `,` is the decimal separator, so a tie prefers `;`.
 * Only complete lines of the sample are used: the last one may be cut off.
 */
export const detectDelimiter = (sample: string, complete: boolean): Delimiter => {
  const all = countPerLine(complete ? sample : sample.slice(0, Math.max(0, sample.lastIndexOf("\n"))), 50)
  const lines = all.length > 0 ? all : countPerLine(sample, 1)
  const header = lines[0]
  if (header === undefined) return ","
  let best: Delimiter = ","
  let bestScore = -1
  for (const d of candidates) {
    const fields = header[d]
    if (fields === 0) continue
    const agreeing = lines.filter((line) => line[d] === fields).length
    const score = agreeing * 1000 + fields
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}
