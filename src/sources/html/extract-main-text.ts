import * as cheerio from "cheerio";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { collectBlocks } from "./block-text.ts";
import { removeBoilerplate } from "./clean-document.ts";
import { pickTitle } from "./pick-title.ts";
import { pruneLinkBlocks } from "./prune-links.ts";
import { toHtmlSyntax } from "./xhtml-syntax.ts";

// The output is versioned by HTML_EXTRACTOR in ../extract-document.ts, stored with every snapshot:
// bump it whenever the output changes.

export interface MainText {
  title: string;
  text: string;
}

export interface ExtractOptions {
  /** The page's address. Accepted so that callers pass it; the text does not depend on it. */
  url?: string;
}

// The package's types name the browser's Document, which this Node project's lib does not have;
// linkedom's document is what it gets at run time.
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

/**
 * The article body of an HTML (or XHTML) page as plain text: blocks (paragraphs, headings, list
 * items, table rows, quotes, preformatted text) joined by "\n\n", inline whitespace collapsed.
 * Deterministic, because later stages address the text by character offsets. Never throws: a
 * page that cannot be read gives empty strings.
 */
export function extractMainText(html: string, options?: ExtractOptions): MainText {
  void options;
  let $: cheerio.CheerioAPI;
  try {
    $ = cheerio.load(toHtmlSyntax(html));
  } catch {
    return { title: "", text: "" };
  }
  const title = safely(() => pickTitle($), "");
  // Each step that can fail on a hostile page (stack depth on absurd nesting, a DOM quirk) falls
  // back to a plainer reading of what the earlier steps produced, never to an exception.
  const isCleaned = safely(() => {
    removeBoilerplate($);
    return true;
  }, false);
  const articleBlocks = isCleaned ? safely(() => readabilityBlocks($.html()), []) : [];
  const blocks =
    articleBlocks.length > 0 ? articleBlocks : safely(() => collectBlocks($("body").toArray()), []);
  return { title, text: blocks.join("\n\n") };
}

function readabilityBlocks(html: string): string[] {
  const { document } = parseHTML(html);
  const readability = new Readability(document as unknown as ReadabilityDocument, {
    disableJSONLD: true,
  });
  const article = readability.parse();
  const content = article?.content;
  if (content === null || content === undefined || content === "") return [];
  const $content = cheerio.load(content);
  pruneLinkBlocks($content);
  return collectBlocks($content("body").toArray());
}

function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}
