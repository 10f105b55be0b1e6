import { tokenizeWords } from "./tokenize.ts";

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

// Closing punctuation a sentence may end with after its full stop: `.”`, `.)`, `.'`.
const SENTENCE_END = /[.!?]["'\u201D\u2019)\]]*(?=\s)|\n/g;
const SENTENCE_START = /[.!?]["'\u201D\u2019)\]]*\s+|\n\s*/;

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
  const slice = source.slice(low, start);
  const sentence = SENTENCE_START.exec(slice);
  if (sentence) return low + sentence.index + sentence[0].length;
  const space = /\s+/.exec(slice);
  return space ? low + space.index + space[0].length : low;
}

function snapEnd(source: string, end: number, high: number): number {
  if (high === source.length || high <= end) return high;
  const slice = source.slice(end, high);
  let lastSentence = -1;
  for (const match of slice.matchAll(SENTENCE_END)) lastSentence = match[0] === "\n" ? match.index : match.index + match[0].length;
  if (lastSentence >= 0) return end + lastSentence;
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

// Words too common to say where a claim's subject is discussed.
const STOPWORDS = new Set(
  (
    "the and for with that this these those are was were from have has had not but its into than then also which who whom " +
    "can may might been being such more most other about between within through over under upon each both all any some " +
    "what when where how why our your his her them they their there here would could should will shall does did done one"
  ).split(" "),
);

/** A crude stem: lower case, words cut to six letters ("supports" and "supported" meet); numbers stay whole. */
function termKey(word: string): string {
  const lower = word.toLowerCase();
  return /\d/.test(lower) ? lower : lower.slice(0, 6);
}

function claimTerms(claim: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenizeWords(claim)) {
    const lower = token.text.toLowerCase();
    if ((lower.length >= 3 || /\d/.test(lower)) && !STOPWORDS.has(lower)) terms.add(termKey(lower));
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
  for (const token of tokenizeWords(source)) {
    const key = termKey(token.text);
    if (terms.has(key)) hits.push({ key, start: token.start, end: token.end });
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
