import { escapeHtml } from "./site-html.ts";

// sitemap.xml (sitemaps.org 0.9): its <loc> values must be absolute URLs, so it is written only when
// the site has a base URL.

export interface SitemapEntry {
  /** Path from the site root; "" for the home page. */
  path: string;
  /** ISO timestamp; the date part is written. */
  lastmod: string | null;
}

export function buildSitemap(baseUrl: string, entries: SitemapEntry[]): string {
  const urls = entries.map(
    (entry) => `  <url><loc>${escapeHtml(baseUrl + entry.path)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod.slice(0, 10)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}
