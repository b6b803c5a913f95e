import { randomInt } from "node:crypto"
import { murmur128 } from "./murmur128.js"

const EMPTY = 0

/**
 * Entity key → first row number, for millions of keys in flat memory: each slot is a 128-bit
 * seeded hash of the key (never the key itself, which may be a national identity number) plus a
 * row number, in typed arrays — about 40 bytes per entity instead of ~150 for a Map of strings.
 * With 128 bits, two distinct keys colliding in a 10-million-entity run has a probability
 * around 10^-25. The seed is random per table, so crafted collisions cannot be prepared in a file.
 */
export class KeyTable {
  private hashes: Uint32Array
  private rows: Int32Array
  private mask: number
  private count = 0
  private readonly seed = randomInt(0, 2 ** 32 - 1)
  private readonly scratch = new Uint32Array(4)

  constructor(capacity = 1 << 16) {
    this.hashes = new Uint32Array(capacity * 4)
    this.rows = new Int32Array(capacity)
    this.mask = capacity - 1
  }

  get size(): number {
    return this.count
  }

  /** The row already stored for `key`, or stores `rowNumber` (≥ 1) and returns undefined. */
  firstOrAdd(key: string, rowNumber: number): number | undefined {
    murmur128(key, this.seed, this.scratch)
    const found = this.probe(this.scratch)
    const existing = this.rows[found] ?? EMPTY
    if (existing !== EMPTY) return existing
    this.store(found, this.scratch, rowNumber)
    if (this.count * 2 > this.mask + 1) this.grow()
    return undefined
  }

  private probe(hash: Uint32Array): number {
    let slot = (hash[0] ?? 0) & this.mask
    for (;;) {
      if (this.rows[slot] === EMPTY) return slot
      const base = slot * 4
      if (
        this.hashes[base] === hash[0] &&
        this.hashes[base + 1] === hash[1] &&
        this.hashes[base + 2] === hash[2] &&
        this.hashes[base + 3] === hash[3]
      )
        return slot
      slot = (slot + 1) & this.mask
    }
  }

  private store(slot: number, hash: Uint32Array, rowNumber: number) {
    this.hashes.set(hash, slot * 4)
    this.rows[slot] = rowNumber
    this.count++
  }

  private grow() {
    const oldHashes = this.hashes
    const oldRows = this.rows
    const capacity = (this.mask + 1) * 2
    this.hashes = new Uint32Array(capacity * 4)
    this.rows = new Int32Array(capacity)
    this.mask = capacity - 1
    this.count = 0
    for (let slot = 0; slot < oldRows.length; slot++) {
      const row = oldRows[slot] ?? EMPTY
      if (row === EMPTY) continue
      const hash = oldHashes.subarray(slot * 4, slot * 4 + 4)
      this.store(this.probe(hash), hash, row)
    }
  }
}
