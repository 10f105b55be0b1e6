import type { ModelPreflight } from "../providers/types.ts";

// Contracts of the verification stage: where a cited quote sits in its source, and whether the
// source supports a claim. The offline, llm and cascade verifiers all implement `Verifier`.

export type QuoteStatus = "exact" | "normalized" | "fuzzy" | "not_found";

export interface QuoteLocation {
  status: QuoteStatus;
  /** Offsets into the ORIGINAL text: text.slice(start, end) is the matched span; -1 when not_found. */
  start: number;
  end: number;
  /** 1 for exact and normalized matches, the alignment similarity for fuzzy ones, best seen for not_found. */
  similarity: number;
}

export type SupportVerdict = "supported" | "partially_supported" | "not_supported" | "unverifiable";

export interface Evidence {
  /** Offsets into the source text; text === sourceText.slice(start, end). */
  start: number;
  end: number;
  text: string;
}

export interface VerifierInfo {
  id: string;
  version: string;
}

export interface Verdict {
  verdict: SupportVerdict;
  /** In [0, 1]: how likely the claim is supported (higher = more likely). */
  score: number;
  /**
   * Machine-readable: "supported", "number_mismatch: claim 1998, source 1991", "negation: ...",
   * "attribution: ...", "missing_terms: [a, b]", "low_support", "quote_not_found", "source_missing",
   * "source_empty". The part before ":" is the kind; "negation" covers both negation and hedging.
   */
  reason: string;
  evidence: Evidence | null;
  quote: QuoteLocation | null;
  verifier: VerifierInfo;
  /**
   * True when a typed fact check or a contradiction (a changed number, swapped values, another
   * entity, a cause the source does not state ...) decided the verdict: the cascade does not ask a
   * judge to overrule it.
   */
  isVetoed?: boolean;
}

export interface VerifyInput {
  claim: string;
  quote?: string | undefined;
  /** null when the source is missing or was not fetched: the verdict is then "unverifiable". */
  sourceText: string | null;
}

export interface VerifyOptions {
  signal?: AbortSignal | undefined;
}

export interface Verifier {
  id: string;
  version: string;
  verify(input: VerifyInput, options?: VerifyOptions): Promise<Verdict>;
  /** For a verifier with a model behind it: the model's preflight (see ModelProvider.preflight). */
  preflight?(): Promise<ModelPreflight | undefined>;
}
