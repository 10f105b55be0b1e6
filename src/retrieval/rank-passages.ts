import type { Passage } from "../domain/passage.ts";
import { scoreBm25 } from "../domain/text/score-bm25.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";

/**
 * Scores every passage of an article with BM25 against the section's query terms plus the topic,
 * and returns copies with `score` set, best first. Ties (equal scores, e.g. all zero) fall back to
 * reading order, source number then offset, so the same input always ranks the same way.
 */
export function rankPassages(args: { passages: readonly Passage[]; query: string; topic: string }): Passage[] {
  const queryTerms = tokenizeTerms(`${args.query} ${args.topic}`);
  const scores = scoreBm25({ documents: args.passages.map((passage) => tokenizeTerms(passage.text)), queryTerms });
  return args.passages
    .map((passage, index) => ({ ...passage, score: scores[index] ?? 0 }))
    .sort(comparePassages);
}

export function comparePassages(a: Passage, b: Passage): number {
  return b.score - a.score || a.source - b.source || a.start - b.start || a.end - b.end;
}
