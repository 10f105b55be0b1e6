import { articlePath, historyPath } from "./render-listing-pages.ts";
import type { SiteArticle, SiteOptions, SiteVersion, SiteVersionChange } from "./site-article.ts";
import { escapeHtml, renderPage, renderSiteFooter, rootOf } from "./site-html.ts";

// An article's version history: every stored version with its date, model, trigger and status, and
// what changed from the version before (the claim-level diff `wikigen diff` prints), newest first.

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function summarizeChange(change: SiteVersionChange | null): string {
  if (!change) return "First version.";
  const { totals } = change;
  const changed = change.sections.length;
  if (changed === 0 && totals.verdictChanges === 0) return `No change from v${change.from}: every section carried over.`;
  return (
    `${plural(changed, "section")} changed since v${change.from}: ${totals.added} claim${totals.added === 1 ? "" : "s"} added, ${totals.removed} removed, ` +
    `${totals.reworded} reworded, ${plural(totals.verdictChanges, "verdict change")}.`
  );
}

function renderClaimList(label: string, className: string, claims: string[]): string {
  if (claims.length === 0) return "";
  return `<p class="change-label">${escapeHtml(label)}</p><ul class="${className}">${claims.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ul>`;
}

function renderChangeDetail(version: SiteVersion): string {
  const change = version.change;
  if (!change) return `<p>${escapeHtml(summarizeChange(null))}</p>`;
  const reasons = change.reasons.length > 0 ? `<p>Why: ${change.reasons.map(escapeHtml).join("; ")}</p>` : "";
  const sections = change.sections.map((section) => {
    const why = section.reasons.length > 0 ? ` <span class="note">(${section.reasons.map(escapeHtml).join("; ")})</span>` : "";
    return (
      `<li><strong>${escapeHtml(section.id)}</strong>: ${escapeHtml(section.change)}${why}` +
      renderClaimList("Added", "claims-added", section.added) +
      renderClaimList("Removed", "claims-removed", section.removed) +
      renderClaimList("Reworded", "claims-reworded", section.reworded.map((pair) => `${pair.before} → ${pair.after}`)) +
      renderClaimList("Verdict changed", "claims-verdict", section.verdictChanges) +
      `</li>`
    );
  });
  const unchanged = change.unchangedSections.length > 0 ? `<p class="note">Unchanged (carried over): ${change.unchangedSections.map(escapeHtml).join(", ")}</p>` : "";
  return `<p>${escapeHtml(summarizeChange(change))}</p>${reasons}${sections.length > 0 ? `<ul class="section-changes">${sections.join("")}</ul>` : ""}${unchanged}`;
}

export function renderHistoryPage(article: SiteArticle, site: SiteOptions): string {
  const path = historyPath(article.slug);
  const root = rootOf(path);
  const newestFirst = [...article.history].reverse();
  const rows = newestFirst.map(
    (version) =>
      `<tr${version.version === article.version ? ' class="shown"' : ""}><th scope="row"><a href="#v${version.version}">v${version.version}</a></th>` +
      `<td><time datetime="${escapeHtml(version.date)}">${escapeHtml(version.date.replace("T", " ").slice(0, 16))}</time></td>` +
      `<td>${escapeHtml(version.model)}</td><td>${escapeHtml(version.trigger)}</td><td>${escapeHtml(version.status)}</td>` +
      `<td>${version.claims} (${version.flagged} flagged)</td><td>${escapeHtml(summarizeChange(version.change))}</td></tr>`,
  );
  const details = newestFirst.map(
    (version) =>
      `<section class="version" aria-labelledby="v${version.version}"><h2 id="v${version.version}">Version ${version.version}${version.version === article.version ? " (on the wiki)" : ""}</h2>${renderChangeDetail(version)}</section>`,
  );
  const body = `<main id="content" class="wiki-main">
<h1>History of ${escapeHtml(article.title)}</h1>
<p class="lede"><a href="${root}${articlePath(article.slug)}">Back to the article</a> (version ${article.version} is on the wiki). Dates are UTC.</p>
<div class="table-wrap"><table class="history"><caption>Stored versions, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Model</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Claims</th><th scope="col">What changed</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
${details.join("\n")}
</main>
${renderSiteFooter(root, site)}`;
  return renderPage({
    path,
    title: `History: ${article.title}`,
    site,
    body,
    breadcrumb: [
      { label: "Home", href: "index.html" },
      { label: article.title, href: articlePath(article.slug) },
      { label: "History", href: null },
    ],
  });
}
