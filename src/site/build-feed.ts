import { Feed } from "feed";
import { excerpt, articlePath } from "./render-listing-pages.ts";
import { summarizeChange } from "./render-history-page.ts";
import type { SiteArticle } from "./site-article.ts";

// feed.xml: an Atom feed of the published articles, newest first, one entry per article version on
// the wiki (its id names the version), so a new version reaches a reader as a new entry. Every date
// comes from the store (the feed's own "updated" is its newest entry), so an unchanged site gives
// the same bytes. Links are absolute: written only when the site has a base URL.

export function buildAtomFeed(articles: SiteArticle[], baseUrl: string, title: string): string {
  const newestFirst = [...articles].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.slug.localeCompare(b.slug));
  const feed = new Feed({
    title,
    description: "New and updated articles",
    id: baseUrl,
    link: baseUrl,
    feedLinks: { atom: `${baseUrl}feed.xml` },
    language: "en",
    updated: new Date(newestFirst[0]?.updatedAt ?? "1970-01-01T00:00:00.000Z"),
    generator: "wikigen site",
  });
  for (const article of newestFirst) {
    const shown = article.history.find((version) => version.version === article.version);
    const status = shown?.change ? `updated to version ${article.version}` : "new";
    feed.addItem({
      title: `${article.title} (${status})`,
      id: `${baseUrl}${articlePath(article.slug)}#v${article.version}`,
      link: `${baseUrl}${articlePath(article.slug)}`,
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
      description: `${excerpt(article.summary, 400)}${shown?.change ? ` ${summarizeChange(shown.change)}` : ""}`.trim(),
    });
  }
  return feed.atom1();
}
