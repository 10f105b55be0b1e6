import type { ReviewDecision } from "../store/reviews.ts";

// The verifier scored against reviewer decisions (`wikigen eval --from-reviews`). Pure: labels from
// decisions, and the binary scores from (label, accepted) pairs.
//
// The positive class is "not supported", the one a reviewer must see: a claim the verifier accepts
// (does not flag) although the reviewer rejected or retagged it is a false accept, the costliest
// error, since nobody reviews what is not flagged.

export type ReviewLabel = "supported" | "not_supported";

/** Decisions that change the claim or its citation: the reviewer judged a claim the verifier cannot be shown. */
export type ExcludedDecision = "citation_replaced" | "sentence_edited";

export type DecisionLabel = { kind: "label"; label: ReviewLabel } | { kind: "excluded"; reason: ExcludedDecision };

/**
 * approve: the claim holds against its source after all. reject (removed) and retag (kept as
 * model-written): the cited source does not support it. replace_citation and edit are excluded: the
 * stored claim row still has the old citation or sentence, and "the old one did not hold" is not what
 * the reviewer said (a better source, or a clearer sentence, may be preferred for a claim that held).
 */
export function labelDecision(decision: ReviewDecision): DecisionLabel {
  switch (decision) {
    case "approve":
      return { kind: "label", label: "supported" };
    case "reject":
    case "retag":
      return { kind: "label", label: "not_supported" };
    case "replace_citation":
      return { kind: "excluded", reason: "citation_replaced" };
    case "edit":
      return { kind: "excluded", reason: "sentence_edited" };
  }
}

export interface ScoredPair {
  label: ReviewLabel;
  /** The verifier would not flag the claim (its verdict is supported and every quote was found). */
  isAccepted: boolean;
}

export interface ConfusionMatrix {
  /** Rows: the reviewer's label; columns: what the verifier did. */
  supported: { accepted: number; flagged: number };
  not_supported: { accepted: number; flagged: number };
}

export interface VerifierScore {
  count: number;
  matrix: ConfusionMatrix;
  /** Mean of the recall of each class; null unless both labels occur. */
  balanced_accuracy: number | null;
  /** Of the claims the verifier flagged, the share the reviewer found not supported; null when none was flagged. */
  not_supported_precision: number | null;
  /** Of the claims the reviewer found not supported, the share the verifier flagged; null when there are none. */
  not_supported_recall: number | null;
  /** Reviewer: not supported; verifier: accepted. */
  false_accepts: number;
}

export function scoreVerifier(pairs: readonly ScoredPair[]): VerifierScore {
  const matrix: ConfusionMatrix = { supported: { accepted: 0, flagged: 0 }, not_supported: { accepted: 0, flagged: 0 } };
  for (const pair of pairs) matrix[pair.label][pair.isAccepted ? "accepted" : "flagged"] += 1;
  const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
  const supportedRecall = ratio(matrix.supported.accepted, matrix.supported.accepted + matrix.supported.flagged);
  const notSupportedRecall = ratio(matrix.not_supported.flagged, matrix.not_supported.accepted + matrix.not_supported.flagged);
  return {
    count: pairs.length,
    matrix,
    balanced_accuracy: supportedRecall === null || notSupportedRecall === null ? null : (supportedRecall + notSupportedRecall) / 2,
    not_supported_precision: ratio(matrix.not_supported.flagged, matrix.not_supported.flagged + matrix.supported.flagged),
    not_supported_recall: notSupportedRecall,
    false_accepts: matrix.not_supported.accepted,
  };
}
