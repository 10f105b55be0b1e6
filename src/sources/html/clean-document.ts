import type { CheerioAPI } from "cheerio";
import { hasBoilerplateHint } from "./boilerplate-hints.ts";
import { normalizeInline } from "./block-text.ts";
import { type DomElement, isElement } from "./dom-types.ts";

// Never text a reader sees as part of an article.
const NON_CONTENT_SELECTOR = [
  "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed",
  "video", "audio", "map", "button", "input", "select", "textarea", "option", "dialog", "link",
  "[hidden]", "[aria-hidden=true]", "[role=dialog]", "[role=alertdialog]", "[role=tooltip]",
].join(",");

// Page furniture by tag or landmark role; kept only when it wraps most of the page's text, as
// some sites put the whole page inside one of these.
const FURNITURE_SELECTOR = [
  "nav", "aside", "footer", "header", "menu", "figcaption", "[role=navigation]", "[role=banner]",
  "[role=contentinfo]", "[role=complementary]", "[role=search]", "[role=menu]", "[role=toolbar]",
].join(",");

// Elements that mark the article itself: a hint word on them or their wrappers is not trusted.
const ARTICLE_MARKERS = "[itemprop=articleBody], h1";

const INVISIBLE_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const WRAPPER_SHARE = 0.5;
const QUOTE_SHARE = 0.8;

/**
 * Removes from the parsed page what is never article text (scripts, hidden elements, form
 * controls) and what is page furniture (navigation, footers, sidebars, ads, share bars,
 * comments, cookie banners), judged by tag, landmark role and class/id words.
 */
export function removeBoilerplate($: CheerioAPI): void {
  $(NON_CONTENT_SELECTOR).remove();
  $("[style]").each((_, el) => {
    if (INVISIBLE_STYLE.test(el.attribs["style"] ?? "")) $(el).remove();
  });

  // A date standing alone is a dateline; a date inside a sentence is part of it.
  $("time").each((_, el) => {
    const parent = el.parent;
    if (parent !== null && normalizeInline($(parent).text()) === normalizeInline($(el).text())) {
      $(el).remove();
    }
  });

  const measures = measureElements($);

  for (const el of $(FURNITURE_SELECTOR).toArray()) {
    if (isElement(el) && isAttached(el) && !measures.isWrapper(el)) $(el).remove();
  }
  $("body *").each((_, el) => {
    if (!isAttached(el)) return;
    if (!hasBoilerplateHint(el.attribs["class"], el.attribs["id"])) return;
    if (measures.holdsArticleMarker.has(el) || measures.isWrapper(el)) return;
    // An embed wrapper ("social-embed") goes, but the quotation it carries stays, out of the
    // wrapper so that Readability's own class rules do not drop it either.
    if (!measures.quoteHolders.has(el)) $(el).remove();
    else $(el).replaceWith($(el).find("blockquote").not("blockquote blockquote"));
  });
}

interface TextSums {
  text: number;
  paragraphs: number;
  quoted: number;
}

interface ElementMeasures {
  holdsArticleMarker: ReadonlySet<DomElement>;
  /** Elements whose text is nearly all quotation: embedded posts the author chose to quote. */
  quoteHolders: ReadonlySet<DomElement>;
  isWrapper(el: DomElement): boolean;
}

// Measured once, before anything is removed, so that the cost stays linear in the page size.
// An element holding most of the page's paragraph text is the article or wraps it, whatever its
// tag or class says; paragraph text rather than all text, so that long menus do not count.
function measureElements($: CheerioAPI): ElementMeasures {
  const paragraphText = new Map<DomElement, number>();
  const allText = new Map<DomElement, number>();
  const holdsArticleMarker = new Set<DomElement>();
  const quoteHolders = new Set<DomElement>();
  const body = $("body").get(0);
  if (body === undefined) return { holdsArticleMarker, quoteHolders, isWrapper: () => false };

  // Post-order sums of an element's text from its children's: all, in paragraphs, in quotes.
  const measure = (el: DomElement, inParagraph: boolean, inQuote: boolean): TextSums => {
    const isParagraph = inParagraph || el.name === "p";
    const isQuote = inQuote || el.name === "blockquote";
    const sums: TextSums = { text: 0, paragraphs: 0, quoted: 0 };
    for (const child of el.children) {
      if (child.type === "text") {
        const length = normalizeInline(child.data).length;
        sums.text += length;
        if (isParagraph) sums.paragraphs += length;
        if (isQuote) sums.quoted += length;
      } else if (isElement(child)) {
        const childSums = measure(child, isParagraph, isQuote);
        sums.text += childSums.text;
        sums.paragraphs += childSums.paragraphs;
        sums.quoted += childSums.quoted;
      }
    }
    allText.set(el, sums.text);
    paragraphText.set(el, sums.paragraphs);
    if (sums.quoted >= QUOTE_SHARE * sums.text && sums.text > 0) quoteHolders.add(el);
    return sums;
  };
  const { text: pageText, paragraphs: pageParagraphs } = measure(body, false, false);

  $(ARTICLE_MARKERS).each((_, el) => {
    let at: DomElement | null = el;
    while (at !== null && !holdsArticleMarker.has(at)) {
      holdsArticleMarker.add(at);
      at = parentElement(at);
    }
  });

  const totals = pageParagraphs > 0 ? paragraphText : allText;
  const pageTotal = pageParagraphs > 0 ? pageParagraphs : pageText;
  return {
    holdsArticleMarker,
    quoteHolders,
    isWrapper: (el) => pageTotal > 0 && (totals.get(el) ?? 0) > WRAPPER_SHARE * pageTotal,
  };
}

function parentElement(el: DomElement): DomElement | null {
  const parent = el.parent;
  return parent !== null && isElement(parent) ? parent : null;
}

function isAttached(el: DomElement): boolean {
  let parent = el.parent;
  while (parent !== null) {
    if (parent.type === "root") return true;
    parent = parent.parent;
  }
  return false;
}
