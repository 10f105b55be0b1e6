import type { Passage } from "../domain/passage.ts";
import { splitSentences } from "../domain/text/split-sentences.ts";

// Sentence splitting lives in its own file to keep both small; it is re-exported here because the
// retrieval contract offers it beside splitPassages.
export { type Sentence, splitSentences } from "../domain/text/split-sentences.ts";

// Passages of an extracted text for retrieval. Invariant (tested): every passage is exactly
// text.slice(start, end), trimmed, in order, non-overlapping, and together they cover every
// non-whitespace character, so a quote found in a passage is found in the snapshot at known offsets.

export const DEFAULT_TARGET_CHARS = 650;

interface Span {
  start: number;
  end: number;
}

/** A passage grows to about `targetChars`, may stretch to 1.4x to keep a block whole, and a block
 * longer than that is cut at sentence boundaries (or, for a run-on sentence, at spaces). */
export function splitPassages(args: { source: number; text: string; targetChars?: number }): Passage[] {
  const { source, text } = args;
  const target = Math.max(1, args.targetChars ?? DEFAULT_TARGET_CHARS);
  const max = Math.round(target * 1.4);
  const units = findBlocks(text).flatMap((block) => cutLongSpan(text, block, max));
  return packUnits(text, units, target, max).map((span) => ({
    source,
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    score: 0,
  }));
}

/** Blocks separated by blank lines, trimmed. */
function findBlocks(text: string): Span[] {
  const blocks: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(/\n\s*\n/gu)) {
    pushTrimmedSpan(blocks, text, start, match.index);
    start = match.index + match[0].length;
  }
  pushTrimmedSpan(blocks, text, start, text.length);
  return blocks;
}

function cutLongSpan(text: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max) return [span];
  const sentences = splitSentences(text.slice(span.start, span.end), span.start);
  const pieces: Span[] = [];
  for (const sentence of sentences) {
    if (sentence.end - sentence.start <= max) pieces.push({ start: sentence.start, end: sentence.end });
    else pieces.push(...cutAtSpaces(text, sentence, max));
  }
  // Consecutive short sentences are packed again by packUnits, so returning them one by one is fine.
  return pieces;
}

/** Last resort for a run-on "sentence" (a table flattened to text, a list without punctuation). */
function cutAtSpaces(text: string, span: Span, max: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    // Searching only this piece's window keeps a long run without spaces linear.
    const space = text.slice(start, start + max + 1).lastIndexOf(" ");
    const cut = space > 0 ? start + space : start + max; // one word longer than max: cut inside it
    pushTrimmedSpan(pieces, text, start, cut);
    start = cut;
  }
  pushTrimmedSpan(pieces, text, start, span.end);
  return pieces;
}

function packUnits(text: string, units: Span[], target: number, max: number): Span[] {
  const passages: Span[][] = [];
  let current: Span[] = [];
  for (const unit of units) {
    const first = current[0];
    const isFull = first !== undefined && (unit.end - first.start > max || lastEnd(current) - first.start >= target);
    if (isFull) {
      passages.push(current);
      current = [];
      // A heading closing a passage belongs with the text it introduces.
      const last = passages[passages.length - 1] ?? [];
      const heading = last[last.length - 1];
      if (last.length > 1 && heading !== undefined && isHeadingLike(text, heading) && unit.end - heading.start <= max) {
        last.pop();
        current.push(heading);
      }
    }
    current.push(unit);
  }
  if (current.length > 0) passages.push(current);
  mergeShortTail(passages, target, max);
  return passages.map((group) => ({ start: group[0]?.start ?? 0, end: lastEnd(group) }));
}

/** A final scrap (the last sentence of a document) joins the passage before it when that fits. */
function mergeShortTail(passages: Span[][], target: number, max: number): void {
  const tail = passages[passages.length - 1];
  const before = passages[passages.length - 2];
  if (tail === undefined || before === undefined) return;
  const tailLength = lastEnd(tail) - (tail[0]?.start ?? 0);
  const mergedLength = lastEnd(tail) - (before[0]?.start ?? 0);
  if (tailLength < target / 3 && mergedLength <= max) {
    before.push(...tail);
    passages.pop();
  }
}

function isHeadingLike(text: string, span: Span | undefined): boolean {
  if (span === undefined) return false;
  const value = text.slice(span.start, span.end);
  return value.length <= 80 && !/[.!?:;,]["'\u201d\u2019)\]]*$/u.test(value);
}

function lastEnd(group: Span[]): number {
  return group[group.length - 1]?.end ?? 0;
}

function pushTrimmedSpan(spans: Span[], text: string, start: number, end: number): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] ?? "")) from += 1;
  while (to > from && /\s/u.test(text[to - 1] ?? "")) to -= 1;
  if (from < to) spans.push({ start: from, end: to });
}
