import type { Store } from "./open-store.ts";

// Named leases: at most one holder at a time, each lease expiring unless renewed. Acquiring runs in
// an IMMEDIATE transaction, so two processes asking at the same moment are serialized by SQLite's
// write lock (the busy timeout makes the second wait) and exactly one of them gets the lease.

export interface LeaseRow {
  name: string;
  /** Unique per acquisition: host, pid and a random part. */
  holder: string;
  pid: number;
  host: string;
  acquired_at: string;
  expires_at: string;
}

export type LeaseOutcome = { isAcquired: true; lease: LeaseRow } | { isAcquired: false; heldBy: LeaseRow };

export interface AcquireLeaseArgs {
  name: string;
  holder: string;
  pid: number;
  host: string;
  ttlMs: number;
  now: Date;
  /** Lets the caller free a lease whose holder is known to be dead (same host, process gone). */
  isHolderGone?: (lease: LeaseRow) => boolean;
}

export function acquireLease(db: Store, args: AcquireLeaseArgs): LeaseOutcome {
  const take = db.transaction((): LeaseOutcome => {
    const current = db.prepare(`SELECT * FROM leases WHERE name = ?`).get(args.name) as LeaseRow | undefined;
    const isLive = current !== undefined && Date.parse(current.expires_at) > args.now.getTime() && current.holder !== args.holder;
    if (current && isLive && !(args.isHolderGone?.(current) ?? false)) return { isAcquired: false, heldBy: current };
    const lease: LeaseRow = {
      name: args.name,
      holder: args.holder,
      pid: args.pid,
      host: args.host,
      acquired_at: args.now.toISOString(),
      expires_at: new Date(args.now.getTime() + args.ttlMs).toISOString(),
    };
    db.prepare(
      `INSERT INTO leases (name, holder, pid, host, acquired_at, expires_at) VALUES (@name, @holder, @pid, @host, @acquired_at, @expires_at)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host,
         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
    ).run(lease);
    return { isAcquired: true, lease };
  });
  return take.immediate();
}

/** Extends a lease still held by `holder`; false when it was lost (expired and taken by another). */
export function renewLease(db: Store, args: { name: string; holder: string; ttlMs: number; now: Date }): boolean {
  const result = db
    .prepare(`UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?`)
    .run(new Date(args.now.getTime() + args.ttlMs).toISOString(), args.name, args.holder);
  return result.changes === 1;
}

export function releaseLease(db: Store, args: { name: string; holder: string }): void {
  db.prepare(`DELETE FROM leases WHERE name = ? AND holder = ?`).run(args.name, args.holder);
}
