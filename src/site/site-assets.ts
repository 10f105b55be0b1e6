// The site's two shared files under assets/: the stylesheet (the article page's own CSS from the
// render stage, then the wiki chrome) and the search page's script.

const SITE_CSS = `
body.wiki { background: #fff; }
.wiki-header { border-bottom: 1px solid var(--line); background: var(--box); }
.wiki-header-inner { max-width: 64rem; margin: 0 auto; padding: .6rem 1.25rem; display: flex; flex-wrap: wrap; gap: .4rem 1.1rem; align-items: center; }
.wiki-name { font-family: Georgia, "Linux Libertine", "Times New Roman", serif; font-size: 1.35rem; color: var(--ink); text-decoration: none; }
.wiki-nav ul { display: flex; flex-wrap: wrap; gap: .2rem .8rem; list-style: none; margin: 0; padding: 0; font-size: .92rem; }
.wiki-search { margin-left: auto; display: flex; gap: .3rem; align-items: center; font-size: .92rem; }
.wiki-search label { position: absolute; left: -999px; }
.wiki-search input { padding: .3rem .5rem; border: 1px solid var(--line); border-radius: .2rem; width: 11rem; font: inherit; }
.wiki-search button { padding: .3rem .7rem; border: 1px solid var(--line); background: #fff; border-radius: .2rem; font: inherit; cursor: pointer; }
.breadcrumb { max-width: 64rem; margin: 0 auto; padding: .5rem 1.25rem 0; font-size: .9rem; color: var(--muted); }
.breadcrumb ol { list-style: none; margin: 0; padding: 0; }
.breadcrumb li { display: inline; }
.breadcrumb li + li::before { content: "›"; padding: 0 .45rem; color: var(--muted); }
.wiki-notice { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem .2rem; }
.wiki-notice .banner { margin-top: 0; }
.undecided-note { margin: 0 0 .6rem; padding: .5rem .9rem; background: var(--flag-bg); border: 1px solid var(--flag); color: var(--flag); font-size: .92rem; }
.wiki-main { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem 2rem; }
.wiki-main h1 { font-size: 2rem; }
.lede { color: var(--muted); }
.type-group h2 a { color: inherit; text-decoration: none; }
.type-group h2 a:hover { text-decoration: underline; }
.article-list { list-style: none; padding: 0; margin: 0; }
.article-list li { margin: 0 0 1rem; }
.article-link { font-size: 1.1rem; }
.article-meta, .count { color: var(--muted); font-size: .88rem; }
.article-excerpt { margin: .2rem 0 0; font-size: .95rem; }
.facet-values { columns: 2 18rem; }
.facet-label { color: var(--muted); }
.wiki-aside { max-width: 64rem; margin: 0 auto 2rem; padding: 0 1.25rem; font-size: .92rem; }
.wiki-aside > h2, .wiki-aside-inner > h2 { font-size: 1.2rem; }
.wiki-links { margin: .8rem auto 0; }
.wiki-links .wiki-aside-inner { background: var(--box); border: 1px solid var(--line); padding: .4rem .9rem; }
.wiki-links dl { margin: 0; }
.wiki-link-row { display: grid; grid-template-columns: 7.5rem 1fr; gap: .6rem; padding: .15rem 0; }
.wiki-links dt { font-weight: bold; }
.wiki-links dd { margin: 0; }
.wiki-links ul { display: inline; margin: 0; padding: 0; list-style: none; }
.wiki-links li { display: inline; }
.wiki-links li + li::before { content: " · "; color: var(--muted); }
.named-article { color: var(--muted); }
table.history { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.history caption { text-align: left; color: var(--muted); padding-bottom: .3rem; }
table.history th, table.history td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
table.history thead th { background: #eaecf0; }
table.history tr.shown { background: var(--warn-bg); }
.change-label { margin: .3rem 0 0; font-weight: bold; font-size: .9rem; }
.claims-added li::marker { content: "+ "; }
.claims-removed li::marker { content: "− "; }
.search-note { padding: .7rem 1rem; background: var(--warn-bg); border: 1px solid var(--warn-line); }
.wiki-footer { margin-top: 2rem; border-top: 1px solid var(--line); background: var(--box); font-size: .88rem; color: var(--muted); }
.wiki-footer-inner { max-width: 64rem; margin: 0 auto; padding: .6rem 1.25rem; }
@media print { .wiki-header, .wiki-aside, .breadcrumb, .wiki-search { display: none !important; } }
`;

export function siteStylesheet(articleCss: string): string {
  return `/* wikigen site: the article page's stylesheet, then the wiki chrome. */\n${articleCss.trim()}\n${SITE_CSS.trim()}\n`;
}

/**
 * Boots Pagefind's UI on search.html, with its bundle and result URLs resolved from this script's
 * own address, so the site works under any path. Pagefind loads its index and WebAssembly with
 * fetch(), which browsers refuse for file:// pages: there the page says so instead of failing
 * silently. A ?q= in the address (the header's search form) is searched at once.
 */
export const SEARCH_SCRIPT = `(function () {
  "use strict";
  var note = document.getElementById("search-note");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (window.location.protocol === "file:") {
    note.hidden = false;
    note.textContent = "Search needs the site served over http(s): its index is loaded with fetch() and WebAssembly, " +
      "which browsers block for pages opened from file://. Serve this folder with any static web server " +
      "(for example: python3 -m http.server, run inside it), or browse the articles by type and facet." +
      (query ? " You searched for: " + query : "");
    return;
  }
  if (typeof window.PagefindUI !== "function") {
    note.hidden = false;
    note.textContent = "The search index (pagefind/) is missing from this site; rebuild it with wikigen site.";
    return;
  }
  var script = document.currentScript;
  var root = new URL("../", script ? script.src : window.location.href);
  var ui = new window.PagefindUI({ element: "#search", bundlePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname, showImages: false, resetStyles: false, autofocus: !query });
  if (query) ui.triggerSearch(query);
})();
`;
