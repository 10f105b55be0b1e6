import type { Passage } from "../domain/passage.ts";
import { scoreBm25 } from "../domain/text/score-bm25.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { comparePassages } from "./rank-passages.ts";

/**
 * Ranks passages against several queries at once (a section's queries, or every section's for the
 * article's shared block): each query's BM25 scores are divided by that query's best score, and a
 * passage's score is the sum over queries. So each query adds at most 1, and a query naming one key
 * figure or one problem lifts its own best passages as much as the broad purpose query lifts its
 * own, instead of being outweighed by it. A passage sharing no term with any query scores 0 (and
 * selectPassages never takes it). Best first; ties in reading order.
 */
export function rankPassagesForQueries(args: { passages: readonly Passage[]; queries: readonly string[] }): Passage[] {
  const documents = args.passages.map((passage) => tokenizeTerms(passage.text));
  const totals = new Array<number>(args.passages.length).fill(0);
  for (const query of args.queries) {
    const scores = scoreBm25({ documents, queryTerms: tokenizeTerms(query) });
    const best = Math.max(0, ...scores);
    if (best <= 0) continue;
    scores.forEach((score, index) => {
      totals[index] = (totals[index] ?? 0) + score / best;
    });
  }
  return args.passages.map((passage, index) => ({ ...passage, score: totals[index] ?? 0 })).sort(comparePassages);
}
