// How much of a claim's content the source covers: anywhere, in the best single sentence, in the best
// window of up to three consecutive sentences, and clause by clause in the best few sentences together.
// Claim stems are weighted by inverse sentence frequency in the source, so a rare name counts more
// than a word found everywhere.

import type { Term } from "../domain/text/analyze-terms.ts";
import { findRelatedStems, inverseFrequency, matchStrength, type SourceIndex } from "./source-index.ts";

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

const CLAUSE_MARKS = ",;:()\u2013\u2014";

/** Whether text[from, to) holds punctuation that ends a clause (read in place, without a slice). */
function hasClauseMark(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (CLAUSE_MARKS.includes(text.charAt(at))) return true;
  return false;
}

export function selectClaimTerms(terms: Term[], text: string): ClaimTerms {
  const seen = new Set<string>();
  const content: Term[] = [];
  const segments: string[][] = [[]];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i] as Term;
    const previous = terms[i - 1];
    const current = segments[segments.length - 1] as string[];
    const isBreak = (previous !== undefined && hasClauseMark(text, previous.end, term.start)) || CLAUSE_WORDS.has(term.lower);
    if (isBreak && current.length >= MIN_SEGMENT) segments.push([]);
    if (term.isStop) continue;
    (segments[segments.length - 1] as string[]).push(term.stem);
    if (seen.has(term.stem)) continue;
    seen.add(term.stem);
    content.push(term);
  }
  // A trailing clause of one word is folded into the one before it.
  const last = segments[segments.length - 1] as string[];
  if (segments.length > 1 && last.length < MIN_SEGMENT) (segments[segments.length - 2] as string[]).push(...(segments.pop() ?? []));
  return { terms, content, segments: segments.filter((segment) => segment.length > 0) };
}

export function measureCoverage(claim: ClaimTerms, index: SourceIndex, anchor?: { first: number; last: number }): Coverage {
  // Content stems are distinct (selectClaimTerms): stem k has weight k and bit k in the masks below.
  const stems: string[] = [];
  const stemWeights: number[] = [];
  const weights = new Map<string, number>();
  const stemIds = new Map<string, number>();
  for (const term of claim.content) {
    const weight = inverseFrequency(index, term.stem);
    stemIds.set(term.stem, stems.length);
    stems.push(term.stem);
    stemWeights.push(weight);
    weights.set(term.stem, weight);
  }
  const totalWeight = sum(stemWeights) || 1;
  let globalFlat = 0;
  const missing: Term[] = [];
  for (const term of claim.content) {
    const strength = matchStrength(index, term.stem);
    globalFlat += strength;
    if (strength === 0) missing.push(term);
  }

  // A claim stem is present in a sentence in its own form or a related one ("nomin" / "nomine").
  const forms = stems.map((stem) => [stem, ...findRelatedStems(index, stem)]);
  const ranking = rankSentences(index, forms, stemWeights);
  const { top, words } = ranking;
  // Coverage of a set of sentences: the weights of the claim stems in the union of their masks,
  // summed in claim order so every figure is the same to the bit as a sum over the claim's stems.
  const union = new Int32Array(words);
  const coverOfUnion = (mask: Int32Array): number => {
    let covered = 0;
    for (let j = 0; j < words; j++) {
      // Set bits lowest first, so stems are added in claim order.
      for (let bits = mask[j] as number; bits !== 0; bits &= bits - 1) covered += stemWeights[j * 32 + 31 - Math.clz32(bits & -bits)] as number;
    }
    return covered / totalWeight;
  };
  const unionOf = (first: number, last: number, into: Int32Array): Int32Array => {
    for (let j = 0; j < words; j++) into[j] = 0;
    for (let id = first; id <= last; id++) ranking.orMask(id, into);
    return into;
  };

  let window: SentenceWindow | undefined;
  const consider = (first: number, last: number): void => {
    const coverage = coverOfUnion(unionOf(first, last, union));
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
  const windowMask = window ? unionOf(window.first, window.last, new Int32Array(words)) : new Int32Array(words);

  const chosen: number[] = [];
  const chosenMask = new Int32Array(words);
  for (let pick = 0; pick < GREEDY_PICKS; pick++) {
    let bestId = -1;
    let bestCover = coverOfUnion(chosenMask);
    for (const id of top) {
      if (chosen.includes(id)) continue;
      for (let j = 0; j < words; j++) union[j] = chosenMask[j] as number;
      ranking.orMask(id, union);
      const cover = coverOfUnion(union);
      if (cover > bestCover + 1e-9) {
        bestCover = cover;
        bestId = id;
      }
    }
    if (bestId < 0) break;
    chosen.push(bestId);
    ranking.orMask(bestId, chosenMask);
  }
  const best1 = top[0] === undefined ? 0 : coverOfUnion(unionOf(top[0], top[0], union));
  const has = (mask: Int32Array, stem: string): boolean => {
    const k = stemIds.get(stem);
    return k !== undefined && (((mask[k >> 5] as number) >>> (k & 31)) & 1) === 1;
  };
  const minSegmentGreedy = Math.min(
    1,
    ...claim.segments.map((segment) => {
      const total = sum(segment.map((stem) => weights.get(stem) ?? 0)) || 1;
      return sum(segment.map((stem) => (has(chosenMask, stem) ? (weights.get(stem) ?? 0) : 0))) / total;
    }),
  );

  return {
    globalFlat: claim.content.length === 0 ? 1 : globalFlat / claim.content.length,
    missing,
    bestSentence: top[0],
    best1,
    window,
    missingInWindow: claim.content.filter((term) => !has(windowMask, term.stem)),
    minSegmentGreedy,
  };
}

/** Per source: a score, a stamp and a mask of claim stems per sentence, reused by every claim checked against it. */
interface RankScratch {
  index: SourceIndex;
  scores: Float64Array;
  stamps: Int32Array;
  stamp: number;
  /** `words` 32-bit words per sentence: bit k set when the sentence has claim stem k (in any of its forms). */
  masks: Int32Array;
}

// One source's slots at a time: claims come in runs per source, and a switch costs three typed
// arrays (a weak map of every index seen cost more, in garbage collection, than it saved).
let kept: RankScratch | undefined;

interface Ranking {
  /** The TOP_SENTENCES sentences with the highest summed weight of claim stems, highest first, ties by id. */
  top: number[];
  /** 32-bit words in a mask of claim stems. */
  words: number;
  /** ORs sentence `id`'s mask of claim stems into `into`. */
  orMask(id: number, into: Int32Array): void;
}

/**
 * Reads only the postings of the claim's stems, into per-sentence slots: each sentence gets its
 * summed weight and a mask of the claim stems it has. The best are kept by insertion: no map, and
 * no sort of every sentence that shares a word with the claim.
 */
function rankSentences(index: SourceIndex, forms: string[][], stemWeights: number[]): Ranking {
  const sentenceCount = index.sentences.length;
  const words = Math.max(1, Math.ceil(forms.length / 32));
  let scratch = kept;
  if (!scratch || scratch.index !== index || scratch.masks.length < sentenceCount * words) {
    scratch = { index, scores: new Float64Array(sentenceCount), stamps: new Int32Array(sentenceCount), stamp: 0, masks: new Int32Array(sentenceCount * words) };
    kept = scratch;
  }
  const { scores, stamps, masks } = scratch;
  // The stamps only grow; start over well before they could overflow.
  if (scratch.stamp > 1 << 30) {
    stamps.fill(0);
    scratch.stamp = 0;
  }
  const touched: number[] = [];
  const firstStamp = scratch.stamp + 1;
  forms.forEach((stemForms, k) => {
    // One stamp per claim stem: a sentence holding two forms of one stem counts it once.
    const stamp = ++(scratch as RankScratch).stamp;
    const weight = stemWeights[k] as number;
    const word = k >> 5;
    const bit = 1 << (k & 31);
    for (const form of stemForms) {
      for (const id of index.postings.get(form) ?? []) {
        if (stamps[id] === stamp) continue;
        if ((stamps[id] as number) < firstStamp) {
          // First touch in this claim: whatever an earlier claim left here is cleared now.
          touched.push(id);
          scores[id] = 0;
          for (let j = 0; j < words; j++) masks[id * words + j] = 0;
        }
        stamps[id] = stamp;
        scores[id] = (scores[id] as number) + weight;
        masks[id * words + word] = (masks[id * words + word] as number) | bit;
      }
    }
  });
  const isBetter = (a: number, b: number): boolean => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  const top: number[] = [];
  for (const id of touched) {
    if (top.length === TOP_SENTENCES && !isBetter(id, top[TOP_SENTENCES - 1] as number)) continue;
    let at = top.length < TOP_SENTENCES ? top.length : TOP_SENTENCES - 1;
    while (at > 0 && isBetter(id, top[at - 1] as number)) {
      top[at] = top[at - 1] as number;
      at--;
    }
    top[at] = id;
  }
  return {
    top,
    words,
    orMask(id, into) {
      // A sentence no claim stem reached (a window's neighbour) has an empty mask.
      if (id < 0 || id >= sentenceCount || (stamps[id] as number) < firstStamp) return;
      for (let j = 0; j < words; j++) into[j] = (into[j] as number) | (masks[id * words + j] as number);
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
