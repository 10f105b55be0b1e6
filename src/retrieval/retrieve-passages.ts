import type { Passage } from "../domain/passage.ts";
import { rankPassages } from "./rank-passages.ts";
import { selectPassages } from "./select-passages.ts";
import { splitPassages } from "./split-passages.ts";

/**
 * The retrieval stage for one section: split every source's extracted text into passages, rank
 * them all together with BM25 (idf is computed across the article's sources, so a term every
 * source repeats weighs little), and keep the best under the token budget, in reading order.
 */
export function retrievePassages(args: {
  sources: readonly { number: number; text: string }[];
  query: string;
  topic: string;
  tokenBudget: number;
  maxPerSource?: number;
}): Passage[] {
  const passages = args.sources.flatMap((source) => splitPassages({ source: source.number, text: source.text }));
  const ranked = rankPassages({ passages, query: args.query, topic: args.topic });
  return selectPassages({ ranked, tokenBudget: args.tokenBudget, maxPerSource: args.maxPerSource });
}
