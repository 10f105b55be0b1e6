import { describe, expect, it } from "vitest";
import { createLoginRateLimiter, describeLockout } from "./auth-rate-limit.ts";

const MINUTE = 60_000;

function limiterAt(start: number) {
  const clock = { now: start };
  const limiter = createLoginRateLimiter({ perAccount: 3, perAddress: 5, windowMs: 15 * MINUTE }, () => clock.now);
  return { clock, limiter };
}

describe("login rate limit", () => {
  it("locks an account after its failures within the window, until the oldest leaves it", () => {
    const { clock, limiter } = limiterAt(1_000_000);
    limiter.recordFailure("alice", "10.0.0.1");
    clock.now += MINUTE;
    limiter.recordFailure("alice", "10.0.0.2");
    expect(limiter.check("alice", "10.0.0.3")).toEqual({ kind: "open" });
    clock.now += MINUTE;
    limiter.recordFailure("alice", "10.0.0.3");
    // Locked for the account from any address; other accounts stay open.
    expect(limiter.check("alice", "10.0.0.9")).toEqual({ kind: "locked", scope: "account", retryAfterMs: 13 * MINUTE });
    expect(limiter.check("bob", "10.0.0.9")).toEqual({ kind: "open" });
    clock.now += 13 * MINUTE - 1;
    expect(limiter.check("alice", "10.0.0.9")).toEqual({ kind: "locked", scope: "account", retryAfterMs: 1 });
    clock.now += 1;
    expect(limiter.check("alice", "10.0.0.9")).toEqual({ kind: "open" });
  });

  it("locks an address guessing many names, and a success clears only the account", () => {
    const { clock, limiter } = limiterAt(0);
    for (const name of ["a", "b", "c", "d", "e"]) limiter.recordFailure(name, "192.0.2.7");
    expect(limiter.check("zoe", "192.0.2.7")).toEqual({ kind: "locked", scope: "address", retryAfterMs: 15 * MINUTE });
    expect(limiter.check("zoe", "192.0.2.8")).toEqual({ kind: "open" });
    limiter.recordFailure("carol", "198.51.100.1");
    limiter.recordFailure("carol", "198.51.100.1");
    limiter.recordSuccess("carol");
    limiter.recordFailure("carol", "198.51.100.1");
    expect(limiter.check("carol", "198.51.100.2")).toEqual({ kind: "open" });
    clock.now += 15 * MINUTE;
    expect(limiter.check("zoe", "192.0.2.7")).toEqual({ kind: "open" });
  });

  it("says how long the lockout lasts and for what", () => {
    expect(describeLockout({ kind: "locked", scope: "account", retryAfterMs: 12 * MINUTE + 1 })).toBe(
      "Too many failed logins for this account; logins are locked for 13 more minutes. Nothing was checked.",
    );
    expect(describeLockout({ kind: "locked", scope: "address", retryAfterMs: 30_000 })).toBe(
      "Too many failed logins from your address; logins are locked for 1 more minute. Nothing was checked.",
    );
  });
});
