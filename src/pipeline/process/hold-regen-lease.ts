import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { acquireLease, releaseLease, renewLease, type LeaseRow } from "../../store/leases.ts";
import type { Store } from "../../store/open-store.ts";
import { isProcessAlive } from "./is-process-alive.ts";

// The regen lock: a lease row in the store. Held for the whole run and renewed in the background, so
// it outlives any single slow model call; it expires on its own if the holder dies without releasing
// it, and a holder on this host whose process is gone is replaced at once.

export const REGEN_LEASE_NAME = "regen";
/** Renewed every third of this; a crashed holder blocks other runs for at most this long. */
export const REGEN_LEASE_TTL_MS = 10 * 60_000;

export interface HeldLease {
  holder: string;
  /** True once a renewal found the lease taken by someone else (it had expired). */
  isLost(): boolean;
  release(): void;
}

export type LeaseAttempt = { isHeld: true; lease: HeldLease } | { isHeld: false; heldBy: LeaseRow };

export function tryHoldRegenLease(db: Store, options: { ttlMs?: number; now?: () => Date } = {}): LeaseAttempt {
  const ttlMs = options.ttlMs ?? REGEN_LEASE_TTL_MS;
  const now = options.now ?? (() => new Date());
  const host = hostname();
  const holder = `${host}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const outcome = acquireLease(db, {
    name: REGEN_LEASE_NAME,
    holder,
    pid: process.pid,
    host,
    ttlMs,
    now: now(),
    isHolderGone: (lease) => lease.host === host && !isProcessAlive(lease.pid),
  });
  if (!outcome.isAcquired) return { isHeld: false, heldBy: outcome.heldBy };
  let isLost = false;
  const timer = setInterval(() => {
    if (!renewLease(db, { name: REGEN_LEASE_NAME, holder, ttlMs, now: now() })) isLost = true;
  }, Math.max(1, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    isHeld: true,
    lease: {
      holder,
      isLost: () => isLost,
      release: () => {
        clearInterval(timer);
        releaseLease(db, { name: REGEN_LEASE_NAME, holder });
      },
    },
  };
}

/** The message an overlapping run prints before it exits. */
export function describeHeldLease(lease: LeaseRow): string {
  return `another regen is running (pid ${lease.pid} on ${lease.host}, since ${lease.acquired_at}; its lock expires at ${lease.expires_at} unless renewed): nothing done`;
}
