import type { ViewSection, ViewSource } from "./build-article-view.ts";

// What an article rests on (issue 15), for the evidence line of the metadata box in every rendering:
// the sources its shown sourced sentences cite, by tier, and the share of its shown sentences that
// are sourced, model-written and examples. Computed from the view, so publish mode counts what a
// reader sees (a rejected sentence is gone, a retagged one is model-written).

export const SOURCE_TIERS = ["T1", "T2", "T3"] as const;

export interface EvidenceBasis {
  /** Sources cited by at least one shown sourced sentence, and how many the spec lists. */
  citedSources: number;
  listedSources: number;
  /** Cited sources per tier (every tier present, zero included). */
  tiers: Record<(typeof SOURCE_TIERS)[number], number>;
  sentences: { total: number; source: number; elaborated: number; llm: number; example: number };
  /** Whole percentages of the shown sentences that sum to 100 (0 each when there are none). */
  shares: { source: number; llm: number; example: number };
}

export function computeEvidenceBasis(sections: readonly ViewSection[], sources: readonly ViewSource[]): EvidenceBasis {
  const sentences = { total: 0, source: 0, elaborated: 0, llm: 0, example: 0 };
  const cited = new Set<number>();
  for (const claim of sections.flatMap((section) => section.blocks.flatMap((block) => block.claims))) {
    sentences.total++;
    sentences[claim.basis]++;
    if (claim.basis === "source" && claim.elaborated) sentences.elaborated++;
    if (claim.basis === "source") for (const citation of claim.citations) cited.add(citation.source);
  }
  const tiers = { T1: 0, T2: 0, T3: 0 };
  for (const source of sources) {
    if (cited.has(source.number) && source.tier in tiers) tiers[source.tier as keyof typeof tiers]++;
  }
  return {
    citedSources: sources.filter((source) => cited.has(source.number)).length,
    listedSources: sources.length,
    tiers,
    sentences,
    shares: wholePercentages({ source: sentences.source, llm: sentences.llm, example: sentences.example }),
  };
}

/** Largest-remainder rounding: whole percentages that add up to exactly 100. */
function wholePercentages<K extends string>(counts: Record<K, number>): Record<K, number> {
  const keys = Object.keys(counts) as K[];
  const total = keys.reduce((sum, key) => sum + counts[key], 0);
  const result = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  if (total === 0) return result;
  const exact = keys.map((key) => ({ key, value: (counts[key] * 100) / total }));
  for (const { key, value } of exact) result[key] = Math.floor(value);
  let left = 100 - keys.reduce((sum, key) => sum + result[key], 0);
  for (const { key } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left <= 0) break;
    result[key]++;
    left--;
  }
  return result;
}

/** The evidence line as a sentence, the same words in HTML and Markdown. */
export function describeEvidenceBasis(basis: EvidenceBasis): string {
  const tiers = SOURCE_TIERS.map((tier) => `${tier} ${basis.tiers[tier]}`).join(", ");
  const sources = `Rests on ${basis.citedSources} of ${basis.listedSources} sources cited (${tiers})`;
  if (basis.sentences.total === 0) return `${sources}; no sentences shown.`;
  const framing = basis.sentences.elaborated > 0 ? ` (${basis.sentences.elaborated} with the model's framing)` : "";
  return `${sources}; sentences ${basis.shares.source}% sourced${framing}, ${basis.shares.llm}% model-written, ${basis.shares.example}% examples.`;
}
