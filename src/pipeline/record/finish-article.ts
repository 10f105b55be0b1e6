import { finishArticleVersion } from "../../store/articles.ts";
import type { Store } from "../../store/open-store.ts";
import { sumVersionUsage } from "../../store/section-outcomes.ts";
import type { PreparedArticle } from "../generate/prepare-article.ts";
import type { ArticleSummary, SectionSummary } from "../job-types.ts";

/**
 * Closes an article version once its sections are stored: totals from the stored rows (a resumed
 * version includes the sections of the run that started it), and its status. A version with
 * sections left (by the cost cap, or in a batch that could not be collected) stays 'interrupted', so the next generate run resumes it.
 */
export function finishArticle(args: { db: Store; prepared: PreparedArticle; sections: SectionSummary[]; left: string[] }): ArticleSummary {
  const { db, prepared, sections, left } = args;
  const id = prepared.articleVersionId;
  const totals = sumVersionUsage(db, id);
  const failed = sections.filter((section) => section.status === "failed").length;
  const total = sections.length + left.length;
  const status = left.length > 0 ? "interrupted" : failed === 0 ? "done" : failed === sections.length ? "failed" : "partial";
  const error =
    left.length > 0
      ? `${left.length} of ${total} sections not drafted in this run (cost cap, or a batch that could not be collected); the next generate run finishes them`
      : failed > 0
        ? `${failed} of ${sections.length} sections failed`
        : null;
  finishArticleVersion(db, { id, status, modelReported: totals.modelReported, error, now: new Date() });
  return {
    slug: prepared.spec.slug,
    version: prepared.version,
    articleVersionId: id,
    status,
    sections,
    sectionsLeft: left,
    isResumed: prepared.isResumed,
    failedSources: prepared.sourceTexts.filter((source) => source.text === null).length,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cacheReadTokens: totals.cacheReadTokens,
    cacheWriteTokens: totals.cacheWriteTokens,
    costUsd: totals.costUsd,
  };
}
