import type { CheerioAPI } from "cheerio";
import { normalizeInline } from "./block-text.ts";
import { type DomElement, type DomNode, isElement } from "./dom-types.ts";

// Elements read as one block of text each when they hold no other block.
const TEXT_BLOCK_TAGS = new Set([
  "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "blockquote",
]);
const NESTED_BLOCK_SELECTOR =
  "p, li, div, ul, ol, dl, table, h1, h2, h3, h4, h5, h6, blockquote, pre";

// A block whose text is this much link text is a link, not prose.
const LINKED_SHARE = 0.9;
// A paragraph that is one link on its own is a cross-link ("READ MORE ON ...", a headline).
// A link showing its address is a reference the author wants seen, so it stays.
const STANDALONE_LINK_TAGS = new Set(["p", "div"]);
const SHOWN_URL = /^(?:https?:\/\/|www\.)\S+$/i;
// "Related:", "[Read more:", "See also:" and the like before a single link.
const LINK_LABEL = /^[[(]?\s*[^.!?:]{1,30}:\s*[\])]?$/u;
// A heading or lead-in line introducing a list of links ("More stories", "You may also like...").
const MAX_LEAD_IN_LENGTH = 60;

interface TextBlock {
  element: DomElement;
  text: string;
  linkedShare: number;
  unlinkedText: string;
}

/**
 * Removes cross-links that sit inside article bodies: runs of two or more blocks that are each
 * all link ("More great stories" lists, "You may also like" paragraphs) with the short line that
 * introduces them, and single links behind a label ("Read more: ...", "[Related: ...]").
 */
export function pruneLinkBlocks($: CheerioAPI): void {
  const blocks = listTextBlocks($);
  const doomed: TextBlock[] = [];
  let index = 0;
  while (index < blocks.length) {
    const run = linkedRunFrom(blocks, index);
    const first = run[0];
    if (first === undefined) {
      const block = blocks[index];
      if (block !== undefined && block.linkedShare > 0.5 && LINK_LABEL.test(block.unlinkedText)) {
        doomed.push(block);
      }
      index += 1;
      continue;
    }
    if (run.length > 1) {
      doomed.push(...run);
      const leadIn = blocks[index - 1];
      if (leadIn !== undefined && isLeadIn(leadIn)) doomed.push(leadIn);
    } else if (STANDALONE_LINK_TAGS.has(first.element.name) && !SHOWN_URL.test(first.text)) {
      doomed.push(first);
    }
    index += run.length;
  }
  for (const block of doomed) $(block.element).remove();
}

function isLeadIn(block: TextBlock): boolean {
  return block.text.length <= MAX_LEAD_IN_LENGTH && block.linkedShare === 0;
}

function linkedRunFrom(blocks: readonly TextBlock[], start: number): TextBlock[] {
  const run: TextBlock[] = [];
  for (let i = start; i < blocks.length; i++) {
    const block = blocks[i];
    if (block === undefined || block.linkedShare < LINKED_SHARE) break;
    run.push(block);
  }
  return run;
}

function listTextBlocks($: CheerioAPI): TextBlock[] {
  const blocks: TextBlock[] = [];
  $("body *").each((_, el) => {
    if (!TEXT_BLOCK_TAGS.has(el.name)) return;
    const $el = $(el);
    if ($el.find(NESTED_BLOCK_SELECTOR).length > 0) return;
    const text = normalizeInline($el.text());
    if (text === "") return;
    const linkText = normalizeInline($el.find("a").text());
    const unlinkedText = normalizeInline(el.children.map(unlinkedTextOf).join(""));
    const linkedShare = Math.min(1, linkText.length / text.length);
    blocks.push({ element: el, text, linkedShare, unlinkedText });
  });
  return blocks;
}

function unlinkedTextOf(node: DomNode): string {
  if (node.type === "text") return node.data;
  if (!isElement(node) || node.name === "a") return "";
  return node.children.map(unlinkedTextOf).join("");
}
