import type { Store } from "./open-store.ts";
import type { ReviewDecision } from "./reviews.ts";

// The reviewer decisions as a labelled set (`wikigen eval --from-reviews`): the newest decision per
// claim key, with the claim the reviewer saw and each of its citations pointing at the very
// snapshot it recorded. Reading only; what a decision means as a label is decided by the caller.

export interface ReviewedCitation {
  source_number: number;
  quote: string;
  raw_sha256: string | null;
  text_sha256: string | null;
  /** The snapshot's extracted-text file (relative to the sources folder); null when no snapshot row has both hashes. */
  text_path: string | null;
}

export interface ReviewedClaim {
  review_id: number;
  claim_key: string;
  claim_id: number;
  decision: ReviewDecision;
  reviewer: string;
  decided_at: string;
  slug: string;
  version: number;
  section_id: string;
  text: string;
  basis: "source" | "llm" | "example";
  /** For an elaborated claim (migration 9), the verbatim part its quote supports; else null. */
  sourced_text: string | null;
  citations: ReviewedCitation[];
}

export interface ReviewedClaims {
  /** One per claim key, oldest key first (by its newest decision's id). */
  claims: ReviewedClaim[];
  /** Decisions replaced by a later one on the same claim key. */
  supersededCount: number;
}

/** The newest decision of every claim key (highest review id, as `latestDecisions` orders them). */
export function readReviewedClaims(db: Store): ReviewedClaims {
  const rows = db
    .prepare(
      `SELECT r.id AS review_id, r.claim_key, r.claim_id, r.decision, r.reviewer, r.decided_at,
         av.slug, av.version, s.section_id, c.text, c.basis, CASE WHEN c.elaborated = 1 THEN c.sourced_text END AS sourced_text
       FROM reviews r
       JOIN claims c ON c.id = r.claim_id
       JOIN sections s ON s.id = c.section_row_id
       JOIN article_versions av ON av.id = s.article_version_id
       WHERE r.id = (SELECT MAX(x.id) FROM reviews x WHERE x.claim_key = r.claim_key)
       ORDER BY r.id`,
    )
    .all() as Omit<ReviewedClaim, "citations">[];
  const citations = db.prepare(
    `SELECT ci.source_number, ci.quote, ci.raw_sha256, ci.text_sha256,
       (SELECT sn.text_path FROM snapshots sn WHERE sn.raw_sha256 = ci.raw_sha256 AND sn.text_sha256 = ci.text_sha256 LIMIT 1) AS text_path
     FROM citations ci WHERE ci.claim_id = ? ORDER BY ci.citation_index`,
  );
  const total = db.prepare(`SELECT COUNT(*) AS n FROM reviews`).get() as { n: number };
  return {
    claims: rows.map((row) => ({ ...row, citations: citations.all(row.claim_id) as ReviewedCitation[] })),
    supersededCount: total.n - rows.length,
  };
}
