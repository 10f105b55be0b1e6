// A source split into sentences with an inverted index from content stems to sentences, so a claim is
// scored against the whole source in time linear in the postings of its own terms.

import { termsOfTokens, type Term } from "../domain/text/analyze-terms.ts";
import { readSentences } from "../domain/text/split-sentences.ts";

export interface SourceSentence {
  start: number;
  end: number;
  terms: Term[];
  /** Distinct content stems (stopwords dropped). */
  stems: Set<string>;
}

export interface SourceIndex {
  text: string;
  sentences: SourceSentence[];
  /** Content stem -> ascending ids of the sentences that contain it. */
  postings: Map<string, number[]>;
  /** Words the source writes in lower case at least once. */
  lowerCaseWords: Set<string>;
  /** Canonical values of every number in the source. */
  numbers: Set<string>;
  /** First four letters -> the distinct content stems starting with them, for related-form matches. */
  stemsByPrefix: Map<string, string[]>;
}

const PREFIX_LENGTH = 4;

export function indexSource(text: string): SourceIndex {
  const sentences: SourceSentence[] = [];
  const postings = new Map<string, number[]>();
  const numbers = new Set<string>();
  const lowerCaseWords = new Set<string>();
  const stemsByPrefix = new Map<string, string[]>();
  // One wink reading gives the sentences and the words.
  const read = readSentences(text);
  const allTerms = termsOfTokens(read.tokens, text);
  let next = 0;
  for (const span of read.sentences) {
    while (next < allTerms.length && (allTerms[next] as Term).start < span.start) next++;
    const terms: Term[] = [];
    while (next < allTerms.length && (allTerms[next] as Term).end <= span.end) terms.push(allTerms[next++] as Term);
    const id = sentences.length;
    const stems = new Set<string>();
    for (const term of terms) {
      if (term.number !== undefined) numbers.add(term.number);
      if (!term.isCapitalized) lowerCaseWords.add(term.lower);
      if (term.isStop) continue;
      if (stems.has(term.stem)) continue;
      stems.add(term.stem);
      const list = postings.get(term.stem);
      if (list) {
        list.push(id);
        continue;
      }
      postings.set(term.stem, [id]);
      if (term.stem.length >= PREFIX_LENGTH && term.number === undefined) {
        const key = term.stem.slice(0, PREFIX_LENGTH);
        const sameStart = stemsByPrefix.get(key);
        if (sameStart) sameStart.push(term.stem);
        else stemsByPrefix.set(key, [term.stem]);
      }
    }
    sentences.push({ start: span.start, end: span.end, terms, stems });
  }
  return { text, sentences, postings, lowerCaseWords, numbers, stemsByPrefix };
}

/** BM25-style inverse sentence frequency; positive even for stems in most sentences. */
export function inverseFrequency(index: SourceIndex, stem: string): number {
  const n = index.sentences.length;
  const df = index.postings.get(stem)?.length ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// A prefix list of a long source holds hundreds of stems, and claims of one source share many words:
// one source's answers are kept at a time (claims come in runs per source).
let relatedStems: { index: SourceIndex; byStem: Map<string, readonly string[]> } | undefined;

/**
 * Source stems that are a related form of `stem`: one a prefix of the other, sharing at least four
 * letters ("nomin" / "nomine"), which the stemmer leaves apart.
 */
export function findRelatedStems(index: SourceIndex, stem: string): readonly string[] {
  if (stem.length < PREFIX_LENGTH || /\d/.test(stem)) return [];
  if (relatedStems?.index !== index) relatedStems = { index, byStem: new Map() };
  let related = relatedStems.byStem.get(stem);
  if (related === undefined) {
    related = (index.stemsByPrefix.get(stem.slice(0, PREFIX_LENGTH)) ?? []).filter((other) => other !== stem && (other.startsWith(stem) || stem.startsWith(other)));
    relatedStems.byStem.set(stem, related);
  }
  return related;
}


/** How well a claim stem is matched somewhere in the source: 1 exactly, 0.5 by a related form, else 0. */
export function matchStrength(index: SourceIndex, stem: string): number {
  if (index.postings.has(stem) || index.numbers.has(stem)) return 1;
  return findRelatedStems(index, stem).length > 0 ? 0.5 : 0;
}
