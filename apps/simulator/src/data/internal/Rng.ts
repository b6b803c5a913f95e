/** FNV-1a 32-bit over the UTF-16 code units of `text`: a fast, stable hash for seeding. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A uniform number in [0, 1) that depends only on its key; used for rate draws so that a
 * higher rate only ever adds hits to the identifiers that already had them. */
export const hashUnit = (key: string): number => {
  // Mix once more: raw FNV of similar keys is poorly spread in the high bits.
  let h = fnv1a(key)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/** mulberry32: a small, fast 32-bit generator; one instance per generated record, no global state. */
export class Rng {
  private state: number

  constructor(key: string) {
    this.state = fnv1a(key)
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: ReadonlyArray<T>): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error("Rng.pick on an empty list")
    return item
  }

  /** Picks by relative weight: `[[value, weight], ...]`. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of items) {
      roll -= weight
      if (roll < 0) return value
    }
    const last = items[items.length - 1]
    if (last === undefined) throw new Error("Rng.weighted on an empty list")
    return last[0]
  }

  digits(count: number): string {
    let out = ""
    for (let i = 0; i < count; i++) out += String(this.int(0, 9))
    return out
  }

  /** A date `YYYY-MM-DD` between the given years (inclusive), always a real calendar date. */
  date(fromYear: number, toYear: number): string {
    const year = this.int(fromYear, toYear)
    const month = this.int(1, 12)
    const day = this.int(1, daysInMonth(year, month))
    return isoDate(year, month, day)
  }

  /** Rounds to two decimals, as percentages appear in the registers. */
  percent(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100
  }
}

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const pad = (value: number, width: number): string => String(value).padStart(width, "0")

export const isoDate = (year: number, month: number, day: number): string =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
