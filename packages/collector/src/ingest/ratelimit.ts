/**
 * Per-address token buckets that count records, not requests: a kiosk
 * flushing 300 queued responses in three batches costs 300, the same as 300
 * people answering one by one, and a field office behind one address gets a
 * generous burst plus a steady refill instead of a fixed per-minute cap.
 */
export interface RateLimitOptions {
  /** Records an address may send at once (bucket size); at least one full batch. */
  burst: number;
  /** Records per second added back to each bucket. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly options: RateLimitOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) throw new RangeError('rate limit burst must be ≥ 1 and perSecond > 0');
  }

  /** Takes `cost` records from the address's bucket, or returns the seconds to wait first. */
  take(key: string, cost: number, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    const { burst, perSecond } = this.options;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (cost > burst) return { ok: false, retryAfter: Math.ceil(burst / perSecond) };
    if (b.tokens < cost) {
      this.buckets.set(key, b);
      return { ok: false, retryAfter: Math.max(1, Math.ceil((cost - b.tokens) / perSecond)) };
    }
    b.tokens -= cost;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.prune(now);
    return { ok: true };
  }

  /** Gives back records taken for a request that was then refused as a whole (a refused batch costs nothing). */
  giveBack(key: string, count: number): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.options.burst, b.tokens + count);
  }

  /** Forgets addresses whose buckets have refilled: they are indistinguishable from new ones. */
  private prune(now: number) {
    const { burst, perSecond } = this.options;
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
  }
}
