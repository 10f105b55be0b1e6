import { facetIndexPath, FACETS, sortArticles, type FacetIndex, type FacetValue } from "./facets.ts";
import type { SiteArticle, SiteOptions } from "./site-article.ts";
import { escapeHtml, renderPage, renderSiteFooter, rootOf } from "./site-html.ts";

// The pages that list articles: home (grouped by type), and per facet an index of its values and a
// page per value.

/** A summary cut at a word boundary for list entries. */
export function excerpt(text: string, limit = 220): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit / 2)).replace(/[,;:.\s]+$/, "")}…`;
}

export function articlePath(slug: string): string {
  return `articles/${slug}.html`;
}

export function historyPath(slug: string): string {
  return `history/${slug}.html`;
}

function renderArticleList(root: string, articles: SiteArticle[]): string {
  const items = sortArticles(articles).map(
    (article) =>
      `<li><a class="article-link" href="${root}${articlePath(article.slug)}">${escapeHtml(article.title)}</a>` +
      `<span class="article-meta"> · version ${article.version} · updated <time datetime="${escapeHtml(article.updatedAt)}">${escapeHtml(article.updatedAt.slice(0, 10))}</time></span>` +
      (article.summary ? `<p class="article-excerpt">${escapeHtml(excerpt(article.summary))}</p>` : "") +
      `</li>`,
  );
  return `<ul class="article-list">${items.join("\n")}</ul>`;
}

function renderBrowseBox(root: string, index: FacetIndex[], site: SiteOptions): string {
  const items = index
    .filter((entry) => entry.facet.id !== "subtype")
    .map((entry) => `<li><a href="${root}${facetIndexPath(entry.facet.id)}">${escapeHtml(entry.facet.label)}</a> <span class="count">(${entry.values.length})</span></li>`)
    .join("");
  return `<aside class="wiki-aside" aria-labelledby="h-browse"><h2 id="h-browse">Browse by</h2><ul>${items}</ul>${site.baseUrl ? `<p><a href="${root}feed.xml">Atom feed of new and updated articles</a></p>` : ""}</aside>`;
}

export function renderHomePage(articles: SiteArticle[], index: FacetIndex[], site: SiteOptions): string {
  const path = "index.html";
  const root = rootOf(path);
  const types = index.find((entry) => entry.facet.id === "type")?.values ?? [];
  const groups = types.map(
    (type) =>
      `<section class="type-group" aria-labelledby="type-${escapeHtml(type.file)}"><h2 id="type-${escapeHtml(type.file)}"><a href="${root}facets/type/${escapeHtml(type.file)}.html">${escapeHtml(type.value)}</a></h2>\n${renderArticleList(root, type.articles)}</section>`,
  );
  const count = `${articles.length} article${articles.length === 1 ? "" : "s"}`;
  const body = `<main id="content" class="wiki-main">
<h1>${escapeHtml(site.title)}</h1>
<p class="lede">${count}, drafted by a language model (or quoted from sources offline) and checked sentence by sentence against their cited sources; reviewer decisions applied. Grouped by type.</p>
${articles.length === 0 ? '<p class="empty">No article is published yet.</p>' : groups.join("\n")}
</main>
${renderBrowseBox(root, index, site)}
${renderSiteFooter(root, site)}`;
  return renderPage({ path, title: "All articles", site, body, bodyClass: "home" });
}

export function facetValuePagePath(facetId: string, value: FacetValue): string {
  return `facets/${facetId}/${value.file}.html`;
}

export function renderFacetIndexPage(entry: FacetIndex, site: SiteOptions): string {
  const path = facetIndexPath(entry.facet.id);
  const root = rootOf(path);
  const items = entry.values.map(
    (value) => `<li><a href="${root}${facetValuePagePath(entry.facet.id, value)}">${escapeHtml(value.value)}</a> <span class="count">(${value.articles.length})</span></li>`,
  );
  const others = FACETS.filter((facet) => facet.id !== entry.facet.id).map((facet) => `<li><a href="${root}${facetIndexPath(facet.id)}">${escapeHtml(facet.label)}</a></li>`);
  const body = `<main id="content" class="wiki-main">
<h1>${escapeHtml(entry.facet.label)}</h1>
${items.length === 0 ? `<p class="empty">No article names a ${escapeHtml(entry.facet.singular.toLowerCase())}.</p>` : `<ul class="facet-values">${items.join("\n")}</ul>`}
</main>
<aside class="wiki-aside" aria-labelledby="h-other-facets"><h2 id="h-other-facets">Other facets</h2><ul>${others.join("")}</ul></aside>
${renderSiteFooter(root, site)}`;
  return renderPage({ path, title: entry.facet.label, site, body, breadcrumb: [{ label: "Home", href: "index.html" }, { label: entry.facet.label, href: null }] });
}

export function renderFacetValuePage(entry: FacetIndex, value: FacetValue, site: SiteOptions): string {
  const path = facetValuePagePath(entry.facet.id, value);
  const root = rootOf(path);
  const body = `<main id="content" class="wiki-main">
<h1><span class="facet-label">${escapeHtml(entry.facet.singular)}:</span> ${escapeHtml(value.value)}</h1>
<p class="lede">${value.articles.length} article${value.articles.length === 1 ? "" : "s"}.</p>
${renderArticleList(root, value.articles)}
</main>
${renderSiteFooter(root, site)}`;
  return renderPage({
    path,
    title: `${entry.facet.singular}: ${value.value}`,
    site,
    body,
    breadcrumb: [
      { label: "Home", href: "index.html" },
      { label: entry.facet.label, href: facetIndexPath(entry.facet.id) },
      { label: value.value, href: null },
    ],
  });
}
