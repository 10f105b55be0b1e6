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
  /**
   * JSON: for replace_citation {source, quote, text_sha256, verdict}, for edit {text, verdict}, where
   * verdict is the verdicts-row shape of the re-verification that let the decision count; {} otherwise.
   */
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

export type DecisionOutcome =
  | { kind: "stored"; review: ReviewRow }
  /** The flag no longer exists in the newest version, or was decided meanwhile: nothing was written. */
  | { kind: "conflict"; message: string }
  | { kind: "not_found"; message: string };

export interface DecisionRequest {
  claimId: number;
  /** What the deciding page (or command) saw: the claim's article version and the key's decision count. */
  seenArticleVersionId: number;
  seenDecisionCount: number;
  reviewer: string;
  decision: ReviewDecision;
  note: string | null;
  payload: string;
  now: Date;
}

/**
 * Checks that the flag is still open exactly as the reviewer saw it and records the decision, in one
 * IMMEDIATE transaction: the write lock is taken before the check, so a second reviewer (another
 * request, another process) cannot slip a decision in between and neither decision is overwritten.
 */
export function recordDecision(db: Store, request: DecisionRequest): DecisionOutcome {
  const run = db.transaction((): DecisionOutcome => {
    const claim = db
      .prepare(
        `SELECT c.claim_key, s.article_version_id, av.slug, av.version,
           (SELECT MAX(version) FROM article_versions x WHERE x.slug = av.slug) AS newest_version,
           (SELECT is_flagged FROM verdicts v WHERE v.claim_id = c.id AND v.citation_id IS NULL ORDER BY v.id DESC LIMIT 1) AS is_flagged
         FROM claims c JOIN sections s ON s.id = c.section_row_id JOIN article_versions av ON av.id = s.article_version_id
         WHERE c.id = ?`,
      )
      .get(request.claimId) as
      | { claim_key: string; article_version_id: number; slug: string; version: number; newest_version: number; is_flagged: number | null }
      | undefined;
    if (!claim) return { kind: "not_found", message: `flag ${request.claimId} does not exist` };
    if (claim.version !== claim.newest_version || claim.article_version_id !== request.seenArticleVersionId) {
      return {
        kind: "conflict",
        message: `flag ${request.claimId} is from ${claim.slug} v${claim.version}, but v${claim.newest_version} is now the newest version; it is no longer in the queue (reload to see the current flags)`,
      };
    }
    if (claim.is_flagged !== 1) return { kind: "conflict", message: `claim ${request.claimId} is not flagged (any more); nothing to decide` };
    const earlier = db.prepare(`SELECT * FROM reviews WHERE claim_key = ? ORDER BY id`).all(claim.claim_key) as ReviewRow[];
    if (earlier.length !== request.seenDecisionCount) {
      const last = earlier[earlier.length - 1];
      const what = last ? `${last.decision} by ${last.reviewer} at ${last.decided_at}` : "a decision was withdrawn";
      return { kind: "conflict", message: `flag ${request.claimId} was decided meanwhile (${what}); your decision was not stored` };
    }
    const review: Omit<ReviewRow, "id"> = {
      claim_key: claim.claim_key,
      claim_id: request.claimId,
      article_version_id: claim.article_version_id,
      reviewer: request.reviewer,
      decided_at: request.now.toISOString(),
      decision: request.decision,
      note: request.note,
      payload: request.payload,
    };
    return { kind: "stored", review: { id: insertReview(db, review), ...review } };
  });
  return run.immediate();
}

/** The newest decision recorded on a claim row (for "flag #12: approved" notices). */
export function findReviewOfClaim(db: Store, claimId: number): ReviewRow | undefined {
  return db.prepare(`SELECT * FROM reviews WHERE claim_id = ? ORDER BY id DESC LIMIT 1`).get(claimId) as ReviewRow | undefined;
}
