// The offline verifier's measure-coverage.ts as it was before the speed work of issue 13 (item 5), verbatim but
// for import paths: the reference the equality tests hold the indexed path to, claim by claim.
// Test code only; never imported from src/.

// How much of a claim's content the source covers: anywhere, in the best single sentence, in the best
// window of up to three consecutive sentences, and clause by clause in the best few sentences together.
// Claim stems are weighted by inverse sentence frequency in the source, so a rare name counts more
// than a word found everywhere.

import type { Term } from "../../../src/domain/text/analyze-terms.ts";
import { findRelatedStems, inverseFrequency, matchStrength, type SourceIndex } from "../../../src/verification/source-index.ts";

export interface ClaimTerms {
  terms: Term[];
  /** Content terms, one per distinct stem, in claim order. */
  content: Term[];
  /** The claim's clauses (split at punctuation and clause words), each as its content stems. */
  segments: string[][];
}

export interface SentenceWindow {
  first: number;
  last: number;
  coverage: number;
}

export interface Coverage {
  /** Unweighted share of claim stems found anywhere (loose prefix matches count half). */
  globalFlat: number;
  /** Claim content terms not found anywhere in the source. */
  missing: Term[];
  /** Id and weighted coverage of the sentence covering most of the claim (undefined / 0 when none). */
  bestSentence: number | undefined;
  best1: number;
  /** Best window of up to three consecutive sentences (and the quote's neighbourhood, when given). */
  window: SentenceWindow | undefined;
  /** Claim content terms absent from the best window. */
  missingInWindow: Term[];
  /** Lowest weighted coverage of any one clause of the claim within the five greedily chosen sentences. */
  minSegmentGreedy: number;
}

const TOP_SENTENCES = 30;
const MAX_WINDOW = 3;
const GREEDY_PICKS = 5;
const CLAUSE_WORDS = new Set(["and", "which", "who", "while", "but", "after", "before", "when", "where", "whereas", "although", "including", "with", "as"]);
const MIN_SEGMENT = 2;

export function selectClaimTerms(terms: Term[], text: string): ClaimTerms {
  const seen = new Set<string>();
  const content: Term[] = [];
  const segments: string[][] = [[]];
  terms.forEach((term, i) => {
    const previous = terms[i - 1];
    const gap = previous ? text.slice(previous.end, term.start) : "";
    const current = segments[segments.length - 1] as string[];
    if ((/[,;:()\u2013\u2014]/.test(gap) || CLAUSE_WORDS.has(term.lower)) && current.length >= MIN_SEGMENT) segments.push([]);
    if (term.isStop) return;
    (segments[segments.length - 1] as string[]).push(term.stem);
    if (seen.has(term.stem)) return;
    seen.add(term.stem);
    content.push(term);
  });
  // A trailing clause of one word is folded into the one before it.
  const last = segments[segments.length - 1] as string[];
  if (segments.length > 1 && last.length < MIN_SEGMENT) (segments[segments.length - 2] as string[]).push(...(segments.pop() ?? []));
  return { terms, content, segments: segments.filter((segment) => segment.length > 0) };
}

export function measureCoverage(claim: ClaimTerms, index: SourceIndex, anchor?: { first: number; last: number }): Coverage {
  const weights = new Map(claim.content.map((term) => [term.stem, inverseFrequency(index, term.stem)]));
  const totalWeight = sum([...weights.values()]) || 1;
  let globalFlat = 0;
  const missing: Term[] = [];
  for (const term of claim.content) {
    const strength = matchStrength(index, term.stem);
    globalFlat += strength;
    if (strength === 0) missing.push(term);
  }

  // A claim stem is present in a sentence in its own form or a related one ("nomin" / "nomine").
  const forms = new Map(claim.content.map((term) => [term.stem, [term.stem, ...findRelatedStems(index, term.stem)]]));
  // Per-sentence weighted hits, accumulated from the postings of the claim's own stems only.
  const hits = new Map<number, number>();
  for (const [stem, weight] of weights) {
    const sentenceIds = new Set((forms.get(stem) ?? [stem]).flatMap((form) => index.postings.get(form) ?? []));
    for (const id of sentenceIds) hits.set(id, (hits.get(id) ?? 0) + weight);
  }
  const top = [...hits.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, TOP_SENTENCES).map(([id]) => id);
  const isIn = (ids: number[], stem: string): boolean =>
    ids.some((id) => {
      const stems = index.sentences[id]?.stems;
      return stems !== undefined && (forms.get(stem) ?? [stem]).some((form) => stems.has(form));
    });
  const coverOf = (ids: number[]): number => {
    let covered = 0;
    for (const [stem, weight] of weights) if (isIn(ids, stem)) covered += weight;
    return covered / totalWeight;
  };

  let window: SentenceWindow | undefined;
  const consider = (first: number, last: number): void => {
    const coverage = coverOf(range(first, last));
    const isShorterTie = window !== undefined && Math.abs(coverage - window.coverage) <= 1e-9 && last - first < window.last - window.first;
    if (!window || coverage > window.coverage + 1e-9 || isShorterTie) window = { first, last, coverage };
  };
  const lastId = index.sentences.length - 1;
  if (anchor) consider(Math.max(0, anchor.first - 1), Math.min(lastId, anchor.last + 1));
  for (const id of top) {
    for (let length = 1; length <= MAX_WINDOW; length++) {
      for (let first = Math.max(0, id - length + 1); first <= id && first + length - 1 <= lastId; first++) consider(first, first + length - 1);
    }
  }
  const windowIds = window ? range(window.first, window.last) : [];

  const chosen: number[] = [];
  for (let pick = 0; pick < GREEDY_PICKS; pick++) {
    let bestId = -1;
    let bestCover = coverOf(chosen);
    for (const id of top) {
      if (chosen.includes(id)) continue;
      const cover = coverOf([...chosen, id]);
      if (cover > bestCover + 1e-9) {
        bestCover = cover;
        bestId = id;
      }
    }
    if (bestId < 0) break;
    chosen.push(bestId);
  }
  const minSegmentGreedy = Math.min(
    1,
    ...claim.segments.map((segment) => {
      const total = sum(segment.map((stem) => weights.get(stem) ?? 0)) || 1;
      return sum(segment.map((stem) => (isIn(chosen, stem) ? (weights.get(stem) ?? 0) : 0))) / total;
    }),
  );

  return {
    globalFlat: claim.content.length === 0 ? 1 : globalFlat / claim.content.length,
    missing,
    bestSentence: top[0],
    best1: top[0] === undefined ? 0 : coverOf([top[0]]),
    window,
    missingInWindow: claim.content.filter((term) => !isIn(windowIds, term.stem)),
    minSegmentGreedy,
  };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
