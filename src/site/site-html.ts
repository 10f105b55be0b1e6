import { facetIndexPath, FACETS } from "./facets.ts";
import type { SiteOptions } from "./site-article.ts";

// The shell every site page shares: the wiki header (name, browse links, search form), an optional
// breadcrumb, the page's own landmarks, and a footer. Every link is relative to the page, so the
// folder works from file:// and under any path of any static host; nothing loads from elsewhere
// (an empty icon, so browsers do not ask the host for a /favicon.ico the site does not have).

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The prefix from a page to the site root: "" for index.html, "../" for articles/x.html. */
export function rootOf(pagePath: string): string {
  return "../".repeat(pagePath.split("/").length - 1);
}

export interface Crumb {
  label: string;
  /** Path from the site root; null for the current page (not a link). */
  href: string | null;
  /** Several links at one level (an article's disciplines). */
  group?: { label: string; href: string }[];
}

export interface PageArgs {
  /** Where the page is written, from the site root. */
  path: string;
  title: string;
  site: SiteOptions;
  breadcrumb?: Crumb[];
  /** The page's <main> (and anything after it, before the site footer). */
  body: string;
  /** Shown inside the header below the wiki's name (an article's disclaimer). */
  notice?: string;
  /** Extra tags for <head>, with paths already relative to the page. */
  head?: string;
  /** <base href> for a page served at paths other than its own (404.html under --base-url). */
  base?: string;
  bodyClass?: string;
  /** Scripts at the end of <body>, paths relative to the site root. */
  scripts?: string[];
}

function link(root: string, href: string, label: string): string {
  return `<a href="${escapeHtml(root + href)}">${escapeHtml(label)}</a>`;
}

function renderBreadcrumb(root: string, crumbs: Crumb[]): string {
  const items = crumbs.map((crumb) => {
    if (crumb.group) return `<li>${crumb.group.map((item) => link(root, item.href, item.label)).join('<span class="crumb-sep">, </span>')}</li>`;
    return crumb.href === null ? `<li aria-current="page">${escapeHtml(crumb.label)}</li>` : `<li>${link(root, crumb.href, crumb.label)}</li>`;
  });
  return `<nav class="breadcrumb" aria-label="Breadcrumb"><ol>${items.join("")}</ol></nav>`;
}

export function renderPage(args: PageArgs): string {
  const root = args.base === undefined ? rootOf(args.path) : "";
  const browse = FACETS.filter((facet) => facet.id !== "subtype")
    .map((facet) => `<li>${link(root, facetIndexPath(facet.id), facet.label)}</li>`)
    .join("");
  const scripts = (args.scripts ?? []).map((script) => `<script src="${escapeHtml(root + script)}"></script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${args.base === undefined ? "" : `<base href="${escapeHtml(args.base)}">\n`}<title>${escapeHtml(args.title)} · ${escapeHtml(args.site.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}assets/site.css">
${args.site.baseUrl ? `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(args.site.title)}: new and updated articles" href="${root}feed.xml">\n` : ""}${args.head ?? ""}</head>
<body class="wiki${args.bodyClass ? ` ${args.bodyClass}` : ""}">
<a class="skip" href="#content">Skip to content</a>
<header class="wiki-header"><div class="wiki-header-inner">
<a class="wiki-name" href="${root}index.html">${escapeHtml(args.site.title)}</a>
<nav class="wiki-nav" aria-label="Browse"><ul><li>${link(root, "index.html", "All articles")}</li>${browse}</ul></nav>
<form class="wiki-search" role="search" action="${root}search.html" method="get"><label for="wiki-q">Search</label> <input id="wiki-q" name="q" type="search" placeholder="Search the wiki"> <button type="submit">Search</button></form>
</div>${args.notice ?? ""}</header>
${args.breadcrumb ? renderBreadcrumb(root, args.breadcrumb) : ""}
${args.body}
${scripts}
</body>
</html>
`;
}

/** A site footer for pages without the article's provenance footer. */
export function renderSiteFooter(root: string, site: SiteOptions): string {
  return `<footer class="wiki-footer"><div class="wiki-footer-inner"><p>${escapeHtml(site.title)} · articles drafted by wikigen and verified claim by claim against their sources${site.baseUrl ? ` · <a href="${root}feed.xml">Atom feed</a>` : ""}</p></div></footer>`;
}
