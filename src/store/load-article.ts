import { getArticleVersion, listArticleSources, type ArticleSourceRow, type ArticleVersionRow } from "./articles.ts";
import type { Store } from "./open-store.ts";
import { listSections, type StoredSection, type VerdictInput } from "./sections.ts";

// One article version with everything rendering needs, read in a single pass.

export interface StoredVerdict extends VerdictInput {
  id: number;
  claim_id: number;
  citation_id: number | null;
}

export interface StoredCitation {
  id: number;
  claim_id: number;
  citation_index: number;
  source_number: number;
  quote: string;
  raw_sha256: string | null;
  text_sha256: string | null;
  verdict: StoredVerdict | null;
}

export interface StoredClaim {
  id: number;
  section_row_id: number;
  block_index: number;
  block_kind: string;
  claim_index: number;
  text: string;
  basis: "source" | "llm" | "example";
  claim_key: string;
  /** 1: a sourced claim with the model's framing, rendered "N LLM" (migration 9). */
  elaborated: number;
  /** The verbatim part of an elaborated claim's text that its quote supports, else null. */
  sourced_text: string | null;
  citations: StoredCitation[];
  verdict: StoredVerdict | null;
}

export interface StoredArticle {
  version: ArticleVersionRow;
  sources: ArticleSourceRow[];
  sections: (StoredSection & { claims: StoredClaim[] })[];
}

export function loadArticle(db: Store, slug: string, version?: number): StoredArticle | undefined {
  const row = getArticleVersion(db, slug, version);
  if (!row) return undefined;
  const sections = listSections(db, row.id);
  const claims = db
    .prepare(
      `SELECT c.* FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE s.article_version_id = ? ORDER BY c.section_row_id, c.block_index, c.claim_index`,
    )
    .all(row.id) as Omit<StoredClaim, "citations" | "verdict">[];
  const citations = db
    .prepare(
      `SELECT ci.* FROM citations ci JOIN claims c ON c.id = ci.claim_id JOIN sections s ON s.id = c.section_row_id
       WHERE s.article_version_id = ? ORDER BY ci.claim_id, ci.citation_index`,
    )
    .all(row.id) as Omit<StoredCitation, "verdict">[];
  const verdicts = db
    .prepare(
      `SELECT v.* FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN sections s ON s.id = c.section_row_id
       WHERE s.article_version_id = ? ORDER BY v.id`,
    )
    .all(row.id) as StoredVerdict[];
  // The newest verdict wins: re-verification appends rows rather than rewriting history.
  const claimVerdicts = new Map<number, StoredVerdict>();
  const citationVerdicts = new Map<number, StoredVerdict>();
  for (const verdict of verdicts) {
    if (verdict.citation_id === null) claimVerdicts.set(verdict.claim_id, verdict);
    else citationVerdicts.set(verdict.citation_id, verdict);
  }
  const citationsByClaim = new Map<number, StoredCitation[]>();
  for (const citation of citations) {
    const list = citationsByClaim.get(citation.claim_id) ?? [];
    list.push({ ...citation, verdict: citationVerdicts.get(citation.id) ?? null });
    citationsByClaim.set(citation.claim_id, list);
  }
  const claimsBySection = new Map<number, StoredClaim[]>();
  for (const claim of claims) {
    const list = claimsBySection.get(claim.section_row_id) ?? [];
    list.push({ ...claim, citations: citationsByClaim.get(claim.id) ?? [], verdict: claimVerdicts.get(claim.id) ?? null });
    claimsBySection.set(claim.section_row_id, list);
  }
  return {
    version: row,
    sources: listArticleSources(db, row.id),
    sections: sections.map((section) => ({ ...section, claims: claimsBySection.get(section.id) ?? [] })),
  };
}
