import type { Store } from "./open-store.ts";

// Comments on a flag (migration 7), keyed on the claim key like decisions, so the discussion of a
// claim follows it into later versions. A comment is resolved once, by whom and when.

export interface FlagCommentRow {
  id: number;
  claim_key: string;
  claim_id: number;
  author: string;
  body: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export function listFlagComments(db: Store, claimKey: string): FlagCommentRow[] {
  return db.prepare(`SELECT * FROM flag_comments WHERE claim_key = ? ORDER BY id`).all(claimKey) as FlagCommentRow[];
}

export function addFlagComment(db: Store, comment: { claimId: number; author: string; body: string; now: Date }): FlagCommentRow | undefined {
  const claim = db.prepare(`SELECT claim_key FROM claims WHERE id = ?`).get(comment.claimId) as { claim_key: string } | undefined;
  if (!claim) return undefined;
  const row = { claim_key: claim.claim_key, claim_id: comment.claimId, author: comment.author, body: comment.body, created_at: comment.now.toISOString() };
  const result = db
    .prepare(`INSERT INTO flag_comments (claim_key, claim_id, author, body, created_at) VALUES (@claim_key, @claim_id, @author, @body, @created_at)`)
    .run(row);
  return { id: Number(result.lastInsertRowid), ...row, resolved_by: null, resolved_at: null };
}

/** Resolves an open comment of the claim's key; false when there is no such open comment. */
export function resolveFlagComment(db: Store, args: { commentId: number; claimId: number; resolvedBy: string; now: Date }): boolean {
  return (
    db
      .prepare(
        `UPDATE flag_comments SET resolved_by = ?, resolved_at = ?
         WHERE id = ? AND resolved_at IS NULL AND claim_key = (SELECT claim_key FROM claims WHERE id = ?)`,
      )
      .run(args.resolvedBy, args.now.toISOString(), args.commentId, args.claimId).changes === 1
  );
}
