import type { SiteOptions } from "./site-article.ts";
import { renderPage, renderSiteFooter } from "./site-html.ts";

// The search page (Pagefind's UI over the index under pagefind/) and the 404 page.

export const SEARCH_PATH = "search.html";

export function renderSearchPage(site: SiteOptions): string {
  const body = `<main id="content" class="wiki-main">
<h1>Search</h1>
<p id="search-note" class="search-note" role="status" hidden></p>
<div id="search" class="search-box"></div>
<noscript><p class="search-note">Search runs in the browser and needs JavaScript. Browse the articles by type or facet instead.</p></noscript>
</main>
${renderSiteFooter("", site)}`;
  return renderPage({
    path: SEARCH_PATH,
    title: "Search",
    site,
    body,
    head: `<link rel="stylesheet" href="pagefind/pagefind-ui.css">\n`,
    scripts: ["pagefind/pagefind-ui.js", "assets/search.js"],
  });
}

/**
 * A static host serves 404.html for a missing path at any depth, where relative links would point
 * nowhere; with --base-url the page carries a <base> so its links resolve from the site root.
 */
export function renderNotFoundPage(site: SiteOptions): string {
  const body = `<main id="content" class="wiki-main">
<h1>Page not found</h1>
<p>There is no page at this address. It may belong to an article that is no longer published.</p>
<p><a href="index.html">All articles</a> · <a href="${SEARCH_PATH}">Search</a></p>
</main>
${renderSiteFooter("", site)}`;
  return renderPage({ path: "404.html", title: "Page not found", site, body, ...(site.baseUrl ? { base: site.baseUrl } : {}) });
}
