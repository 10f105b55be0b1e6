import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { splitSentences } from "../domain/text/split-sentences.ts";

// Which part of a source the judge sees. A judge call costs tokens per character shown, and a long
// passage dilutes the judgement, so the judge sees the cited span plus a neighbourhood on each side
// (enough for a definition's subject or a finding's hedge that sits in the next sentence), cut at
// sentence or word boundaries so the model never reads half a word.

export interface PassageSpan {
  /** Offsets into the full source text: text === source.slice(start, end). */
  start: number;
  end: number;
  text: string;
}


/**
 * The span [start, end) widened by up to `neighbourhood` characters on each side. The widened edges
 * move inwards to the nearest sentence boundary, else word boundary, so the passage never grows
 * beyond the budget; the span itself is always kept whole.
 */
export function passageAround(source: string, start: number, end: number, neighbourhood: number): PassageSpan {
  const from = snapStart(source, Math.max(0, start - neighbourhood), start);
  const to = snapEnd(source, end, Math.min(source.length, end + neighbourhood));
  return trimmedSpan(source, from, to, start, end);
}

function snapStart(source: string, low: number, start: number): number {
  if (low === 0 || low >= start) return low;
  // The slice may begin mid-sentence, so its first sentence that starts after a boundary is the second.
  const second = splitSentences(source.slice(low, start), low)[1];
  if (second) return second.start;
  const space = /\s+/.exec(source.slice(low, start));
  return space ? low + space.index + space[0].length : low;
}

function snapEnd(source: string, end: number, high: number): number {
  if (high === source.length || high <= end) return high;
  // The slice may end mid-sentence, so the last sentence that ends at a boundary is the one before last.
  const sentences = splitSentences(source.slice(end, high), end);
  const whole = sentences[sentences.length - 2];
  if (whole) return whole.end;
  const slice = source.slice(end, high);
  for (let i = slice.length - 1; i >= 0; i--) if (/\s/.test(slice[i] ?? "")) return end + i;
  return high;
}

/** Drops whitespace at the passage's edges, never cutting into [keepStart, keepEnd). */
function trimmedSpan(source: string, from: number, to: number, keepStart: number, keepEnd: number): PassageSpan {
  let start = from;
  let end = to;
  while (start < Math.min(keepStart, end) && /\s/.test(source[start] ?? "")) start++;
  while (end > Math.max(keepEnd, start) && /\s/.test(source[end - 1] ?? "")) end--;
  return { start, end, text: source.slice(start, end) };
}

/** The claim's content stems: words that say where its subject is discussed. */
function claimTerms(claim: string): Set<string> {
  const terms = new Set<string>();
  for (const term of analyzeTerms(claim)) {
    if (!term.isStop && (term.lower.length >= 3 || term.number !== undefined)) terms.add(term.stem);
  }
  return terms;
}

interface Hit {
  key: string;
  start: number;
  end: number;
}

/**
 * For a claim cited without a quote: the window of about claim length + 2 × neighbourhood characters
 * that holds the most distinct claim terms (ties: the earliest), as a passage. One pass over the
 * source's tokens with two pointers, so cost stays linear in the source length.
 */
export function bestWindow(source: string, claim: string, neighbourhood: number): PassageSpan {
  const budget = 2 * neighbourhood + claim.length;
  const terms = claimTerms(claim);
  const hits: Hit[] = [];
  for (const term of analyzeTerms(source)) {
    if (terms.has(term.stem)) hits.push({ key: term.stem, start: term.start, end: term.end });
  }
  const counts = new Map<string, number>();
  let distinct = 0;
  let best: { distinct: number; first: Hit; last: Hit } | undefined;
  let left = 0;
  for (const hit of hits) {
    const count = counts.get(hit.key) ?? 0;
    if (count === 0) distinct++;
    counts.set(hit.key, count + 1);
    for (let first = hits[left]; first && hit.end - first.start > budget; first = hits[left]) {
      const remaining = (counts.get(first.key) ?? 1) - 1;
      counts.set(first.key, remaining);
      if (remaining === 0) distinct--;
      left++;
    }
    const first = hits[left];
    if (first && (!best || distinct > best.distinct)) best = { distinct, first, last: hit };
  }
  if (!best) return passageAround(source, 0, 0, budget);
  // Centre the matched terms in the budget: the text around them is what says how they relate.
  const spare = Math.max(0, budget - (best.last.end - best.first.start));
  return passageAround(source, best.first.start, best.last.end, Math.floor(spare / 2));
}
