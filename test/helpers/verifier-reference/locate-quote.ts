// The offline verifier's locate-quote.ts as it was before the speed work of issue 13 (item 5), verbatim but
// for import paths: the reference the equality tests hold the indexed path to, claim by claim.
// Test code only; never imported from src/.

// Finds where a cited quote sits in a source: verbatim, after typographic normalization, or as a
// near-verbatim token alignment (a changed word, a dropped article, a typo). Offsets always index the
// original text.
//
// Cost stays near-linear in the source length: the source is normalized and token-indexed once, the
// quote's rarest tokens vote for candidate diagonals, and only a few windows around them are aligned.

import { mapToOriginal, normalizeText, normalizeWithMap, type NormalizedText } from "../../../src/verification/normalize-text.ts";
import { wordRuns as tokenizeWords, type Token } from "../../../src/verification/find-verbatim.ts";
import { editDistance } from "../../../src/verification/edit-distance.ts";
import type { QuoteLocation } from "../../../src/verification/types.ts";

export interface LocateQuoteOptions {
  /** Minimum token-alignment similarity for a fuzzy match. */
  minSimilarity?: number;
}

interface PreparedText {
  original: string;
  normalized: NormalizedText;
  /** Built on first fuzzy search only: exact and normalized matches never need them. */
  tokenIndex: { tokens: Token[]; positions: Map<string, number[]> } | undefined;
}

const DEFAULT_MIN_SIMILARITY = 0.85;
const MAX_ANCHOR_TOKENS = 12;
const MAX_ANCHOR_POSTINGS = 20_000;
const MAX_CANDIDATES = 8;
const BUCKET = 4;

// One entry: a verifier typically checks many claims against the same source in a row.
let cached: PreparedText | undefined;

function prepareText(original: string): PreparedText {
  if (cached && cached.original === original) return cached;
  cached = { original, normalized: normalizeWithMap(original), tokenIndex: undefined };
  return cached;
}

function indexTokens(prepared: PreparedText): { tokens: Token[]; positions: Map<string, number[]> } {
  if (prepared.tokenIndex) return prepared.tokenIndex;
  const tokens = tokenizeWords(prepared.normalized.text);
  const positions = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    const list = positions.get(token.text);
    if (list) list.push(index);
    else positions.set(token.text, [index]);
  });
  prepared.tokenIndex = { tokens, positions };
  return prepared.tokenIndex;
}

export function locateQuote(quote: string, text: string, options: LocateQuoteOptions = {}): QuoteLocation {
  const trimmed = quote.trim();
  const notFound: QuoteLocation = { status: "not_found", start: -1, end: -1, similarity: 0 };
  if (trimmed === "") return notFound;
  const exact = text.indexOf(trimmed);
  if (exact >= 0) return { status: "exact", start: exact, end: exact + trimmed.length, similarity: 1 };

  const prepared = prepareText(text);
  const normalizedQuote = normalizeText(trimmed);
  if (normalizedQuote === "") return notFound;
  const at = prepared.normalized.text.indexOf(normalizedQuote);
  if (at >= 0) {
    const span = mapToOriginal(prepared.normalized, at, at + normalizedQuote.length);
    return { status: "normalized", start: span.start, end: span.end, similarity: 1 };
  }

  const quoteTokens = tokenizeWords(normalizedQuote).map((token) => token.text);
  const tokenIndex = indexTokens(prepared);
  const best = alignFuzzy(quoteTokens, tokenIndex);
  if (!best) return notFound;
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  if (best.similarity < minSimilarity) return { ...notFound, similarity: round(best.similarity) };
  const first = tokenIndex.tokens[best.firstToken];
  const last = tokenIndex.tokens[best.lastToken];
  if (!first || !last) return notFound;
  const span = mapToOriginal(prepared.normalized, first.start, last.end);
  return { status: "fuzzy", start: span.start, end: span.end, similarity: round(best.similarity) };
}

interface Alignment {
  similarity: number;
  firstToken: number;
  lastToken: number;
}

function alignFuzzy(quoteTokens: string[], prepared: { tokens: Token[]; positions: Map<string, number[]> }): Alignment | undefined {
  if (quoteTokens.length === 0) return undefined;
  const candidates = voteDiagonals(quoteTokens, prepared.positions);
  const slack = Math.max(3, Math.ceil(quoteTokens.length * 0.2));
  let best: Alignment | undefined;
  for (const diagonal of candidates) {
    const from = Math.max(0, diagonal - slack);
    const to = Math.min(prepared.tokens.length, diagonal + BUCKET + quoteTokens.length + slack);
    const window = prepared.tokens.slice(from, to).map((token) => token.text);
    const aligned = alignSemiGlobal(quoteTokens, window);
    if (aligned && (!best || aligned.similarity > best.similarity)) {
      best = { similarity: aligned.similarity, firstToken: from + aligned.first, lastToken: from + aligned.last };
    }
  }
  return best;
}

/** Start positions (in source tokens) where many of the quote's rarest tokens line up. */
function voteDiagonals(quoteTokens: string[], positions: Map<string, number[]>): number[] {
  const byRarity = [...new Set(quoteTokens)]
    .map((token) => ({ token, postings: positions.get(token) ?? [] }))
    .filter((entry) => entry.postings.length > 0)
    .sort((a, b) => a.postings.length - b.postings.length);
  const votes = new Map<number, number>();
  let used = 0;
  let postingsSeen = 0;
  for (const { token, postings } of byRarity) {
    if (used >= MAX_ANCHOR_TOKENS || (used > 0 && postingsSeen + postings.length > MAX_ANCHOR_POSTINGS)) break;
    used++;
    postingsSeen += postings.length;
    quoteTokens.forEach((quoteToken, offset) => {
      if (quoteToken !== token) return;
      for (const position of postings) {
        const bucket = Math.floor((position - offset) / BUCKET);
        votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
      }
    });
  }
  // A neighbouring bucket's votes count too: insertions and deletions shift the diagonal a little.
  return [...votes.keys()]
    .map((bucket) => ({ bucket, score: (votes.get(bucket - 1) ?? 0) + (votes.get(bucket) ?? 0) + (votes.get(bucket + 1) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.bucket - b.bucket)
    .slice(0, MAX_CANDIDATES)
    .map((entry) => entry.bucket * BUCKET);
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  // A changed number is never a typo.
  if (/\d/.test(a) || /\d/.test(b)) return 1;
  const longest = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < 4) return 1;
  const ratio = 1 - editDistance(a, b, Math.floor(longest * 0.4)) / longest;
  return ratio >= 0.6 ? 1 - ratio : 1;
}

/** The whole quote aligned against any substring of the window (free ends in the window). */
function alignSemiGlobal(quote: string[], window: string[]): { similarity: number; first: number; last: number } | undefined {
  const m = quote.length;
  const n = window.length;
  if (n === 0) return undefined;
  let cost = new Float64Array(n + 1);
  let origin = Int32Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const nextCost = new Float64Array(n + 1);
    const nextOrigin = new Int32Array(n + 1);
    nextCost[0] = i;
    nextOrigin[0] = 0;
    for (let j = 1; j <= n; j++) {
      const diagonal = (cost[j - 1] ?? 0) + substitutionCost(quote[i - 1] as string, window[j - 1] as string);
      const skipQuote = (cost[j] ?? 0) + 1;
      const skipWindow = (nextCost[j - 1] ?? 0) + 1;
      if (diagonal <= skipQuote && diagonal <= skipWindow) {
        nextCost[j] = diagonal;
        nextOrigin[j] = origin[j - 1] ?? 0;
      } else if (skipQuote <= skipWindow) {
        nextCost[j] = skipQuote;
        nextOrigin[j] = origin[j] ?? 0;
      } else {
        nextCost[j] = skipWindow;
        nextOrigin[j] = nextOrigin[j - 1] ?? 0;
      }
    }
    cost = nextCost;
    origin = nextOrigin;
  }
  let bestEnd = -1;
  let bestSimilarity = -1;
  for (let j = 1; j <= n; j++) {
    const first = origin[j] ?? 0;
    if (j <= first) continue;
    const similarity = 1 - (cost[j] ?? 0) / Math.max(m, j - first);
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      bestEnd = j;
    }
  }
  if (bestEnd < 0) return undefined;
  return { similarity: bestSimilarity, first: origin[bestEnd] ?? 0, last: bestEnd - 1 };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
