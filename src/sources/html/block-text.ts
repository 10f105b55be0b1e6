import { type DomElement, type DomNode, isElement } from "./dom-types.ts";

// Elements whose text must not run on into the next element's text. Anything else is inline.
const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
  "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
  "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);
const CELL_TAGS = new Set(["td", "th"]);
const SKIPPED_TAGS = new Set([
  "script", "style", "noscript", "template", "head", "title", "svg", "math", "img", "input",
]);

// Soft hyphens and byte-order marks are invisible in a browser but would split words in the
// extracted text, so they are removed rather than kept at a character offset.
const INVISIBLE = /[\u00ad\ufeff]/g;

export function normalizeInline(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/**
 * Text of the given nodes as blocks: one string per paragraph-like element, inline whitespace
 * collapsed. Two or more consecutive <br> also end a block, as pages laid out with <br><br>
 * instead of <p> mean a paragraph break by it.
 */
export function collectBlocks(roots: readonly DomNode[]): string[] {
  const blocks: string[] = [];
  let buffer = "";
  let pendingBreaks = 0;

  const flush = (): void => {
    const text = normalizeInline(buffer);
    if (text !== "") blocks.push(text);
    buffer = "";
    pendingBreaks = 0;
  };

  // An explicit stack rather than recursion: malformed pages can nest thousands of elements deep.
  type Step = { node: DomNode; leaving: false } | { node: DomElement; leaving: true };
  const stack: Step[] = [...roots].reverse().map((node) => ({ node, leaving: false as const }));
  while (stack.length > 0) {
    const step = stack.pop();
    if (step === undefined) break;
    const { node } = step;
    if (step.leaving) {
      const tag = step.node.name.toLowerCase();
      if (CELL_TAGS.has(tag)) buffer += " ";
      if (BLOCK_TAGS.has(tag)) flush();
      continue;
    }
    if (node.type === "text") {
      if (pendingBreaks >= 2 && node.data.trim() !== "") flush();
      if (node.data.trim() !== "") pendingBreaks = 0;
      buffer += node.data;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.name.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === "br") {
      pendingBreaks += 1;
      buffer += " ";
      continue;
    }
    if (BLOCK_TAGS.has(tag) || pendingBreaks >= 2) flush();
    if (CELL_TAGS.has(tag)) buffer += " ";
    stack.push({ node, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child !== undefined) stack.push({ node: child, leaving: false });
    }
  }
  flush();
  return blocks;
}
