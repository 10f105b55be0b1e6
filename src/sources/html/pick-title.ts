import type { CheerioAPI } from "cheerio";
import { normalizeInline } from "./block-text.ts";

// What sites put between a page's own title and the site's name ("Title | Site", "Site - Title").
const LEADING_SEPARATOR = /^\s*(?:[|\-–—:·•»/]|::)\s/;
const TRAILING_SEPARATOR = /\s(?:[|\-–—:·•«/]|::)\s*$/;

/**
 * The page's title: an <h1> that a declared title (og:title, <title>) equals or contains next
 * to a site-name separator, which drops a " | Site name" suffix; otherwise the declared title;
 * otherwise the first <h1>. Runs before boilerplate removal, which may take the <h1>'s header.
 */
export function pickTitle($: CheerioAPI): string {
  const declared = [
    $('meta[property="og:title"]').attr("content") ?? "",
    $('meta[name="og:title"]').attr("content") ?? "",
    $("title").first().text(),
  ]
    .map(normalizeInline)
    .filter((text) => text !== "");
  const headings = $("h1")
    .map((_, el) => normalizeInline($(el).text()))
    .get()
    .filter((text) => text !== "");

  for (const title of declared) {
    // A heading equal to the title beats one the title starts with ("Title | Site"), which
    // beats one it ends with ("Site - Title"), so that a site-name <h1> is not taken.
    let best: { heading: string; rank: number } | undefined;
    for (const heading of headings) {
      const rank = matchRank(heading, title);
      if (rank > 0 && (best === undefined || rank > best.rank)) best = { heading, rank };
    }
    if (best !== undefined) return best.heading;
  }
  return declared[0] ?? headings[0] ?? "";
}

function matchRank(heading: string, declared: string): number {
  const h = comparisonKey(heading);
  const d = comparisonKey(declared);
  if (h === d) return 3;
  if (d.startsWith(h) && LEADING_SEPARATOR.test(d.slice(h.length))) return 2;
  if (d.endsWith(h) && TRAILING_SEPARATOR.test(d.slice(0, d.length - h.length))) return 1;
  return 0;
}

// Case and quote style differ between a page's <h1> and its declared title more often than words.
function comparisonKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"');
}
