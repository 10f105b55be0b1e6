import { facetValuePath, findNamedArticle, type FacetId, type FacetIndex } from "./facets.ts";
import { articlePath, historyPath } from "./render-listing-pages.ts";
import type { SiteArticle, SiteOptions } from "./site-article.ts";
import { escapeHtml, renderPage, rootOf, type Crumb } from "./site-html.ts";

// One article in the wiki: the site header and a breadcrumb (type › discipline › subtype, each a
// facet page), a box that links the article's facets to their pages and its key terms, key figures
// and problems to the other articles they name, then the published article body exactly as the
// render stage writes it.

export function renderArticleBreadcrumb(article: SiteArticle, index: FacetIndex[]): Crumb[] {
  const crumbs: Crumb[] = [{ label: "Home", href: "index.html" }];
  const typeHref = facetValuePath(index, "type", article.type);
  if (typeHref) crumbs.push({ label: article.type, href: typeHref });
  const disciplines = article.discipline.flatMap((value) => {
    const href = facetValuePath(index, "discipline", value);
    return href ? [{ label: value, href }] : [];
  });
  if (disciplines.length > 0) crumbs.push({ label: "Discipline", href: null, group: disciplines });
  const subtypeHref = article.subtype ? facetValuePath(index, "subtype", article.subtype) : undefined;
  if (article.subtype && subtypeHref) crumbs.push({ label: article.subtype, href: subtypeHref });
  return crumbs;
}

interface LinkedValue {
  value: string;
  facetHref: string | undefined;
  article: SiteArticle | undefined;
}

function linkValues(values: string[], facet: FacetId | null, article: SiteArticle, all: SiteArticle[], index: FacetIndex[]): LinkedValue[] {
  return values.map((value) => ({
    value,
    facetHref: facet ? facetValuePath(index, facet, value) : undefined,
    article: findNamedArticle(value, all, article.slug),
  }));
}

function renderLinkedRow(root: string, heading: string, items: LinkedValue[]): string {
  if (items.length === 0) return "";
  const entries = items.map((item) => {
    const label = item.facetHref ? `<a href="${root}${escapeHtml(item.facetHref)}">${escapeHtml(item.value)}</a>` : escapeHtml(item.value);
    const named = item.article ? ` <span class="named-article">(article: <a class="article-ref" href="${root}${articlePath(item.article.slug)}">${escapeHtml(item.article.title)}</a>)</span>` : "";
    return `<li>${label}${named}</li>`;
  });
  return `<div class="wiki-link-row"><dt>${escapeHtml(heading)}</dt><dd><ul>${entries.join("")}</ul></dd></div>`;
}

export function renderArticlePage(article: SiteArticle, all: SiteArticle[], index: FacetIndex[], site: SiteOptions): string {
  const path = articlePath(article.slug);
  const root = rootOf(path);
  // Key terms are not a facet: only those that name another article are worth a link.
  const keyTerms = linkValues(article.keyTerms, null, article, all, index).filter((item) => item.article !== undefined);
  const rows = [
    renderLinkedRow(root, "Populations", linkValues(article.populations, "populations", article, all, index)),
    renderLinkedRow(root, "Problems", linkValues(article.problems, "problems", article, all, index)),
    renderLinkedRow(root, "Key figures", linkValues(article.keyFigures, "key-figures", article, all, index)),
    renderLinkedRow(root, "Key terms", keyTerms),
  ].join("");
  const undecided =
    article.undecidedFlags > 0
      ? `<p class="undecided-note" role="note">Published with ${article.undecidedFlags} flagged sentence${article.undecidedFlags === 1 ? "" : "s"} that no reviewer has decided on yet (built with --allow-undecided); ${article.undecidedFlags === 1 ? "it is" : "they are"} marked "⚑ Flagged" below.</p>`
      : "";
  // Before the article, like a wiki's hatnote: the facets a reader follows, and the page's history.
  const aside = `<aside class="wiki-aside wiki-links" aria-label="In this wiki"><div class="wiki-aside-inner"><dl>
<div class="wiki-link-row"><dt>History</dt><dd><a href="${root}${historyPath(article.slug)}">Version history</a> <span class="count">(${article.history.length} version${article.history.length === 1 ? "" : "s"}; this is version ${article.version})</span></dd></div>
${rows}</dl></div></aside>`;
  const notice = `<div class="wiki-notice"><div class="banner" role="note"><strong>${escapeHtml(site.disclaimer.title)}</strong><p>${escapeHtml(site.disclaimer.detail)}</p></div>${undecided}</div>`;
  return renderPage({
    path,
    title: article.title,
    site,
    breadcrumb: renderArticleBreadcrumb(article, index),
    // How `wikigen serve --site` knows an article page, to add its "Suggest a revision" form.
    head: `<meta name="wikigen-article" content="${escapeHtml(article.slug)}">\n`,
    notice,
    body: `${aside}\n${article.mainHtml}\n${article.footerHtml}`,
    bodyClass: "article-page mode-publish",
  });
}
