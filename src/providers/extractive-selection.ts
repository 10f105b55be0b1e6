import { scoreBm25 } from "../domain/text/score-bm25.ts";
import type { Candidate } from "./extractive-candidates.ts";

// Choosing a section's sentences by maximal marginal relevance (Carbonell & Goldstein, 1998): each
// pick trades relevance to the section query against overlap with what is already chosen, so the
// section does not say the same thing three times in three sources' words.

/** Weight of relevance against redundancy in the MMR score. */
const LAMBDA = 0.7;
/** Term-set Jaccard similarity at or above which two sentences count as near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;
/** Below this fraction of the best sentence's relevance a sentence is only taken to reach the minimum. */
const MIN_RELATIVE_RELEVANCE = 0.15;
/** Share of relevance that comes from the sentence's passage: context the sentence's own words miss. */
const PASSAGE_WEIGHT = 0.2;
export const MIN_SENTENCES = 3;
/** Stop adding sentences once the section holds this many characters (after the minimum). */
const MAX_SECTION_CHARS = 1600;

/**
 * Up to `maxCount` candidates, in reading order (source, then offset). Only sentences sharing at
 * least one term with the query are eligible: a sentence about nothing the section asks for would
 * be sourced but off-topic.
 */
export function selectSentences(args: { candidates: readonly Candidate[]; queryTerms: readonly string[]; maxCount: number }): Candidate[] {
  const own = scoreBm25({ documents: args.candidates.map((c) => c.terms), queryTerms: args.queryTerms });
  const bestOwn = Math.max(0, ...own);
  const bestPassage = Math.max(0, ...args.candidates.map((c) => c.passageScore));
  if (bestOwn <= 0) return [];
  let pool = args.candidates
    .map((candidate, index) => ({
      candidate,
      ownRelevance: (own[index] ?? 0) / bestOwn,
      relevance:
        (1 - PASSAGE_WEIGHT) * ((own[index] ?? 0) / bestOwn) + (bestPassage > 0 ? (PASSAGE_WEIGHT * candidate.passageScore) / bestPassage : 0),
      terms: new Set(candidate.terms),
    }))
    .filter((entry) => entry.ownRelevance > 0);
  const chosen: typeof pool = [];
  let chars = 0;
  while (chosen.length < args.maxCount && pool.length > 0) {
    let pick: (typeof pool)[number] | undefined;
    let pickScore = Number.NEGATIVE_INFINITY;
    for (const entry of pool) {
      const redundancy = Math.max(0, ...chosen.map((other) => measureSimilarity(entry.terms, other.terms)));
      const score = LAMBDA * entry.relevance - (1 - LAMBDA) * redundancy;
      if (score > pickScore || (score === pickScore && pick !== undefined && compareCandidates(entry.candidate, pick.candidate) < 0)) {
        pick = entry;
        pickScore = score;
      }
    }
    if (pick === undefined) break;
    const isOverMinimum = chosen.length >= MIN_SENTENCES;
    if (isOverMinimum && (pick.relevance < MIN_RELATIVE_RELEVANCE || chars + pick.candidate.text.length > MAX_SECTION_CHARS)) break;
    chosen.push(pick);
    chars += pick.candidate.text.length;
    const picked = pick;
    // Near-duplicates of the pick leave the pool for good, whatever their relevance.
    pool = pool.filter((entry) => entry !== picked && measureSimilarity(entry.terms, picked.terms) < NEAR_DUPLICATE_SIMILARITY);
  }
  return chosen.map((entry) => entry.candidate).sort(compareReadingOrder);
}

/** Jaccard similarity of two term sets; two empty sets are identical. */
export function measureSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

// Equal MMR scores go to the sentence from the better passage, then the earlier one in reading
// order, so the choice never depends on the order passages arrived in.
function compareCandidates(a: Candidate, b: Candidate): number {
  return b.passageScore - a.passageScore || compareReadingOrder(a, b);
}

function compareReadingOrder(a: Candidate, b: Candidate): number {
  return a.source - b.source || a.start - b.start;
}

/**
 * The candidates this section owns: those whose relevance to its query (BM25 over the whole
 * article's sentences, as a fraction of the best sentence for that query) is higher than to any
 * other section's query. Every section computes the same assignment from the same pool, so a source
 * sentence is quoted by at most one section of an article. Exact ties go to the query that sorts
 * first, for the same reason.
 */
export function selectOwnedCandidates(args: {
  pool: readonly Candidate[];
  ownQueryTerms: readonly string[];
  otherQueryTerms: readonly (readonly string[])[];
  /** Added to a section's normalized relevance for a candidate: its own, then one per other query. */
  bonus?: { own: (candidate: Candidate) => number; others: readonly ((candidate: Candidate) => number)[] };
}): Candidate[] {
  const documents = args.pool.map((candidate) => candidate.terms);
  const normalized = (queryTerms: readonly string[], bonus: ((candidate: Candidate) => number) | undefined): number[] => {
    const scores = scoreBm25({ documents, queryTerms });
    const best = Math.max(0, ...scores);
    // A bonus only ever raises a sentence the query already matches: it breaks near-ties, never creates relevance.
    return scores.map((score, index) => (best > 0 && score > 0 ? score / best + (bonus?.(args.pool[index] as Candidate) ?? 0) : 0));
  };
  const own = normalized(args.ownQueryTerms, args.bonus?.own);
  const ownKey = args.ownQueryTerms.join(" ");
  const others = args.otherQueryTerms.map((terms, index) => ({ key: terms.join(" "), scores: normalized(terms, args.bonus?.others[index]) }));
  return args.pool.filter((_candidate, index) => {
    const mine = own[index] ?? 0;
    if (mine <= 0) return false;
    return others.every(({ key, scores }) => {
      const theirs = scores[index] ?? 0;
      return mine > theirs || (mine === theirs && ownKey < key);
    });
  });
}
