import type { Store } from "./open-store.ts";

// Every stored decision with the claim it was made on: the review desk's audit page and its JSONL
// and CSV exports read the same rows, oldest first, so an export matches the table row for row.

export interface DecisionAuditRow {
  review_id: number;
  decided_at: string;
  reviewer: string;
  decision: string;
  claim_id: number;
  claim_key: string;
  slug: string;
  version: number;
  section_id: string;
  claim_text: string;
  note: string | null;
  payload: string;
}

export function listDecisionAudit(db: Store): DecisionAuditRow[] {
  return db
    .prepare(
      `SELECT r.id AS review_id, r.decided_at, r.reviewer, r.decision, r.claim_id, r.claim_key,
         av.slug, av.version, s.section_id, c.text AS claim_text, r.note, r.payload
       FROM reviews r
       JOIN claims c ON c.id = r.claim_id
       JOIN sections s ON s.id = c.section_row_id
       JOIN article_versions av ON av.id = r.article_version_id
       ORDER BY r.id`,
    )
    .all() as DecisionAuditRow[];
}
