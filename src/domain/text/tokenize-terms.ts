import { analyzeTerms } from "./analyze-terms.ts";

// Index terms for BM25: the stems of a text's content words (stop words dropped), from the one text
// stack, so retrieval and the verifier agree on what a word is.

export function tokenizeTerms(text: string): string[] {
  return analyzeTerms(text).flatMap((term) => (term.isStop ? [] : [term.stem]));
}

/** The stem of one word, as tokenizeTerms would give it. */
export function stemTerm(word: string): string {
  return analyzeTerms(word)[0]?.stem ?? word.toLowerCase();
}
