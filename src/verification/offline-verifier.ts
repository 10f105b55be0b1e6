// The offline verifier: deterministic, lexical/statistical, no model calls. It locates the cited
// quote, scores the claim against the quote's neighbourhood and the best sentences anywhere in the
// source with a small logistic model, and overrides the score on clear contradictions.

import { decideVerdict, type VerdictRules, type VerdictThresholds } from "./decide-verdict.ts";
import { extractFeatures, FEATURE_NAMES } from "./extract-features.ts";
import { locateQuote } from "./locate-quote.ts";
import { predictProbability, type LogisticModel } from "./logistic-model.ts";
import { OFFLINE_MODEL, OFFLINE_THRESHOLDS, OFFLINE_WEIGHTS_ID } from "./offline-weights.ts";
import { createSourceCache } from "./source-cache.ts";
import type { QuoteLocation, Verdict, Verifier, VerifyInput, VerifyOptions } from "./types.ts";

/** Bump on any change of behaviour; the weights id is appended so a refit changes the version too. */
const CODE_VERSION = "1.6.0";

export interface OfflineVerifierConfig {
  model?: LogisticModel;
  thresholds?: VerdictThresholds;
  rules?: VerdictRules;
  /** Minimum similarity for a fuzzy quote match. */
  minQuoteSimilarity?: number;
}

export const DEFAULT_VERDICT_RULES: VerdictRules = { minContextCoverage: 0.7, minPartialCoverage: 0.4 };
const DEFAULT_MIN_QUOTE_SIMILARITY = 0.85;

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException("verification aborted", "AbortError");
}

export function createOfflineVerifier(config: OfflineVerifierConfig = {}): Verifier {
  const model = config.model ?? OFFLINE_MODEL;
  // A weights file from before a feature was renamed would otherwise score that feature as 0, silently.
  const unknownFeatures = model.features.filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name));
  if (unknownFeatures.length > 0) throw new RangeError(`offline verifier model uses unknown features: ${unknownFeatures.join(", ")}; refit with bench/verifier-fit.ts`);
  const thresholds = config.thresholds ?? OFFLINE_THRESHOLDS;
  const rules = config.rules ?? DEFAULT_VERDICT_RULES;
  const minSimilarity = config.minQuoteSimilarity ?? DEFAULT_MIN_QUOTE_SIMILARITY;
  const isCustomModel = config.model !== undefined || config.thresholds !== undefined;
  const info = { id: "offline", version: `${CODE_VERSION}+${isCustomModel ? "custom" : OFFLINE_WEIGHTS_ID}` };
  // Each source is indexed once per verifier (per run); claims are checked against the index.
  const sources = createSourceCache();

  const verify = async (input: VerifyInput, options: VerifyOptions = {}): Promise<Verdict> => {
    throwIfAborted(options.signal);
    const sourceText = input.sourceText;
    if (sourceText === null || sourceText.trim() === "") {
      return {
        verdict: "unverifiable",
        score: 0,
        reason: sourceText === null ? "source_missing" : "source_empty",
        evidence: null,
        quote: null,
        verifier: info,
      };
    }
    const source = sources.get(sourceText);
    const index = source.index;
    const hasQuote = input.quote !== undefined && input.quote.trim() !== "";
    const quote: QuoteLocation | null = hasQuote ? locateQuote(input.quote ?? "", sourceText, { minSimilarity, prepareSource: () => source.quoteSearch }) : null;
    throwIfAborted(options.signal);

    const quoteSpan = quote && quote.status !== "not_found" ? { start: quote.start, end: quote.end } : undefined;
    const analysis = extractFeatures({ claim: input.claim, index, quoteSpan });
    const probability = predictProbability(model, analysis.features);
    const span = analysis.evidence;
    const evidence = span ? { start: span.start, end: span.end, text: sourceText.slice(span.start, span.end) } : null;
    if (quote && quote.status === "not_found") {
      // A quote that is not in the source is the strongest flag, whatever the claim's wording.
      const score = Math.max(0, Math.min(probability, thresholds.partial - 0.001));
      return { verdict: "not_supported", score, reason: "quote_not_found", evidence, quote, verifier: info };
    }
    const decision = decideVerdict({ analysis, index, probability, thresholds, rules });
    // Written out rather than spread (a spread copies slowly), in the decision's own key order.
    const { verdict, score, reason } = decision;
    if (decision.isVetoed === undefined) return { verdict, score, reason, evidence, quote, verifier: info };
    return { verdict, score, reason, isVetoed: decision.isVetoed, evidence, quote, verifier: info };
  };

  return { id: info.id, version: info.version, verify };
}
