// What the site stage is given per article: plain data the pipeline gathers from the store, the
// render stage (the published body) and the regen stage (what changed between versions). The site
// stage imports none of those stages; it turns these records into pages.

export interface SiteArticle {
  slug: string;
  title: string;
  /** spec metadata.type, else the template id when the stored spec has no metadata. */
  type: string;
  subtype: string | null;
  discipline: string[];
  populations: string[];
  problems: string[];
  keyFigures: string[];
  /** Terms defined in the article's key-terms section ("Term: definition" claims). */
  keyTerms: string[];
  /** The summary section's text, for the home page, facet pages and the feed. */
  summary: string;
  /** The published article's <main> element and provenance <footer>, as the render stage writes them. */
  mainHtml: string;
  footerHtml: string;
  /** Version shown, and when it finished (ISO). */
  version: number;
  updatedAt: string;
  /** When the article's first stored version finished (ISO): the feed's "published". */
  publishedAt: string;
  /** Flagged claims without a reviewer decision shown on the page (only under --allow-undecided). */
  undecidedFlags: number;
  history: SiteVersion[];
}

export interface SiteVersion {
  version: number;
  /** ISO: finished_at, else started_at. */
  date: string;
  model: string;
  trigger: string;
  status: string;
  claims: number;
  flagged: number;
  /** Null for the first version. */
  change: SiteVersionChange | null;
}

/** A version compared with the one before it (regen/diff-versions.ts, flattened by the pipeline). */
export interface SiteVersionChange {
  from: number;
  reasons: string[];
  sections: { id: string; change: string; reasons: string[]; added: string[]; removed: string[]; reworded: { before: string; after: string }[]; verdictChanges: string[] }[];
  unchangedSections: string[];
  totals: { added: number; removed: number; reworded: number; verdictChanges: number };
}

/** An article left out of the site, and why. */
export interface SiteExclusion {
  slug: string;
  version: number | null;
  reason: string;
}

export interface SiteOptions {
  /** The wiki's name in every header (config site.title). */
  title: string;
  /** Absolute http(s) URL ending in "/", or null: then no feed and no sitemap (both need absolute URLs). */
  baseUrl: string | null;
  /** The article body's stylesheet (from the render stage), put in the site's shared CSS file. */
  articleCss: string;
  /** The render stage's disclaimer, shown on every article page as on the standalone page. */
  disclaimer: { title: string; detail: string };
}
