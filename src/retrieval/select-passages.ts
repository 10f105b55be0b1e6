import type { Passage } from "../domain/passage.ts";

export const DEFAULT_MAX_PER_SOURCE = 4;

/**
 * Token cost of a passage, estimated as ceil(chars / 4): about four characters per token for
 * English prose with Claude-family tokenizers. An estimate, not a count; budgets leave headroom.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Takes passages best first while they fit the token budget, at most `maxPerSource` from one source
 * so a long source cannot crowd out the others. A passage that does not fit is skipped, not a stop:
 * a shorter one further down may still fit. Passages scoring 0 share no term with the query and are
 * never taken. The result is in reading order (source number, then offset), the order a prompt or
 * the extractive provider presents them in.
 */
export function selectPassages(args: { ranked: readonly Passage[]; tokenBudget: number; maxPerSource?: number }): Passage[] {
  const maxPerSource = args.maxPerSource ?? DEFAULT_MAX_PER_SOURCE;
  const perSource = new Map<number, number>();
  const chosen: Passage[] = [];
  let remaining = args.tokenBudget;
  for (const passage of args.ranked) {
    if (passage.score <= 0) continue;
    const taken = perSource.get(passage.source) ?? 0;
    const cost = estimateTokens(passage.text);
    if (taken >= maxPerSource || cost > remaining) continue;
    chosen.push(passage);
    perSource.set(passage.source, taken + 1);
    remaining -= cost;
  }
  return chosen.sort((a, b) => a.source - b.source || a.start - b.start);
}
