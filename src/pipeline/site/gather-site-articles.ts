import { countUndecidedFlags, type ArticleView } from "../../render/build-article-view.ts";
import { renderArticleBodyHtml } from "../../render/render-article-body.ts";
import { DISCLAIMER, DISCLAIMER_DETAIL } from "../../render/render-text.ts";
import { diffVersions, type VersionDiff } from "../../regen/diff-versions.ts";
import { gatherVersionSide } from "../../regen/gather-stored-fingerprints.ts";
import type { SiteArticle, SiteExclusion, SiteVersion, SiteVersionChange } from "../../site/site-article.ts";
import { listLatestFinishedVersions, listStoredSlugs, listVersionHistory, type VersionHistoryRow } from "../../store/article-history.ts";
import { getArticleVersion } from "../../store/articles.ts";
import { loadArticle } from "../../store/load-article.ts";
import type { Store } from "../../store/open-store.ts";
import { latestDecisions } from "../../store/reviews.ts";

// What the site shows of each stored article: its newest finished version rendered for publishing
// (reviewer decisions applied, by the render stage), its facets, and its history with what changed
// between versions (by the regen stage's diff). An article is left out, with the reason, when it has
// no finished version, or when that version has flagged claims without a decision (unless
// allowUndecided, which shows them flagged, as `wikigen render --publish --allow-undecided` does).

export const SITE_DISCLAIMER = { title: DISCLAIMER, detail: DISCLAIMER_DETAIL };

/** "Term: definition" (or an em/en dash) in the key-terms section: the term, when it is short. */
export function termOf(text: string): string | null {
  const match = /^(.{2,80}?)\s*(?::|\s[–—-]\s)/.exec(text.trim());
  return match?.[1]?.trim() ?? null;
}

function sectionTexts(view: ArticleView, id: string): string[] {
  return view.sections.filter((section) => section.id === id).flatMap((section) => section.blocks.flatMap((block) => block.claims.map((claim) => claim.text)));
}

function flattenDiff(diff: VersionDiff): SiteVersionChange {
  const changed = diff.sections.filter((section) => section.change !== "unchanged");
  const total = (pick: (section: VersionDiff["sections"][number]) => number) => diff.sections.reduce((sum, section) => sum + pick(section), 0);
  return {
    from: diff.from,
    reasons: diff.reasons,
    sections: changed.map((section) => ({
      id: section.sectionId,
      change: section.change,
      reasons: section.reasons,
      added: section.added.map((claim) => claim.text),
      removed: section.removed.map((claim) => claim.text),
      reworded: section.reworded.map((pair) => ({ before: pair.before.text, after: pair.after.text })),
      verdictChanges: section.verdictChanges.map((pair) => `${pair.after.text} (${pair.before.verdict ?? "-"} → ${pair.after.verdict ?? "-"})`),
    })),
    unchangedSections: diff.sections.filter((section) => section.change === "unchanged").map((section) => section.sectionId),
    totals: {
      added: total((section) => section.added.length),
      removed: total((section) => section.removed.length),
      reworded: total((section) => section.reworded.length),
      verdictChanges: total((section) => section.verdictChanges.length),
    },
  };
}

/** Every stored version, oldest first, each compared with the one before it. */
function gatherHistory(db: Store, slug: string): SiteVersion[] {
  const rows: VersionHistoryRow[] = listVersionHistory(db, slug);
  return rows.map((row, position) => {
    const previous = rows[position - 1];
    let change: SiteVersionChange | null = null;
    if (previous) {
      const before = gatherVersionSide(db, slug, previous.version);
      const after = gatherVersionSide(db, slug, row.version);
      if (before && after) change = flattenDiff(diffVersions(before, after));
    }
    return {
      version: row.version,
      date: row.finished_at ?? row.started_at,
      model: row.model_reported ?? row.model_requested,
      trigger: row.trigger,
      status: row.status,
      claims: row.claims,
      flagged: row.flagged,
      change,
    };
  });
}

export function gatherSiteArticles(db: Store, options: { allowUndecided: boolean }): { articles: SiteArticle[]; excluded: SiteExclusion[] } {
  const finished = new Map(listLatestFinishedVersions(db).map((row) => [row.slug, row]));
  const articles: SiteArticle[] = [];
  const excluded: SiteExclusion[] = [];
  for (const slug of listStoredSlugs(db)) {
    const row = finished.get(slug);
    if (!row) {
      const newest = getArticleVersion(db, slug);
      excluded.push({ slug, version: newest?.version ?? null, reason: `no finished version (v${newest?.version ?? "?"} is ${newest?.status ?? "missing"})` });
      continue;
    }
    const article = loadArticle(db, slug, row.version);
    if (!article) {
      // The version was listed a moment ago: only a concurrent delete gets here.
      excluded.push({ slug, version: row.version, reason: "the version could not be loaded from the store" });
      continue;
    }
    const decisions = latestDecisions(db, article.sections.flatMap((section) => section.claims.map((claim) => claim.claim_key)));
    const undecided = countUndecidedFlags(article, decisions);
    if (undecided > 0 && !options.allowUndecided) {
      excluded.push({
        slug,
        version: row.version,
        reason: `${undecided} flagged claim${undecided === 1 ? "" : "s"} without a review decision (decide with wikigen review or wikigen decide, or build with --allow-undecided)`,
      });
      continue;
    }
    // The site's page shell draws the breadcrumb with links to its facet pages (site/render-article-page.ts).
    const body = renderArticleBodyHtml(article, { mode: "publish", decisions, breadcrumb: "omit" });
    const { view } = body;
    const history = gatherHistory(db, slug);
    articles.push({
      slug,
      title: view.title,
      type: view.metadata?.type ?? article.version.template_id,
      subtype: view.metadata?.subtype ?? null,
      discipline: view.metadata?.discipline ?? [],
      populations: view.metadata?.populations ?? [],
      problems: view.metadata?.problems ?? [],
      keyFigures: view.metadata?.key_figures ?? [],
      keyTerms: sectionTexts(view, "key-terms").flatMap((text) => termOf(text) ?? []),
      summary: sectionTexts(view, "summary").join(" "),
      mainHtml: body.main,
      footerHtml: body.footer,
      version: row.version,
      updatedAt: row.finished_at ?? row.started_at,
      publishedAt: history[0]?.date ?? row.started_at,
      undecidedFlags: undecided,
      history,
    });
  }
  return { articles, excluded };
}
