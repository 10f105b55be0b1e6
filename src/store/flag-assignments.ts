import type { Store } from "./open-store.ts";

// Who a flag is assigned to (migration 7): one assignee per claim key, replaced by a new assignment
// and removed by unassigning. The queue reads it with each open flag (listOpenFlags).

export interface FlagAssignmentRow {
  claim_key: string;
  claim_id: number;
  assignee: string;
  assigned_by: string;
  assigned_at: string;
}

export function findFlagAssignment(db: Store, claimKey: string): FlagAssignmentRow | undefined {
  return db.prepare(`SELECT * FROM flag_assignments WHERE claim_key = ?`).get(claimKey) as FlagAssignmentRow | undefined;
}

/** Assigns the claim's key to `assignee`, or unassigns it when `assignee` is null; false when the claim does not exist. */
export function assignFlag(db: Store, args: { claimId: number; assignee: string | null; assignedBy: string; now: Date }): boolean {
  const claim = db.prepare(`SELECT claim_key FROM claims WHERE id = ?`).get(args.claimId) as { claim_key: string } | undefined;
  if (!claim) return false;
  if (args.assignee === null) {
    db.prepare(`DELETE FROM flag_assignments WHERE claim_key = ?`).run(claim.claim_key);
    return true;
  }
  db.prepare(
    `INSERT INTO flag_assignments (claim_key, claim_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (claim_key) DO UPDATE SET claim_id = excluded.claim_id, assignee = excluded.assignee, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at`,
  ).run(claim.claim_key, args.claimId, args.assignee, args.assignedBy, args.now.toISOString());
  return true;
}
