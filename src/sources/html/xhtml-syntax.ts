// HTML parsers read XHTML's XML-only syntax differently from an XML parser: "<div/>" opens a div
// that swallows the rest of the page, and CDATA sections become comments. These two are
// rewritten into their HTML equivalents before parsing; everything else in XHTML parses as HTML.

const XHTML_MARKER =
  /^\s*(?:\ufeff)?<\?xml\b|xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/i;
const VOID_TAGS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
  "track", "wbr",
]);
const SELF_CLOSING_TAG = /<([a-zA-Z][\w:-]*)((?:\s[^<>]*?)?)\s*\/>/g;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

export function isXhtml(markup: string): boolean {
  return XHTML_MARKER.test(markup.slice(0, 4096));
}

export function toHtmlSyntax(markup: string): string {
  const withoutCdata = markup.replace(CDATA_SECTION, (_, inner: string) => escapeText(inner));
  if (!isXhtml(markup)) return withoutCdata;
  return withoutCdata.replace(SELF_CLOSING_TAG, (whole, tag: string, attributes: string) =>
    VOID_TAGS.has(tag.toLowerCase()) ? whole : `<${tag}${attributes}></${tag}>`,
  );
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
