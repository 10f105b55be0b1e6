import type { OpenFlag } from "../store/flags.ts";

// Orders of the review queue. "queue" is the store's order (newest article version first, then
// reading order). "uncertain" puts the flags the verifier was least sure of first: those whose score
// is nearest 0.5. Scores are calibrated probabilities that the sources support the claim (the
// offline verifier's logistic model, the judge's categories placed on the same scale), so 0.5 is
// where the verifier is as likely wrong as right; a flag scored 0.05 is almost surely a real problem
// and quick to confirm, while one scored 0.48 is where a reviewer's judgement changes the most. The
// cascade's judge band (verifier.cascade_band, [0.35, 0.65] by default) is centred on the same point.
// Nearest the "supported" threshold was the other choice; it would rank a score of 0.64 as the least
// certain flag, although the model says such a claim is more likely supported than not. Ties keep
// queue order.

export const ORDERS = ["queue", "uncertain"] as const;
export type QueueOrder = (typeof ORDERS)[number];

export function parseOrder(value: string | null | undefined): QueueOrder {
  return value === "uncertain" ? "uncertain" : "queue";
}

/** How far a score is from the verifier's point of greatest doubt; 0 is least certain. */
export function certaintyOf(score: number): number {
  return Math.abs(score - 0.5);
}

export function orderFlags(flags: OpenFlag[], order: QueueOrder): OpenFlag[] {
  if (order === "queue") return flags;
  return flags
    .map((flag, index) => ({ flag, index }))
    .sort((a, b) => certaintyOf(a.flag.score) - certaintyOf(b.flag.score) || a.index - b.index)
    .map(({ flag }) => flag);
}
