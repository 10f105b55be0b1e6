// How well a passage of the source (a sentence and its neighbours) supports a claim: the weighted
// share of the claim's content words it holds, each word weighted by its rarity in the source. The
// evidence window of one fact of a claim (a year, a denial) is the best passage that states that fact.

import type { Term } from "../domain/text/analyze-terms.ts";
import { inverseFrequency, type SourceIndex } from "./source-index.ts";

/** Sentences on either side of the one that states a fact. */
const RADIUS = 1;
/** Enough places for any word of a real page; a value written thousands of times in one source is not weighed further. */
export const MAX_PLACES = 400;

/**
 * The first `max` sentences that write `value`: the postings list itself when it is no longer (read
 * only, never changed), so weighing a claim's values copies no list.
 */
export function firstPlaces(index: SourceIndex, value: string, max: number = MAX_PLACES): readonly number[] {
  const places = index.postings.get(value);
  if (places === undefined) return [];
  return places.length <= max ? places : places.slice(0, max);
}

/** The claim's content words (no numbers, no stopwords), each weighted by its rarity in the source. */
export interface ClaimWeights {
  stems: string[];
  weights: number[];
  total: number;
}

export function weighClaimWords(claimTerms: Term[], index: SourceIndex): ClaimWeights {
  const stems = [...new Set(claimTerms.filter((term) => !term.isStop && term.number === undefined).map((term) => term.stem))];
  const weights = stems.map((stem) => inverseFrequency(index, stem));
  return { stems, weights, total: weights.reduce((sum, weight) => sum + weight, 0) };
}

/** Weighted share of the claim's words among `stems`. */
export function supportIn(claim: ClaimWeights, has: (stem: string) => boolean): number {
  if (claim.total === 0) return 0;
  let covered = 0;
  for (let k = 0; k < claim.stems.length; k++) if (has(claim.stems[k] as string)) covered += claim.weights[k] as number;
  return covered / claim.total;
}

/** Support of the passage around sentence `id` (it and its neighbours). */
export function supportAround(claim: ClaimWeights, index: SourceIndex, id: number): number {
  // supportIn over the passage's stems, written out: this runs for every place a value is written.
  if (claim.total === 0) return 0;
  const first = Math.max(0, id - RADIUS);
  const last = Math.min(index.sentences.length - 1, id + RADIUS);
  let covered = 0;
  for (let k = 0; k < claim.stems.length; k++) {
    const stem = claim.stems[k] as string;
    for (let near = first; near <= last; near++) {
      if (index.sentences[near]?.stems.has(stem)) {
        covered += claim.weights[k] as number;
        break;
      }
    }
  }
  return covered / claim.total;
}

/** The best support of any passage around a sentence that writes `value` (and passes `accepts`, when given), and that sentence. */
export function bestPassageStating(value: string, claim: ClaimWeights, index: SourceIndex, accepts?: (sentence: number) => boolean): { support: number; sentence: number | undefined } {
  let best = { support: 0, sentence: undefined as number | undefined };
  for (const id of firstPlaces(index, value)) {
    if (accepts && !accepts(id)) continue;
    const support = supportAround(claim, index, id);
    if (support > best.support) best = { support, sentence: id };
  }
  return best;
}

