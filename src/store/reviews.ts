import type { Store } from "./open-store.ts";

export type ReviewDecision = "approve" | "reject" | "retag" | "replace_citation" | "edit";

export interface ReviewRow {
  id: number;
  claim_key: string;
  claim_id: number;
  article_version_id: number;
  reviewer: string;
  decided_at: string;
  decision: ReviewDecision;
  note: string | null;
  /** JSON: for replace_citation {source, quote}, for edit {text}; {} otherwise. */
  payload: string;
}

/** The newest decision for each claim key among the given keys. */
export function latestDecisions(db: Store, claimKeys: readonly string[]): Map<string, ReviewRow> {
  const decisions = new Map<string, ReviewRow>();
  if (claimKeys.length === 0) return decisions;
  const statement = db.prepare(`SELECT * FROM reviews WHERE claim_key = ? ORDER BY id DESC LIMIT 1`);
  for (const key of new Set(claimKeys)) {
    const row = statement.get(key) as ReviewRow | undefined;
    if (row) decisions.set(key, row);
  }
  return decisions;
}

export function insertReview(db: Store, review: Omit<ReviewRow, "id">): number {
  const result = db
    .prepare(
      `INSERT INTO reviews (claim_key, claim_id, article_version_id, reviewer, decided_at, decision, note, payload)
       VALUES (@claim_key, @claim_id, @article_version_id, @reviewer, @decided_at, @decision, @note, @payload)`,
    )
    .run(review);
  return Number(result.lastInsertRowid);
}
