import type { Verdict, Verifier } from "./types.ts";

export interface CitationToVerify {
  source: number;
  quote: string;
  /** The cited snapshot's extracted text; null when the source was not fetched. */
  sourceText: string | null;
}

export interface FlaggableVerdict extends Verdict {
  isFlagged: boolean;
}

export interface ClaimVerification {
  claim: FlaggableVerdict;
  citations: FlaggableVerdict[];
}

const VERDICT_RANK = { supported: 3, partially_supported: 2, not_supported: 1, unverifiable: 0 } as const;

/**
 * Checks one sourced claim against every source it cites. The claim's verdict is its best-supported
 * citation (one source that holds is enough); any quote that cannot be found in its source is still
 * flagged, since a fabricated quote is the strongest warning there is. Claims written by the model
 * or as examples are not checked: the caller never counts them as verified.
 */
export async function verifyClaim(
  claim: { text: string; citations: CitationToVerify[] },
  verifier: Verifier,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<ClaimVerification> {
  const citations: FlaggableVerdict[] = [];
  for (const citation of claim.citations) {
    const verdict = await verifier.verify({ claim: claim.text, quote: citation.quote, sourceText: citation.sourceText }, options);
    citations.push({ ...verdict, isFlagged: verdict.verdict !== "supported" || verdict.quote?.status === "not_found" });
  }
  const best = citations.reduce<FlaggableVerdict | undefined>((chosen, candidate) => {
    if (!chosen) return candidate;
    const rank = VERDICT_RANK[candidate.verdict] - VERDICT_RANK[chosen.verdict];
    return rank > 0 || (rank === 0 && candidate.score > chosen.score) ? candidate : chosen;
  }, undefined);
  if (!best) throw new Error("verifyClaim: a sourced claim needs at least one citation");
  const hasMissingQuote = citations.some((citation) => citation.quote?.status === "not_found");
  return { claim: { ...best, isFlagged: best.verdict !== "supported" || hasMissingQuote }, citations };
}
