import { describe, expect, it } from "vitest";
import { acquireLease, releaseLease, renewLease } from "../src/store/leases.ts";
import { openStore } from "../src/store/open-store.ts";

// The regen lock: a lease row in SQLite, and its unit behaviour. Two real `wikigen regen` processes
// started together are in test/hostile/concurrent-regen.test.ts.

const T0 = new Date("2026-11-30T03:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("leases", () => {
  const lease = (holder: string, now: Date, isHolderGone?: () => boolean) =>
    acquireLease(db, { name: "regen", holder, pid: 100, host: "h", ttlMs: 1_000, now, ...(isHolderGone ? { isHolderGone } : {}) });
  const db = openStore(":memory:");

  it("grants a free lease, refuses a live one, and hands over an expired one", () => {
    expect(lease("a", at(0))).toMatchObject({ isAcquired: true, lease: { holder: "a", expires_at: at(1_000).toISOString() } });
    expect(lease("b", at(500))).toMatchObject({ isAcquired: false, heldBy: { holder: "a" } });
    expect(renewLease(db, { name: "regen", holder: "a", ttlMs: 1_000, now: at(900) })).toBe(true);
    expect(lease("b", at(1_500))).toMatchObject({ isAcquired: false, heldBy: { holder: "a", expires_at: at(1_900).toISOString() } });
    expect(lease("b", at(2_000))).toMatchObject({ isAcquired: true, lease: { holder: "b" } });
    // The old holder finds out on its next renewal.
    expect(renewLease(db, { name: "regen", holder: "a", ttlMs: 1_000, now: at(2_100) })).toBe(false);
  });

  it("hands over a live lease whose holder is known to be gone, and frees a released one", () => {
    expect(lease("c", at(2_100), () => true)).toMatchObject({ isAcquired: true, lease: { holder: "c" } });
    releaseLease(db, { name: "regen", holder: "someone else" });
    expect(lease("d", at(2_200))).toMatchObject({ isAcquired: false });
    releaseLease(db, { name: "regen", holder: "c" });
    expect(lease("d", at(2_200))).toMatchObject({ isAcquired: true });
  });
});
