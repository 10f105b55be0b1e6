// How many suggestions one client address may post in a window: a sliding window of timestamps per
// address, in memory (it ends with the server). Every post counts, refused ones too, so the PHI guard
// cannot be probed at speed.

export interface RateLimiter {
  /** Records an attempt; returns the seconds to wait when it is over the limit, else 0. */
  take(address: string, now?: number): number;
}

const MAX_ADDRESSES = 10_000;

export function createRateLimiter(args: { max: number; windowMs: number }): RateLimiter {
  const attempts = new Map<string, number[]>();
  return {
    take(address, now = Date.now()) {
      const recent = (attempts.get(address) ?? []).filter((at) => now - at < args.windowMs);
      if (recent.length >= args.max) {
        attempts.set(address, recent);
        return Math.max(1, Math.ceil(((recent[0] as number) + args.windowMs - now) / 1000));
      }
      recent.push(now);
      attempts.delete(address);
      attempts.set(address, recent);
      if (attempts.size > MAX_ADDRESSES) {
        const oldest = attempts.keys().next().value;
        if (oldest !== undefined) attempts.delete(oldest);
      }
      return 0;
    },
  };
}
