/**
 * Says once per key per interval that something was refused: an operator learns why a page's
 * responses never arrive, and a page posting thousands of times cannot flood the log.
 */
export class OncePer {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    /** Keys remembered at most; past it the stale ones are forgotten. */
    private readonly maxKeys = 10_000,
  ) {}

  /** True when `key` was not let through in the last interval (and lets it through now). */
  take(key: string, now = Date.now()): boolean {
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.intervalMs) return false;
    this.last.set(key, now);
    if (this.last.size > this.maxKeys) for (const [k, t] of this.last) if (now - t >= this.intervalMs) this.last.delete(k);
    return true;
  }
}
