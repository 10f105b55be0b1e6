// From model score and findings to a verdict with a machine-readable reason. A contradiction found in
// well-matched evidence (a different number, flipped polarity, another actor) overrides the score:
// those are the errors a reader cannot spot from the wording.

import type { SupportAnalysis } from "./extract-features.ts";
import type { SourceIndex } from "./source-index.ts";
import type { SupportVerdict } from "./types.ts";
import { HEDGE_CUES, NEGATION_CUES } from "./word-lists.ts";

export interface VerdictThresholds {
  /** Scores at or above this are "supported". */
  supported: number;
  /** Scores at or above this (and below `supported`) are "partially_supported"; below it, "not_supported". */
  partial: number;
}

export interface VerdictRules {
  /** Share of the claim's other content words the evidence sentence must contain before a mismatch counts. */
  minContextCoverage: number;
  /** Below this share of its content words found anywhere in the source, a claim is not even partly supported. */
  minPartialCoverage: number;
}

export interface VerdictDecision {
  verdict: SupportVerdict;
  score: number;
  reason: string;
  /** Set when a contradiction or a typed fact check decided: no score or judge may overrule it. */
  isVetoed?: boolean;
}

const MAX_LISTED_TERMS = 8;

/** Unweighted share of the claim's content terms (minus `excluded` words and polarity cues) found in `stems`. */
function measureContextCoverage(analysis: SupportAnalysis, stems: ReadonlySet<string>, excluded: ReadonlySet<string>): number {
  const considered = analysis.claim.content.filter(
    (term) => !excluded.has(term.lower) && !excluded.has(term.stem) && !NEGATION_CUES.has(term.lower) && !HEDGE_CUES.has(term.lower),
  );
  if (considered.length === 0) return 0;
  return considered.filter((term) => stems.has(term.stem)).length / considered.length;
}

function stemsOf(index: SourceIndex, first: number | undefined, last: number | undefined): Set<string> {
  const stems = new Set<string>();
  if (first === undefined || last === undefined) return stems;
  for (let id = first; id <= last; id++) for (const stem of index.sentences[id]?.stems ?? []) stems.add(stem);
  return stems;
}

/** The contradiction that overrides the score, as a reason string, or undefined. */
function findContradiction(analysis: SupportAnalysis, index: SourceIndex, rules: VerdictRules): string | undefined {
  // Read only when a mismatch needs them: most claims have none.
  const windowStems = (): Set<string> => stemsOf(index, analysis.coverage.window?.first, analysis.coverage.window?.last);
  const bestStems = (): Set<string> => stemsOf(index, analysis.coverage.bestSentence, analysis.coverage.bestSentence);
  const mismatch = analysis.numbers.mismatch;
  if (mismatch && analysis.numbers.missingAnywhere.includes(mismatch.claim)) {
    const numberWords = new Set(analysis.numbers.claimNumbers);
    if (measureContextCoverage(analysis, windowStems(), numberWords) >= rules.minContextCoverage) {
      return `number_mismatch: claim ${mismatch.claim}, source ${mismatch.source}`;
    }
  }
  if (analysis.polarity.mismatch && measureContextCoverage(analysis, bestStems(), new Set()) >= rules.minContextCoverage) {
    return analysis.polarity.mismatch;
  }
  const attribution = analysis.attribution.mismatch;
  if (attribution) {
    const nameWords = new Set(analysis.attribution.claimNames.flatMap((name) => name.words));
    if (measureContextCoverage(analysis, bestStems(), nameWords) >= rules.minContextCoverage) {
      return `attribution: claim credits ${attribution.claim}, source credits ${attribution.source}`;
    }
  }
  return undefined;
}

function listTerms(words: string[]): string {
  const unique = [...new Set(words)];
  const shown = unique.slice(0, MAX_LISTED_TERMS).join(", ");
  return unique.length > MAX_LISTED_TERMS ? `[${shown}, ...]` : `[${shown}]`;
}

export function decideVerdict(args: {
  analysis: SupportAnalysis;
  index: SourceIndex;
  probability: number;
  thresholds: VerdictThresholds;
  rules: VerdictRules;
}): VerdictDecision {
  const { analysis, probability, thresholds } = args;
  // Keep score and verdict consistent: an overridden verdict scores below the partial threshold.
  const notSupported = (reason: string): VerdictDecision => ({ verdict: "not_supported", score: Math.max(0, Math.min(probability, thresholds.partial - 0.001)), reason });
  // A claim without a content word ("It is.") states nothing the source could back: the features of
  // an empty claim score like a perfect match, which made such lines "supported" (issue 17).
  // Its score is 0, not the model's: with nothing to look for, nothing in the source supports it.
  if (analysis.claim.content.length === 0) return { verdict: "not_supported", score: 0, reason: "no_content: the claim has no word to check against the source" };
  // The typed checks' reasons name units and bindings, so they speak first; except that an
  // attribution (who is credited instead) says more than "this name is missing".
  // A name the source never has, where the source credits another, is an entity mismatch naming both.
  const veto = analysis.factVeto;
  const credited = analysis.attribution.mismatch;
  const contradiction =
    veto?.check === "entity" && credited ? `entity_mismatch: ${credited.claim} / ${credited.source}` : (veto?.reason ?? findContradiction(analysis, args.index, args.rules));
  if (contradiction) {
    const { verdict, score, reason } = notSupported(contradiction);
    return { verdict, score, reason, isVetoed: true };
  }
  const missing = analysis.coverage.missing.map((term) => term.raw);
  const missingHere = analysis.coverage.missingInWindow.map((term) => term.raw);
  const reason = missing.length > 0 ? `missing_terms: ${listTerms(missing)}` : missingHere.length > 0 ? `missing_terms: ${listTerms(missingHere)}` : "low_support";
  // Support is always shown on a span of the source; with no evidence window there is none to show.
  if (!analysis.evidence) return notSupported(reason);
  if (probability >= thresholds.supported) return { verdict: "supported", score: probability, reason: "supported" };
  const isPartial = probability >= thresholds.partial && analysis.coverage.globalFlat >= args.rules.minPartialCoverage;
  return { verdict: isPartial ? "partially_supported" : "not_supported", score: probability, reason };
}
