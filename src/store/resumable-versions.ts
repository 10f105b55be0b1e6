import type { ArticleSourceRow, NewArticleVersion } from "./articles.ts";
import type { Store } from "./open-store.ts";

// Resuming after a crash: an article version left 'interrupted' by a generate run (killed, crashed,
// or stopped by --max-cost) is taken over by the next generate run whose fingerprints are the
// same, which drafts only the sections not yet stored.

/** The fields that must be equal for stored sections to belong to the version about to be written. */
const FINGERPRINT_FIELDS = [
  "spec_hash",
  "spec_version",
  "template_id",
  "template_version",
  "template_hash",
  "system_prompt_version",
  "system_prompt_hash",
  "provider",
  "model_requested",
  "effort",
  "verifier_id",
  "verifier_version",
  "pipeline_version",
] as const satisfies readonly (keyof NewArticleVersion)[];

/**
 * The newest version of the article, when it is interrupted, was started by `generate`, and has
 * the same fingerprints and source snapshots as the version about to be written.
 */
export function findResumableVersion(
  db: Store,
  args: { article: NewArticleVersion; sources: ArticleSourceRow[] },
): { id: number; version: number } | undefined {
  const newest = db
    .prepare(
      `SELECT av.*, r.command AS run_command FROM article_versions av JOIN runs r ON r.id = av.run_id
       WHERE av.slug = ? ORDER BY av.version DESC LIMIT 1`,
    )
    .get(args.article.slug) as (Record<string, unknown> & { id: number; version: number; status: string; run_command: string }) | undefined;
  if (!newest || newest.status !== "interrupted" || !newest.run_command.startsWith("generate")) return undefined;
  if (FINGERPRINT_FIELDS.some((field) => newest[field] !== args.article[field])) return undefined;
  const stored = db.prepare(`SELECT source_number, text_sha256 FROM article_sources WHERE article_version_id = ?`).all(newest.id) as {
    source_number: number;
    text_sha256: string | null;
  }[];
  const current = new Map(args.sources.map((source) => [source.source_number, source.text_sha256]));
  if (stored.length !== current.size || stored.some((row) => current.get(row.source_number) !== row.text_sha256)) return undefined;
  return { id: newest.id, version: newest.version };
}

/** Takes an interrupted version over for this run; false when another run took it first. */
export function claimInterruptedVersion(db: Store, args: { id: number; runId: number; now: Date }): boolean {
  return db.transaction(() => {
    const changed = db
      .prepare(`UPDATE article_versions SET status = 'running', error = NULL, finished_at = NULL WHERE id = ? AND status = 'interrupted'`)
      .run(args.id).changes;
    if (changed !== 1) return false;
    db.prepare(`INSERT INTO run_resumptions (run_id, article_version_id, resumed_at) VALUES (?, ?, ?)`).run(args.runId, args.id, args.now.toISOString());
    return true;
  }).immediate();
}

export function storedSectionIds(db: Store, articleVersionId: number): Set<string> {
  const rows = db.prepare(`SELECT section_id FROM sections WHERE article_version_id = ?`).all(articleVersionId) as { section_id: string }[];
  return new Set(rows.map((row) => row.section_id));
}
