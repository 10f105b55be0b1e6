// Class and id words that mark page furniture rather than article text. Matched per word (class
// and id split at separators and camelCase humps, phrases on the words joined by "-"), so "ad"
// hits "ad-slot" and "topAd" but not "header", "read" or "shadow".

// Furniture whatever else the element's class says ("related-content", "comment-body").
const STRONG_WORDS = new Set([
  "ad", "ads", "adslot", "adunit", "advert", "advertisement", "advertising", "breadcrumb",
  "breadcrumbs", "comment", "comments", "consent", "cookie", "cookies", "cookiebar", "cookiebanner",
  "cookienotice", "disqus", "gdpr",
  "newsletter", "newsletters", "outbrain", "promo", "promos", "recirc", "recirculation",
  "recommendations", "recommended", "related", "share", "sharebar", "shares", "sharing", "social",
  "sponsor", "sponsored", "subscribe", "subscription", "taboola",
]);

// Furniture unless the same class or id also names the content ("entry-content-read-more",
// "article modal-enabled"), as wrappers of whole articles often carry layout words like these.
const WEAK_WORDS = new Set([
  "banner", "byline", "bylines", "caption", "captions", "carousel", "credit", "credits",
  "dateline", "disclaimer", "footer", "gallery", "hovercard", "lightbox", "masthead", "menu",
  "modal", "nav", "navbar", "navigation", "overlay", "pagination", "pager", "paywall", "popover",
  "popular", "popup", "rollover", "sidebar", "signup", "skip", "slideshow", "tags", "timestamp",
  "toolbar", "tooltip", "trending", "widget", "widgets",
]);
// Compound names that say furniture even though they contain a content word ("entry-meta").
const STRONG_PHRASES = phrasePattern([
  "sr-only", "screen-reader", "visually-?hidden", "author-?(?:bio|info|box)",
  "about-?(?:the-)?author", "publish(?:ed)?-?date", "print-?(?:header|footer|only)",
  "(?:post|entry|article|story)-?(?:meta|date|byline|author|tags|footer|share|tools)",
]);
const WEAK_PHRASES = phrasePattern(["read-?more", "more-?stories", "you-?may", "also-?like"]);

// The words Readability also trusts to outweigh a furniture word in the same attribute.
const CONTENT_WORDS = new Set([
  "article", "body", "content", "entry", "main", "post", "story", "text",
]);

function phrasePattern(alternatives: readonly string[]): RegExp {
  return new RegExp(`(?:^|-)(?:${alternatives.join("|")})(?:-|$)`);
}

function splitWords(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** True when a class or id says navigation, ads, sharing, comments and the like. */
export function hasBoilerplateHint(
  className: string | undefined,
  id: string | undefined,
): boolean {
  for (const value of [className, id]) {
    if (value === undefined || value === "") continue;
    const words = splitWords(value);
    const joined = words.join("-");
    if (words.some((word) => STRONG_WORDS.has(word)) || STRONG_PHRASES.test(joined)) return true;
    if (words.some((word) => CONTENT_WORDS.has(word))) continue;
    if (words.some((word) => WEAK_WORDS.has(word))) return true;
    if (WEAK_PHRASES.test(joined)) return true;
  }
  return false;
}
