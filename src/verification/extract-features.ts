// Everything the offline verifier knows about one claim against one source: named numeric features
// for the learned model, plus the findings that explain a verdict (evidence window, mismatches).

import { analyzeTerms, type Term } from "../domain/text/analyze-terms.ts";
import { checkAttribution, type AttributionCheck } from "./check-attribution.ts";
import { checkFacts, type FactVeto } from "./check-facts.ts";
import { checkNumbers, type NumberCheck } from "./check-numbers.ts";
import { checkPolarity, GOVERNED_POLARITY, type PolarityCheck } from "./check-polarity.ts";
import { measureCoverage, selectClaimTerms, type ClaimTerms, type Coverage } from "./measure-coverage.ts";
import type { SourceIndex } from "./source-index.ts";

export const FEATURE_NAMES = [
  "coverWindow",
  "coverGlobalFlat",
  "minSegmentGreedy",
  "missingNumbers",
  "missingCapitalized",
  "logMissingLower",
  "claimLength",
  "sourceSize",
  "polarityMismatch",
  "missingInWindow",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

export interface SupportAnalysis {
  features: Features;
  claim: ClaimTerms;
  coverage: Coverage;
  /** Source offsets of the best evidence window; undefined when no sentence shares a content word. */
  evidence: { start: number; end: number } | undefined;
  numbers: NumberCheck;
  /** Read from the best single sentence: a wider window brings in unrelated negations. */
  polarity: PolarityCheck;
  attribution: AttributionCheck;
  /** The first typed fact check the evidence window fails ("number_mismatch: ..."), or undefined. */
  factVeto: FactVeto | undefined;
}

/** Ids of the sentences overlapping [start, end), by binary search over sentence ends. */
function findSentencesOverlapping(index: SourceIndex, start: number, end: number): { first: number; last: number } | undefined {
  const sentences = index.sentences;
  let low = 0;
  let high = sentences.length - 1;
  let first = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((sentences[mid]?.end ?? 0) > start) {
      first = mid;
      high = mid - 1;
    } else {
      low = mid + 1;
    }
  }
  if (first < 0 || (sentences[first]?.start ?? end) >= end) return undefined;
  let last = first;
  while (last + 1 < sentences.length && (sentences[last + 1]?.start ?? end) < end) last++;
  return { first, last };
}

/** The terms of sentences first to last; one sentence's own list, not a copy (no check changes a term list). */
function termsOf(index: SourceIndex, first: number, last: number): Term[] {
  if (first === last) return index.sentences[first]?.terms ?? [];
  const terms: Term[] = [];
  for (let id = first; id <= last; id++) terms.push(...(index.sentences[id]?.terms ?? []));
  return terms;
}

/** A stem in the source, or one sharing its first five letters ("libyan" / "libya", "england" / "english"). */
function hasRelatedStem(index: SourceIndex, stem: string): boolean {
  if (index.postings.has(stem)) return true;
  const head = stem.slice(0, 5);
  return head.length >= 4 && (index.stemsByPrefix.get(stem.slice(0, 4)) ?? []).some((other) => other.startsWith(head) || head.startsWith(other));
}

export function extractFeatures(args: { claim: string; index: SourceIndex; quoteSpan?: { start: number; end: number } | undefined }): SupportAnalysis {
  const { claim, index } = args;
  const claimTerms = selectClaimTerms(analyzeTerms(claim), claim);
  const anchor = args.quoteSpan ? findSentencesOverlapping(index, args.quoteSpan.start, args.quoteSpan.end) : undefined;
  const coverage = measureCoverage(claimTerms, index, anchor);
  const window = coverage.window;
  const evidenceTerms = window ? termsOf(index, window.first, window.last) : [];
  const firstSentence = window ? index.sentences[window.first] : undefined;
  const lastSentence = window ? index.sentences[window.last] : undefined;
  const evidence = firstSentence && lastSentence ? { start: firstSentence.start, end: lastSentence.end } : undefined;
  const bestTerms = coverage.bestSentence === undefined ? [] : termsOf(index, coverage.bestSentence, coverage.bestSentence);

  const numbers = checkNumbers({ claimTerms: claimTerms.terms, sourceNumbers: index.numbers, evidenceTerms });
  const polarity = checkPolarity(claimTerms.terms, bestTerms, GOVERNED_POLARITY);
  const attribution = checkAttribution({ claimTerms: claimTerms.terms, claimText: claim, evidenceTerms: bestTerms, sourceText: index.text, lowerCaseWords: index.lowerCaseWords });
  // A window of the best sentence alone has the best sentence's polarity: read once.
  const windowPolarity = window && window.first === window.last && window.first === coverage.bestSentence ? polarity : undefined;
  const factVeto = window
    ? checkFacts({ claimTerms: claimTerms.terms, claimText: claim, evidenceTerms, sourceText: index.text, lowerCaseWords: index.lowerCaseWords, sourceNumbers: index.numbers, hasSourceStem: (stem) => hasRelatedStem(index, stem), index, evidencePolarity: windowPolarity })
    : undefined;
  const missingLower = coverage.missing.filter((term) => !term.isCapitalized && term.number === undefined).length;

  const features: Features = {
    coverWindow: window?.coverage ?? 0,
    coverGlobalFlat: coverage.globalFlat,
    minSegmentGreedy: coverage.minSegmentGreedy,
    missingNumbers: numbers.missingAnywhere.length,
    missingCapitalized: coverage.missing.filter((term) => term.isCapitalized).length,
    logMissingLower: Math.log1p(missingLower),
    claimLength: Math.log1p(claimTerms.content.length),
    sourceSize: Math.log1p(index.sentences.length),
    polarityMismatch: polarity.mismatch ? coverage.best1 : 0,
    missingInWindow: Math.log1p(coverage.missingInWindow.length),
  };
  return { features, claim: claimTerms, coverage, evidence, numbers, polarity, attribution, factVeto };
}
