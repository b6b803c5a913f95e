/**
 * An append-only list of (first row, later row) pairs in one growable typed array: 8 bytes per
 * duplicate row, against ~60 for a Map entry holding an array per first row.
 */
export class RowPairs {
  private pairs = new Int32Array(2 * 1024)
  private length = 0

  add(first: number, later: number): void {
    if (this.length === this.pairs.length) {
      const bigger = new Int32Array(this.pairs.length * 2)
      bigger.set(this.pairs)
      this.pairs = bigger
    }
    this.pairs[this.length] = first
    this.pairs[this.length + 1] = later
    this.length += 2
  }

  /** The later rows paired with `first`, in the order they were added; a scan of the whole list. */
  laterOf(first: number): Array<number> {
    const found: Array<number> = []
    for (let i = 0; i < this.length; i += 2) if (this.pairs[i] === first) found.push(this.pairs[i + 1] ?? 0)
    return found
  }
}
