import type { SimClock } from "./clock.js"

interface Job {
  readonly dueAt: number
  readonly order: number
  readonly run: () => void
}

const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Runs jobs at simulated times with a single real timer armed for the earliest one; moving the
 * clock re-arms it, so jobs due "in two hours" run as soon as a test advances the clock.
 */
export class Scheduler {
  private heap: Array<Job> = []
  private order = 0
  private timer: NodeJS.Timeout | null = null
  private armedFor = Number.POSITIVE_INFINITY
  private stopped = false
  private readonly detach: () => void

  constructor(private readonly clock: SimClock) {
    this.detach = clock.onAdvance(() => this.rearm(true))
  }

  get pending(): number {
    return this.heap.length
  }

  at(dueAt: number, run: () => void): void {
    if (this.stopped) return
    this.push({ dueAt, order: this.order++, run })
    if (dueAt < this.armedFor) this.rearm(false)
  }

  clear(): void {
    this.heap = []
    this.rearm(true)
  }

  stop(): void {
    this.stopped = true
    this.heap = []
    this.detach()
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private rearm(force: boolean): void {
    const next = this.heap[0]
    if (!force && next !== undefined && next.dueAt >= this.armedFor) return
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = Number.POSITIVE_INFINITY
    if (next === undefined || this.stopped) return
    const delay = Math.min(Math.max(0, next.dueAt - this.clock.now()), MAX_TIMER_MS)
    this.armedFor = next.dueAt
    this.timer = setTimeout(() => this.runDue(), delay)
    this.timer.unref()
  }

  private runDue(): void {
    this.timer = null
    this.armedFor = Number.POSITIVE_INFINITY
    const now = this.clock.now()
    let job = this.heap[0]
    while (job !== undefined && job.dueAt <= now && !this.stopped) {
      this.pop()
      job.run()
      job = this.heap[0]
    }
    this.rearm(true)
  }

  private less(a: Job, b: Job): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order)
  }

  private push(job: Job): void {
    const heap = this.heap
    heap.push(job)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]
      if (p === undefined || !this.less(job, p)) break
      heap[i] = p
      i = parent
    }
    heap[i] = job
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()
    if (last === undefined || heap.length === 0) return
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = last
      let target = i
      const l = heap[left]
      const r = heap[right]
      if (l !== undefined && this.less(l, smallest)) {
        smallest = l
        target = left
      }
      if (r !== undefined && this.less(r, smallest)) {
        smallest = r
        target = right
      }
      if (target === i) break
      heap[i] = smallest
      i = target
    }
    heap[i] = last
  }
}
