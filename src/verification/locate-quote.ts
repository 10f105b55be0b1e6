// Finds where a cited quote sits in a source: verbatim, after typographic normalization, or as a
// near-verbatim token alignment (a changed word, a dropped article, a typo). Offsets always index the
// original text.
//
// Cost stays near-linear in the source length: the source is normalized and token-indexed once, the
// quote's rarest tokens vote for candidate diagonals, and only a few windows around them are aligned.
// A caller that keeps the prepared source (`prepareSource`) pays no scan of the text per quote: the
// verbatim and normalized matches are read from word indexes too (find-verbatim.ts).

import { mapToOriginal, normalizeText, normalizeWithMap, type NormalizedText } from "./normalize-text.ts";
import { findVerbatim, indexWords, wordRuns, type WordIndex } from "./find-verbatim.ts";
import { editDistance } from "./edit-distance.ts";
import type { QuoteLocation } from "./types.ts";

export interface LocateQuoteOptions {
  /** Minimum token-alignment similarity for a fuzzy match. */
  minSimilarity?: number;
  /**
   * The source as `prepareQuoteSearch(text)` returns it, from a caller that keeps it across quotes:
   * the text is then searched through its word indexes, never scanned.
   */
  prepareSource?: () => PreparedQuoteSearch;
}

interface TokenIndex extends WordIndex {
  /** Vote counts per diagonal bucket, reused by every quote (zeroed after each). */
  votes: Int32Array;
}

/** A source made ready for quote search; each part is built on first need, then kept. */
export interface PreparedQuoteSearch {
  readonly original: string;
  originalWords(): WordIndex;
  normalized(): NormalizedText;
  /** The normalized text's tokens: exact and normalized matches without `prepareSource` never need them. */
  normalizedTokens(): TokenIndex;
}

const DEFAULT_MIN_SIMILARITY = 0.85;
const MAX_ANCHOR_TOKENS = 12;
const MAX_ANCHOR_POSTINGS = 20_000;
const MAX_CANDIDATES = 8;
const BUCKET = 4;

// One entry, for callers that pass no prepared source: claims often come in a row per source.
let cached: PreparedQuoteSearch | undefined;

export function prepareQuoteSearch(original: string): PreparedQuoteSearch {
  let originalWords: WordIndex | undefined;
  let normalized: NormalizedText | undefined;
  let normalizedTokens: TokenIndex | undefined;
  const prepared: PreparedQuoteSearch = {
    original,
    originalWords: () => (originalWords ??= indexWords(original)),
    normalized: () => (normalized ??= normalizeWithMap(original)),
    normalizedTokens: () => (normalizedTokens ??= { ...indexWords(prepared.normalized().text), votes: new Int32Array(0) }),
  };
  return prepared;
}

function prepareText(original: string): PreparedQuoteSearch {
  if (cached && cached.original === original) return cached;
  cached = prepareQuoteSearch(original);
  return cached;
}

export function locateQuote(quote: string, text: string, options: LocateQuoteOptions = {}): QuoteLocation {
  const trimmed = quote.trim();
  const notFound: QuoteLocation = { status: "not_found", start: -1, end: -1, similarity: 0 };
  if (trimmed === "") return notFound;
  const kept = options.prepareSource?.();
  if (kept && kept.original !== text) throw new RangeError("locateQuote: prepareSource gave a source prepared from another text");
  const exact = kept ? findVerbatim(text, trimmed, kept.originalWords()) : text.indexOf(trimmed);
  if (exact >= 0) return { status: "exact", start: exact, end: exact + trimmed.length, similarity: 1 };

  const prepared = kept ?? prepareText(text);
  const normalizedQuote = normalizeText(trimmed);
  if (normalizedQuote === "") return notFound;
  const normalized = prepared.normalized();
  const at = kept ? findVerbatim(normalized.text, normalizedQuote, kept.normalizedTokens()) : normalized.text.indexOf(normalizedQuote);
  if (at >= 0) {
    const span = mapToOriginal(normalized, at, at + normalizedQuote.length);
    return { status: "normalized", start: span.start, end: span.end, similarity: 1 };
  }

  const quoteTokens = wordRuns(normalizedQuote).map((token) => token.text);
  const tokenIndex = prepared.normalizedTokens();
  const best = alignFuzzy(quoteTokens, tokenIndex);
  if (!best) return notFound;
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  if (best.similarity < minSimilarity) return { ...notFound, similarity: round(best.similarity) };
  const first = tokenIndex.tokens[best.firstToken];
  const last = tokenIndex.tokens[best.lastToken];
  if (!first || !last) return notFound;
  const span = mapToOriginal(normalized, first.start, last.end);
  return { status: "fuzzy", start: span.start, end: span.end, similarity: round(best.similarity) };
}

interface Alignment {
  similarity: number;
  firstToken: number;
  lastToken: number;
}

function alignFuzzy(quoteTokens: string[], prepared: TokenIndex): Alignment | undefined {
  if (quoteTokens.length === 0) return undefined;
  const candidates = voteDiagonals(quoteTokens, prepared);
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

/**
 * Start positions (in source tokens) where many of the quote's rarest tokens line up. Votes go into
 * one slot per bucket of the source's diagonals (a typed array kept with the token index), and the
 * best buckets are kept by insertion, so a quote costs the postings it reads, not the source length.
 */
function voteDiagonals(quoteTokens: string[], prepared: TokenIndex): number[] {
  const { positions } = prepared;
  const byRarity = [...new Set(quoteTokens)]
    .map((token) => ({ token, postings: positions.get(token) ?? [] }))
    .filter((entry) => entry.postings.length > 0)
    .sort((a, b) => a.postings.length - b.postings.length);
  // Bucket b lives at votes[b + shift]: a position before the quote's offset gives a negative bucket,
  // and a bucket's neighbours are read too.
  const shift = Math.ceil(quoteTokens.length / BUCKET) + 2;
  const size = Math.floor(prepared.tokens.length / BUCKET) + shift + 3;
  if (prepared.votes.length < size) prepared.votes = new Int32Array(size);
  const votes = prepared.votes;
  const buckets: number[] = [];
  let used = 0;
  let postingsSeen = 0;
  for (const { token, postings } of byRarity) {
    if (used >= MAX_ANCHOR_TOKENS || (used > 0 && postingsSeen + postings.length > MAX_ANCHOR_POSTINGS)) break;
    used++;
    postingsSeen += postings.length;
    quoteTokens.forEach((quoteToken, offset) => {
      if (quoteToken !== token) return;
      for (const position of postings) {
        const slot = Math.floor((position - offset) / BUCKET) + shift;
        if (votes[slot] === 0) buckets.push(slot);
        votes[slot] = (votes[slot] as number) + 1;
      }
    });
  }
  // A neighbouring bucket's votes count too: insertions and deletions shift the diagonal a little.
  const scores = buckets.map((slot) => (votes[slot - 1] as number) + (votes[slot] as number) + (votes[slot + 1] as number));
  const isBetter = (a: number, b: number): boolean => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && (buckets[a] as number) < (buckets[b] as number));
  const best: number[] = [];
  for (let i = 0; i < buckets.length; i++) {
    if (best.length === MAX_CANDIDATES && !isBetter(i, best[MAX_CANDIDATES - 1] as number)) continue;
    let at = best.length < MAX_CANDIDATES ? best.length : MAX_CANDIDATES - 1;
    while (at > 0 && isBetter(i, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = i;
  }
  for (const slot of buckets) votes[slot] = 0;
  return best.map((i) => ((buckets[i] as number) - shift) * BUCKET);
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
