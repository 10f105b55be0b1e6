// Failed logins counted per account name and per client address, in memory. After `maxFailures`
// failures within `windowMs`, that key is locked until the oldest of them leaves the window; while
// locked, even a right password is refused (else guessing would simply go on). A success clears the
// account's count, not the address's: one address guessing many names stays limited. The clock is
// injected, so tests move time instead of waiting.

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export type LoginGate = { kind: "open" } | { kind: "locked"; scope: "account" | "address"; retryAfterMs: number };

export interface LoginRateLimiter {
  check(account: string, address: string): LoginGate;
  recordFailure(account: string, address: string): void;
  recordSuccess(account: string): void;
}

// Bounds memory under a flood of invented names or addresses; the stalest key goes first.
const MAX_KEYS = 10_000;

export function createLoginRateLimiter(limits: LoginLimits, now: () => number = Date.now): LoginRateLimiter {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  const gate = (key: string, max: number, scope: "account" | "address"): LoginGate | undefined => {
    const times = recent(key);
    if (times.length < max) return undefined;
    const oldest = times[times.length - max] as number;
    return { kind: "locked", scope, retryAfterMs: Math.max(1, oldest + limits.windowMs - now()) };
  };

  const add = (key: string): void => {
    const times = recent(key);
    failures.delete(key);
    failures.set(key, [...times, now()]);
    if (failures.size > MAX_KEYS) {
      const stalest = failures.keys().next().value;
      if (stalest !== undefined) failures.delete(stalest);
    }
  };

  return {
    check(account, address) {
      return gate(`account:${account}`, limits.perAccount, "account") ?? gate(`address:${address}`, limits.perAddress, "address") ?? { kind: "open" };
    },
    recordFailure(account, address) {
      add(`account:${account}`);
      add(`address:${address}`);
    },
    recordSuccess(account) {
      failures.delete(`account:${account}`);
    },
  };
}

/** "Too many failed logins ...; try again in 12 minutes." */
export function describeLockout(gate: Extract<LoginGate, { kind: "locked" }>): string {
  const minutes = Math.ceil(gate.retryAfterMs / 60_000);
  const who = gate.scope === "account" ? "for this account" : "from your address";
  return `Too many failed logins ${who}; logins are locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. Nothing was checked.`;
}
