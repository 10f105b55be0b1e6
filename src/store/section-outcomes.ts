import type { Store } from "./open-store.ts";

// What each stored section of a version came to: status, claims by basis and the reasons of its
// flagged claims. Used for the sections an earlier run stored when a run resumes a version.

export interface StoredSectionOutcome {
  sectionId: string;
  status: "done" | "failed" | "not_drafted";
  error: string | undefined;
  claims: { source: number; llm: number; example: number };
  flags: string[];
  origin: "drafted" | "carried";
}

export function summarizeStoredSections(db: Store, articleVersionId: number): StoredSectionOutcome[] {
  const sections = db
    .prepare(`SELECT id, section_id, status, error, reused_from FROM sections WHERE article_version_id = ? ORDER BY position`)
    .all(articleVersionId) as { id: number; section_id: string; status: StoredSectionOutcome["status"]; error: string | null; reused_from: number | null }[];
  const claimCounts = db
    .prepare(
      `SELECT c.section_row_id AS row, c.basis, COUNT(*) AS n FROM claims c JOIN sections s ON s.id = c.section_row_id
       WHERE s.article_version_id = ? GROUP BY c.section_row_id, c.basis`,
    )
    .all(articleVersionId) as { row: number; basis: "source" | "llm" | "example"; n: number }[];
  // Claim-level verdicts only (citation_id NULL), newest per claim, as the pipeline reports them.
  const flags = db
    .prepare(
      `SELECT c.section_row_id AS row, v.reason FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN sections s ON s.id = c.section_row_id
       WHERE s.article_version_id = ? AND v.citation_id IS NULL AND v.is_flagged = 1
         AND v.id = (SELECT MAX(id) FROM verdicts latest WHERE latest.claim_id = v.claim_id AND latest.citation_id IS NULL)
       ORDER BY c.block_index, c.claim_index`,
    )
    .all(articleVersionId) as { row: number; reason: string }[];
  return sections.map((section) => {
    const claims = { source: 0, llm: 0, example: 0 };
    for (const count of claimCounts) if (count.row === section.id) claims[count.basis] = count.n;
    return {
      sectionId: section.section_id,
      status: section.status,
      error: section.error ?? undefined,
      claims,
      flags: flags.filter((flag) => flag.row === section.id).map((flag) => flag.reason),
      origin: section.reused_from === null ? "drafted" : "carried",
    };
  });
}

/** What a version's sections cost, added up from their rows (a resumed version includes earlier runs' sections). */
export interface VersionUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  /** The model the API reported for the last section that reported one. */
  modelReported: string | null;
}

export function sumVersionUsage(db: Store, articleVersionId: number): VersionUsage {
  const totals = db
    .prepare(
      `SELECT COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens, COALESCE(SUM(cache_read_tokens), 0) AS cacheReadTokens,
         COALESCE(SUM(cache_write_tokens), 0) AS cacheWriteTokens, COALESCE(SUM(cost_usd), 0) AS costUsd FROM sections WHERE article_version_id = ?`,
    )
    .get(articleVersionId) as Omit<VersionUsage, "modelReported">;
  const reported = db
    .prepare(`SELECT model_reported FROM sections WHERE article_version_id = ? AND model_reported IS NOT NULL ORDER BY position DESC LIMIT 1`)
    .get(articleVersionId) as { model_reported: string } | undefined;
  return { ...totals, modelReported: reported?.model_reported ?? null };
}
