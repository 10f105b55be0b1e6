import type { ArticleSourceRow, ArticleVersionRow } from "./articles.ts";
import { getArticleVersion, listArticleSources } from "./articles.ts";
import type { StoredCitation, StoredClaim, StoredVerdict } from "./load-article.ts";
import type { Store } from "./open-store.ts";
import type { ReviewRow } from "./reviews.ts";

// The review queue. A flag is a claim of the NEWEST version of its article whose newest claim-level
// verdict is flagged and whose claim key has no decision yet. Keying on the claim key (not the claim
// id) is what carries a decision over to later versions that contain the same claim; "newest
// version" is the same rule loadArticle and rendering use, so the queue matches what gets published.

export interface OpenFlag {
  /** The flag id is the claim id. */
  claim_id: number;
  claim_key: string;
  text: string;
  basis: StoredClaim["basis"];
  block_index: number;
  claim_index: number;
  section_id: string;
  section_title: string;
  section_position: number;
  slug: string;
  article_title: string;
  version: number;
  article_version_id: number;
  version_started_at: string;
  verdict: StoredVerdict["verdict"];
  score: number;
  reason: string;
  verifier_id: string;
  verifier_version: string;
  /** The account the flag's claim key is assigned to (flag_assignments), or null. */
  assignee: string | null;
}

const NEWEST_CLAIM_VERDICT = `v.id = (SELECT MAX(id) FROM verdicts WHERE claim_id = c.id AND citation_id IS NULL)`;

/** Open flags, newest article version first, then in reading order within the article. */
export function listOpenFlags(db: Store, filter: { slug?: string | undefined } = {}): OpenFlag[] {
  return db
    .prepare(
      `SELECT c.id AS claim_id, c.claim_key, c.text, c.basis, c.block_index, c.claim_index,
         s.section_id, s.title AS section_title, s.position AS section_position,
         av.slug, av.title AS article_title, av.version, av.id AS article_version_id, av.started_at AS version_started_at,
         v.verdict, v.score, v.reason, v.verifier_id, v.verifier_version, fa.assignee
       FROM article_versions av
       JOIN (SELECT slug, MAX(version) AS version FROM article_versions GROUP BY slug) newest
         ON newest.slug = av.slug AND newest.version = av.version
       JOIN sections s ON s.article_version_id = av.id
       JOIN claims c ON c.section_row_id = s.id
       JOIN verdicts v ON ${NEWEST_CLAIM_VERDICT}
       LEFT JOIN flag_assignments fa ON fa.claim_key = c.claim_key
       WHERE v.is_flagged = 1
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.claim_key = c.claim_key)
         AND (@slug IS NULL OR av.slug = @slug)
       ORDER BY av.started_at DESC, av.id DESC, s.position, c.block_index, c.claim_index`,
    )
    .all({ slug: filter.slug ?? null }) as OpenFlag[];
}

export interface FlagDetail {
  claim: StoredClaim;
  /** The other claims of the claim's block, in order, the claim itself included. */
  block: (Omit<StoredClaim, "citations" | "verdict"> & { is_flagged: boolean; source_numbers: number[] })[];
  section: { section_id: string; title: string; position: number };
  article: ArticleVersionRow;
  newestVersion: number;
  sources: ArticleSourceRow[];
  /** Every decision on the claim key, oldest first (any version). */
  decisions: ReviewRow[];
}

type ClaimRow = Omit<StoredClaim, "citations" | "verdict"> & { article_version_id: number; section_id: string; section_title: string; position: number };

/** One claim with what the flag page shows; undefined when no claim has that id. */
export function loadFlag(db: Store, claimId: number): FlagDetail | undefined {
  const row = db
    .prepare(
      `SELECT c.*, s.article_version_id, s.section_id, s.title AS section_title, s.position
       FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE c.id = ?`,
    )
    .get(claimId) as ClaimRow | undefined;
  if (!row) return undefined;
  const article = db.prepare(`SELECT * FROM article_versions WHERE id = ?`).get(row.article_version_id) as ArticleVersionRow;
  const newest = getArticleVersion(db, article.slug);
  const verdicts = db.prepare(`SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id`).all(claimId) as StoredVerdict[];
  const citationRows = db.prepare(`SELECT * FROM citations WHERE claim_id = ? ORDER BY citation_index`).all(claimId) as Omit<StoredCitation, "verdict">[];
  // Later rows win: re-verification appends verdicts instead of rewriting them.
  const byCitation = new Map<number | null, StoredVerdict>();
  for (const verdict of verdicts) byCitation.set(verdict.citation_id, verdict);
  const siblings = db
    .prepare(
      `SELECT c.*, (SELECT is_flagged FROM verdicts v WHERE ${NEWEST_CLAIM_VERDICT}) AS flagged,
         (SELECT group_concat(source_number) FROM (SELECT source_number FROM citations WHERE claim_id = c.id ORDER BY citation_index)) AS sources
       FROM claims c WHERE c.section_row_id = ? AND c.block_index = ? ORDER BY c.claim_index`,
    )
    .all(row.section_row_id, row.block_index) as (Omit<StoredClaim, "citations" | "verdict"> & { flagged: number | null; sources: string | null })[];
  const { article_version_id: _version, section_id, section_title, position, ...claim } = row;
  return {
    claim: {
      ...claim,
      citations: citationRows.map((citation) => ({ ...citation, verdict: byCitation.get(citation.id) ?? null })),
      verdict: byCitation.get(null) ?? null,
    },
    block: siblings.map(({ flagged, sources, ...sibling }) => ({
      ...sibling,
      is_flagged: flagged === 1,
      source_numbers: sources ? sources.split(",").map(Number) : [],
    })),
    section: { section_id, title: section_title, position },
    article,
    newestVersion: newest?.version ?? article.version,
    sources: listArticleSources(db, article.id),
    decisions: db.prepare(`SELECT * FROM reviews WHERE claim_key = ? ORDER BY id`).all(claim.claim_key) as ReviewRow[],
  };
}
