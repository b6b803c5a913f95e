interface Bucket {
  tokens: number
  updatedAt: number
}

/** Token bucket per client: `rps` tokens per second, at most `burst` stored. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  /** 0 when the request may pass, else the seconds to wait (≥ 1). */
  take(clientId: string, rps: number, burst: number, nowMs: number): number {
    const bucket = this.buckets.get(clientId) ?? { tokens: burst, updatedAt: nowMs }
    const elapsed = Math.max(0, nowMs - bucket.updatedAt) / 1000
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * rps)
    bucket.updatedAt = nowMs
    this.buckets.set(clientId, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rps))
  }

  clear(): void {
    this.buckets.clear()
  }
}
