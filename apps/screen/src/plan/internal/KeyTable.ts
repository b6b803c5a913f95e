import { randomInt } from "node:crypto"
import { murmur128 } from "./murmur128.js"

const EMPTY = 0
const MIN_CAPACITY = 1 << 16
// 4 Mi slots = 80 MB: beyond that, grow only if the entities are really there.
const MAX_PRESIZE = 1 << 22

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

  /**
   * A capacity (a power of two, 64 Ki to 4 Mi slots) for an estimated number of entities, at a load
   * of at most 5/8 for the estimate. An estimate from a file's first rows tends to run a little
   * high (later customer numbers are longer), and sizing it at the growth threshold of 1/2 would
   * double the table for a few percent; if the entities are really there, the table still grows.
   */
  static capacityFor(entities: number): number {
    let capacity = MIN_CAPACITY
    while (capacity < MAX_PRESIZE && capacity * 5 < entities * 8) capacity *= 2
    return capacity
  }

  /** `capacity` must be a power of two. */
  constructor(capacity = MIN_CAPACITY) {
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
