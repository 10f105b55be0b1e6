import { buildAtomFeed } from "./build-feed.ts";
import { buildSitemap, type SitemapEntry } from "./build-sitemap.ts";
import { indexFacets } from "./facets.ts";
import { buildSearchIndex } from "./index-search.ts";
import { renderArticlePage } from "./render-article-page.ts";
import { renderHistoryPage } from "./render-history-page.ts";
import { articlePath, facetValuePagePath, historyPath, renderFacetIndexPage, renderFacetValuePage, renderHomePage } from "./render-listing-pages.ts";
import { renderNotFoundPage, renderSearchPage, SEARCH_PATH } from "./render-special-pages.ts";
import { SEARCH_SCRIPT, siteStylesheet } from "./site-assets.ts";
import type { SiteArticle, SiteOptions } from "./site-article.ts";
import { facetIndexPath } from "./facets.ts";
import { writeSiteFiles, type SiteFileContent, type SiteWriteReport } from "./write-site-files.ts";

// The site stage's entry: every page, the search index, the feed and the sitemap computed in memory
// from the articles given, then written incrementally into the output folder.

export interface SiteBuild {
  report: SiteWriteReport;
  /** Every file of the site, from its root. */
  files: string[];
  pages: { articles: number; facetPages: number };
  /** False without a base URL: feed and sitemap need absolute URLs. */
  hasFeedAndSitemap: boolean;
}

/** The files of the site, keyed by path from its root; pure apart from the Pagefind binary. */
export async function planSiteFiles(articles: SiteArticle[], site: SiteOptions): Promise<{ files: Map<string, SiteFileContent>; facetPages: number }> {
  const index = indexFacets(articles);
  const files = new Map<string, SiteFileContent>();
  const sitemap: SitemapEntry[] = [];
  const newest = articles.reduce<string | null>((latest, article) => (latest === null || article.updatedAt > latest ? article.updatedAt : latest), null);
  files.set("index.html", renderHomePage(articles, index, site));
  sitemap.push({ path: "", lastmod: newest });
  for (const article of articles) {
    files.set(articlePath(article.slug), renderArticlePage(article, articles, index, site));
    files.set(historyPath(article.slug), renderHistoryPage(article, site));
    sitemap.push({ path: articlePath(article.slug), lastmod: article.updatedAt }, { path: historyPath(article.slug), lastmod: article.updatedAt });
  }
  let facetPages = 0;
  for (const entry of index) {
    files.set(facetIndexPath(entry.facet.id), renderFacetIndexPage(entry, site));
    sitemap.push({ path: facetIndexPath(entry.facet.id), lastmod: newest });
    for (const value of entry.values) {
      const path = facetValuePagePath(entry.facet.id, value);
      files.set(path, renderFacetValuePage(entry, value, site));
      sitemap.push({ path, lastmod: value.articles.reduce((latest, article) => (article.updatedAt > latest ? article.updatedAt : latest), "") || null });
      facetPages++;
    }
  }
  files.set(SEARCH_PATH, renderSearchPage(site));
  files.set("404.html", renderNotFoundPage(site));
  files.set("assets/site.css", siteStylesheet(site.articleCss));
  files.set("assets/search.js", SEARCH_SCRIPT);
  // Both need absolute URLs: the feed library (feed 6) rejects relative links, and sitemap <loc>s must be absolute.
  if (site.baseUrl) {
    files.set("feed.xml", buildAtomFeed(articles, site.baseUrl, site.title));
    files.set("sitemap.xml", buildSitemap(site.baseUrl, sitemap));
  }
  const searchPages = articles.map((article) => ({ path: articlePath(article.slug), html: files.get(articlePath(article.slug)) as string }));
  for (const [path, content] of await buildSearchIndex(searchPages)) files.set(path, content);
  return { files, facetPages };
}

export async function buildSite(args: { articles: SiteArticle[]; site: SiteOptions; outDir: string; named: string }): Promise<SiteBuild> {
  const { files, facetPages } = await planSiteFiles(args.articles, args.site);
  const report = await writeSiteFiles({ outDir: args.outDir, named: args.named, files });
  return { report, files: [...files.keys()].sort(), pages: { articles: args.articles.length, facetPages }, hasFeedAndSitemap: files.has("sitemap.xml") };
}
