import { finishArticleVersion } from "../../store/articles.ts";
import type { Store } from "../../store/open-store.ts";
import type { ArticleSummary, SectionSummary } from "../generate/generate-article.ts";
import type { PreparedArticle } from "../generate/prepare-article.ts";

/**
 * Closes an article version once its sections are stored: totals from the stored rows (a resumed
 * version includes the sections of the run that started it), and its status. A version with
 * sections left by the cost cap stays 'interrupted', so the next generate run resumes it.
 */
export function finishArticle(args: { db: Store; prepared: PreparedArticle; sections: SectionSummary[]; left: string[] }): ArticleSummary {
  const { db, prepared, sections, left } = args;
  const id = prepared.articleVersionId;
  const totals = db
    .prepare(
      `SELECT COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output, COALESCE(SUM(cache_read_tokens), 0) AS cacheRead,
         COALESCE(SUM(cache_write_tokens), 0) AS cacheWrite, COALESCE(SUM(cost_usd), 0) AS cost FROM sections WHERE article_version_id = ?`,
    )
    .get(id) as { input: number; output: number; cacheRead: number; cacheWrite: number; cost: number };
  const modelReported = (
    db.prepare(`SELECT model_reported FROM sections WHERE article_version_id = ? AND model_reported IS NOT NULL ORDER BY position DESC LIMIT 1`).get(id) as
      | { model_reported: string }
      | undefined
  )?.model_reported;
  const failed = sections.filter((section) => section.status === "failed").length;
  const total = sections.length + left.length;
  const status = left.length > 0 ? "interrupted" : failed === 0 ? "done" : failed === sections.length ? "failed" : "partial";
  const error =
    left.length > 0
      ? `${left.length} of ${total} sections not drafted in this run (cost cap); the next generate run finishes them`
      : failed > 0
        ? `${failed} of ${sections.length} sections failed`
        : null;
  finishArticleVersion(db, { id, status, modelReported: modelReported ?? null, error, now: new Date() });
  return {
    slug: prepared.spec.slug,
    version: prepared.version,
    articleVersionId: id,
    status,
    sections,
    sectionsLeft: left,
    isResumed: prepared.isResumed,
    failedSources: prepared.sourceTexts.filter((source) => source.text === null).length,
    inputTokens: totals.input,
    outputTokens: totals.output,
    cacheReadTokens: totals.cacheRead,
    cacheWriteTokens: totals.cacheWrite,
    costUsd: totals.cost,
  };
}
