import { listLatestFinishedVersions, listSectionVerifiers } from "../store/article-history.ts";
import type { ArticleVersionRow } from "../store/articles.ts";
import { loadArticle } from "../store/load-article.ts";
import type { Store } from "../store/open-store.ts";
import { listSections } from "../store/sections.ts";
import type { VersionSide } from "./diff-versions.ts";
import type { StoredArticleFingerprint } from "./fingerprints.ts";

/**
 * The fingerprints of each article's newest finished version (all articles, or the given slugs): a
 * newer one a run left half-written is no baseline (see FINISHED_VERSION_STATUSES).
 */
export function gatherStoredFingerprints(db: Store, slugs?: readonly string[]): StoredArticleFingerprint[] {
  return listLatestFinishedVersions(db, slugs).map((row) => gatherVersionFingerprint(db, row));
}

/** One stored version's fingerprints: also the "after" side when diffing two versions. */
export function gatherVersionFingerprint(db: Store, row: ArticleVersionRow): StoredArticleFingerprint {
  const verifiers = listSectionVerifiers(db, row.id);
  return {
    slug: row.slug,
    version: row.version,
    specVersion: row.spec_version,
    specHash: row.spec_hash,
    template: { id: row.template_id, version: row.template_version, hash: row.template_hash },
    systemPrompt: { version: row.system_prompt_version, hash: row.system_prompt_hash },
    pipelineVersion: row.pipeline_version,
    sections: listSections(db, row.id).map((section) => ({
      rowId: section.id,
      sectionId: section.section_id,
      status: section.status,
      error: section.error,
      prompt: { version: section.prompt_version, hash: section.prompt_hash },
      provider: section.provider,
      model: section.model_requested,
      verifiers: verifiers
        .filter((verifier) => verifier.section_row_id === section.id)
        .map((verifier) => ({ id: verifier.verifier_id, version: verifier.verifier_version })),
      snapshotHashes: JSON.parse(section.snapshot_hashes) as Record<string, string>,
    })),
  };
}

/** One stored version as `diffVersions` takes it; undefined when there is no such version. */
export function gatherVersionSide(db: Store, slug: string, version: number): VersionSide | undefined {
  const article = loadArticle(db, slug, version);
  if (!article) return undefined;
  return {
    fingerprint: gatherVersionFingerprint(db, article.version),
    sections: article.sections.map((section) => ({
      rowId: section.id,
      reusedFrom: section.reused_from,
      claims: section.claims.map((claim) => ({
        key: claim.claim_key,
        text: claim.text,
        basis: claim.basis,
        verdict: claim.verdict ? `${claim.verdict.verdict}${claim.verdict.is_flagged === 1 ? " (flagged)" : ""}` : null,
      })),
    })),
  };
}
