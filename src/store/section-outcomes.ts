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
