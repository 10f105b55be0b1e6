import type { ArticleVersionRow } from "./articles.ts";
import type { Store } from "./open-store.ts";

// Read-only queries over article versions for planning, history and diff.

/**
 * The statuses of a version its run closed with every template section stored (finishArticle):
 * failed sections are rows with their error, which the plan redrafts, so a failed version is still a
 * baseline. 'running' (a live run writing it, or a dead one not marked yet) and 'interrupted' (killed,
 * crashed, or stopped by the cost cap) lack the sections their run never reached: planning against
 * one reports those as "not in vN" instead of the fingerprint change that made them stale, and a
 * live one changes under the plan.
 */
export const FINISHED_VERSION_STATUSES = ["done", "partial", "failed"] as const;

const FINISHED = `status IN (${FINISHED_VERSION_STATUSES.map((status) => `'${status}'`).join(", ")})`;

/** The newest finished version of every stored article (or of the given slugs), by slug. */
export function listLatestFinishedVersions(db: Store, slugs?: readonly string[]): ArticleVersionRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM article_versions av WHERE ${FINISHED}
         AND version = (SELECT MAX(version) FROM article_versions WHERE slug = av.slug AND ${FINISHED}) ORDER BY slug`,
    )
    .all() as ArticleVersionRow[];
  return filterSlugs(rows, slugs);
}

export interface UnfinishedVersion {
  slug: string;
  version: number;
  status: "running" | "interrupted";
  /** The run writing it: the one that took it over last, else the one that started it. */
  writer: { runId: number; pid: number | null; host: string | null };
}

/** Versions newer than their article's newest finished one (running or interrupted), oldest first. */
export function listUnfinishedNewestVersions(db: Store, slugs?: readonly string[]): UnfinishedVersion[] {
  const rows = db
    .prepare(
      `SELECT av.slug, av.version, av.status, r.id AS run_id, r.pid, r.host
       FROM article_versions av
       JOIN runs r ON r.id = COALESCE(
         (SELECT rr.run_id FROM run_resumptions rr WHERE rr.article_version_id = av.id ORDER BY rr.resumed_at DESC, rr.run_id DESC LIMIT 1), av.run_id)
       WHERE av.version > COALESCE((SELECT MAX(version) FROM article_versions WHERE slug = av.slug AND ${FINISHED}), 0)
       ORDER BY av.slug, av.version`,
    )
    .all() as { slug: string; version: number; status: UnfinishedVersion["status"]; run_id: number; pid: number | null; host: string | null }[];
  return filterSlugs(rows, slugs).map((row) => ({ slug: row.slug, version: row.version, status: row.status, writer: { runId: row.run_id, pid: row.pid, host: row.host } }));
}

function filterSlugs<T extends { slug: string }>(rows: T[], slugs: readonly string[] | undefined): T[] {
  if (!slugs) return rows;
  const wanted = new Set(slugs);
  return rows.filter((row) => wanted.has(row.slug));
}

/**
 * Distinct verifiers of the newest claim-level verdicts of sourced claims in each section of a version.
 * A model-written claim's verdict row, when it has one, is the evidence policy's, not a verifier's.
 */
export function listSectionVerifiers(db: Store, articleVersionId: number): { section_row_id: number; verifier_id: string; verifier_version: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT c.section_row_id, v.verifier_id, v.verifier_version
       FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN sections s ON s.id = c.section_row_id
       WHERE s.article_version_id = ? AND v.citation_id IS NULL AND c.basis = 'source'
         AND v.id = (SELECT MAX(id) FROM verdicts WHERE claim_id = v.claim_id AND citation_id IS NULL)
       ORDER BY c.section_row_id, v.verifier_id, v.verifier_version`,
    )
    .all(articleVersionId) as { section_row_id: number; verifier_id: string; verifier_version: string }[];
}

export interface VersionHistoryRow {
  version: number;
  status: string;
  started_at: string;
  finished_at: string | null;
  provider: string;
  model_requested: string;
  model_reported: string | null;
  verifier_id: string;
  verifier_version: string;
  trigger: string;
  run_id: number;
  sections: number;
  /** By status, as generate's summary counts them (carried sections included). */
  done: number;
  failed: number;
  not_drafted: number;
  /** Sections copied (or re-verified) from an earlier version rather than made by this one. */
  carried: number;
  /** Sections this version asked the model for: neither carried nor left not drafted. */
  drafted: number;
  claims: number;
  sourced: number;
  flagged: number;
  cost_usd: number;
}

/** Every version of an article, oldest first, with section and claim counts. */
export function listVersionHistory(db: Store, slug: string): VersionHistoryRow[] {
  return db
    .prepare(
      `SELECT av.version, av.status, av.started_at, av.finished_at, av.provider, av.model_requested, av.model_reported,
         av.verifier_id, av.verifier_version, r.trigger, av.run_id,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id) AS sections,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id AND s.status = 'done') AS done,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id AND s.status = 'failed') AS failed,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id AND s.status = 'not_drafted') AS not_drafted,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id AND s.reused_from IS NOT NULL) AS carried,
         (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id AND s.reused_from IS NULL AND s.status <> 'not_drafted') AS drafted,
         (SELECT COUNT(*) FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE s.article_version_id = av.id) AS claims,
         (SELECT COUNT(*) FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE s.article_version_id = av.id AND c.basis = 'source') AS sourced,
         (SELECT COUNT(*) FROM claims c JOIN sections s ON s.id = c.section_row_id
            WHERE s.article_version_id = av.id
              AND (SELECT is_flagged FROM verdicts v WHERE v.claim_id = c.id AND v.citation_id IS NULL ORDER BY v.id DESC LIMIT 1) = 1) AS flagged,
         (SELECT COALESCE(SUM(cost_usd), 0) FROM sections s WHERE s.article_version_id = av.id) AS cost_usd
       FROM article_versions av JOIN runs r ON r.id = av.run_id
       WHERE av.slug = ? ORDER BY av.version`,
    )
    .all(slug) as VersionHistoryRow[];
}

/** Every article with at least one stored version, by slug. */
export function listStoredSlugs(db: Store): string[] {
  return (db.prepare(`SELECT DISTINCT slug FROM article_versions ORDER BY slug`).all() as { slug: string }[]).map((row) => row.slug);
}
