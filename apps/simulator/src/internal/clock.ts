/** Real time plus an offset that tests move forward instead of sleeping. */
export class SimClock {
  private offsetMs = 0
  private readonly listeners = new Set<() => void>()

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.offsetMs += ms
    for (const listener of this.listeners) listener()
  }

  /** Called after every advance, so timers keyed on simulated time can re-arm. */
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
