import type { Store } from "./open-store.ts";

export interface NewArticleVersion {
  run_id: number;
  slug: string;
  title: string;
  spec_file: string;
  spec_version: number;
  spec_hash: string;
  spec_json: string;
  template_id: string;
  template_version: number;
  template_hash: string;
  system_prompt_version: number;
  system_prompt_hash: string;
  provider: string;
  model_requested: string;
  api_version: string | null;
  sdk_version: string | null;
  effort: string | null;
  verifier_id: string;
  verifier_version: string;
  pipeline_version: string;
}

export interface ArticleSourceRow {
  source_number: number;
  url: string;
  title: string;
  tier: string;
  raw_sha256: string | null;
  text_sha256: string | null;
  extractor_id: string | null;
  extractor_version: string | null;
  fetched_at: string | null;
  error: string | null;
}

export interface ArticleVersionRow extends NewArticleVersion {
  id: number;
  version: number;
  model_reported: string | null;
  started_at: string;
  finished_at: string | null;
  status: "running" | "done" | "partial" | "failed" | "interrupted";
  error: string | null;
}

/** Creates the next version of an article with the sources it uses, in one transaction. */
export function createArticleVersion(db: Store, args: { article: NewArticleVersion; sources: ArticleSourceRow[]; now: Date }): { id: number; version: number } {
  return db.transaction(() => {
    const { next } = db.prepare(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM article_versions WHERE slug = ?`).get(args.article.slug) as { next: number };
    const result = db
      .prepare(
        `INSERT INTO article_versions (run_id, slug, version, title, spec_file, spec_version, spec_hash, spec_json, template_id, template_version,
           template_hash, system_prompt_version, system_prompt_hash, provider, model_requested, api_version, sdk_version, effort,
           verifier_id, verifier_version, pipeline_version, started_at, status)
         VALUES (@run_id, @slug, @version, @title, @spec_file, @spec_version, @spec_hash, @spec_json, @template_id, @template_version,
           @template_hash, @system_prompt_version, @system_prompt_hash, @provider, @model_requested, @api_version, @sdk_version, @effort,
           @verifier_id, @verifier_version, @pipeline_version, @started_at, 'running')`,
      )
      .run({ ...args.article, version: next, started_at: args.now.toISOString() });
    const id = Number(result.lastInsertRowid);
    const insertSource = db.prepare(
      `INSERT INTO article_sources (article_version_id, source_number, url, title, tier, raw_sha256, text_sha256, extractor_id, extractor_version, fetched_at, error)
       VALUES (@article_version_id, @source_number, @url, @title, @tier, @raw_sha256, @text_sha256, @extractor_id, @extractor_version, @fetched_at, @error)`,
    );
    for (const source of args.sources) insertSource.run({ ...source, article_version_id: id });
    return { id, version: next };
  })();
}

export function finishArticleVersion(
  db: Store,
  args: { id: number; status: ArticleVersionRow["status"]; modelReported: string | null; error: string | null; now: Date },
): void {
  db.prepare(`UPDATE article_versions SET status = ?, model_reported = ?, error = ?, finished_at = ? WHERE id = ?`).run(
    args.status,
    args.modelReported,
    args.error,
    args.now.toISOString(),
    args.id,
  );
}

export function getArticleVersion(db: Store, slug: string, version?: number): ArticleVersionRow | undefined {
  if (version !== undefined) {
    return db.prepare(`SELECT * FROM article_versions WHERE slug = ? AND version = ?`).get(slug, version) as ArticleVersionRow | undefined;
  }
  return db.prepare(`SELECT * FROM article_versions WHERE slug = ? ORDER BY version DESC LIMIT 1`).get(slug) as ArticleVersionRow | undefined;
}

export function listArticleSources(db: Store, articleVersionId: number): ArticleSourceRow[] {
  return db
    .prepare(`SELECT * FROM article_sources WHERE article_version_id = ? ORDER BY source_number`)
    .all(articleVersionId) as ArticleSourceRow[];
}

/** A run that stops on a fatal error leaves the versions it was writing interrupted (resumable), not running. */
export function interruptRunVersions(db: Store, runId: number): void {
  db.prepare(
    `UPDATE article_versions SET status = 'interrupted', error = 'the run writing it stopped on an error'
     WHERE status = 'running' AND (run_id = @runId OR id IN (SELECT article_version_id FROM run_resumptions WHERE run_id = @runId))`,
  ).run({ runId });
}
