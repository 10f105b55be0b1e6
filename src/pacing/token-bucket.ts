// A token bucket: `level` units available, refilled continuously at `perMs` up to `capacity`.
// Pure functions over a plain record and an explicit clock, so the limiter built on it is tested
// without timers.
//
// A request may cost more than the capacity (one call's input tokens can exceed a second's worth of
// the per-minute limit): it is admitted once the bucket is full enough for min(cost, capacity) and
// the level goes negative, so later requests wait until the debt is refilled. The long-run rate is
// the limit either way.

export interface TokenBucket {
  capacity: number;
  /** Units added per millisecond. */
  perMs: number;
  level: number;
  /** When `level` was last brought up to date (ms, same clock as every `now`). */
  updatedAt: number;
}

export function createBucket(args: { perMinute: number; burstMs: number; now: number }): TokenBucket {
  const perMs = args.perMinute / 60_000;
  const capacity = Math.max(1, perMs * args.burstMs);
  return { capacity, perMs, level: capacity, updatedAt: args.now };
}

export function refill(bucket: TokenBucket, now: number): void {
  if (now <= bucket.updatedAt) return;
  bucket.level = Math.min(bucket.capacity, bucket.level + (now - bucket.updatedAt) * bucket.perMs);
  bucket.updatedAt = now;
}

/** Milliseconds until `cost` may be taken (0: now). */
export function waitFor(bucket: TokenBucket, cost: number, now: number): number {
  refill(bucket, now);
  const needed = Math.min(cost, bucket.capacity);
  if (bucket.level >= needed) return 0;
  return Math.ceil((needed - bucket.level) / bucket.perMs);
}

export function take(bucket: TokenBucket, cost: number, now: number): void {
  refill(bucket, now);
  bucket.level -= cost;
}

/** Returns units taken on an estimate that turned out too high (or, negative, takes the shortfall). */
export function give(bucket: TokenBucket, amount: number, now: number): void {
  refill(bucket, now);
  bucket.level = Math.min(bucket.capacity, bucket.level + amount);
}

/** Empties the bucket and holds it empty until `until`: after a pause, traffic resumes at the steady rate, not in a burst. */
export function drainUntil(bucket: TokenBucket, until: number): void {
  bucket.level = Math.min(bucket.level, 0);
  bucket.updatedAt = Math.max(bucket.updatedAt, until);
}

/**
 * Changes the bucket's rate from now on: the units already refilled stay (up to the new capacity),
 * so raising the rate does not grant a burst and lowering it takes back what the new capacity
 * cannot hold.
 */
export function setRate(bucket: TokenBucket, args: { perMinute: number; burstMs: number; now: number }): void {
  refill(bucket, args.now);
  bucket.perMs = args.perMinute / 60_000;
  bucket.capacity = Math.max(1, bucket.perMs * args.burstMs);
  bucket.level = Math.min(bucket.level, bucket.capacity);
}
