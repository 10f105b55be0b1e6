import { splitSentences } from "../domain/text/split-sentences.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import type { Passage } from "../domain/passage.ts";
import { findFiniteVerbGroups, findUnresolvedReference } from "./extractive-standalone.ts";
import { tagWords } from "./extractive-tagging.ts";

// The source sentences the extractive provider may quote. A sentence is quoted verbatim as a claim,
// so only sentences that read as a complete statement on their own qualify: a heading, a menu, a
// half-quoted remark or a question would become a "sourced claim" that says nothing or misleads, and a
// sentence that leans on its neighbours ("The book ...", "Two years earlier, ...") would say the wrong
// thing under another heading (extractive-standalone.ts).

export interface Candidate {
  source: number;
  /** Offset of the sentence in the source's extracted text. */
  start: number;
  /** The sentence exactly as in the passage text (and so in the snapshot). */
  text: string;
  /** Index terms, for relevance and redundancy. */
  terms: string[];
  /** The retrieval score of the passage it came from, a tie-breaker. */
  passageScore: number;
}

const MIN_CHARS = 40;
const MAX_CHARS = 400;
const MIN_WORDS = 6;

/** Usable sentences of the passages, one per distinct (source, offset). */
export function collectCandidates(passages: readonly Passage[], sourceNumbers: readonly number[], subject = ""): Candidate[] {
  const subjectTerms = new Set(tokenizeTerms(subject));
  const known = new Set(sourceNumbers);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const passage of passages) {
    // A claim may only cite a source the spec lists; a stray passage is ignored, not cited.
    if (known.size > 0 && !known.has(passage.source)) continue;
    for (const sentence of splitSentences(passage.text, passage.start)) {
      const key = `${passage.source}:${sentence.start}`;
      if (seen.has(key) || !isUsableSentence(sentence.text, subjectTerms)) continue;
      seen.add(key);
      candidates.push({
        source: passage.source,
        start: sentence.start,
        text: sentence.text,
        terms: tokenizeTerms(sentence.text),
        passageScore: passage.score,
      });
    }
  }
  return candidates;
}

/** `subjectTerms`: index terms of the article's subject, which a bare "the community" may refer to. */
export function isUsableSentence(text: string, subjectTerms: ReadonlySet<string> = new Set()): boolean {
  if (text.length < MIN_CHARS || text.length > MAX_CHARS || /\n/u.test(text)) return false;
  const words = text.split(/\s+/u);
  if (words.length < MIN_WORDS) return false;
  // A statement: starts like a sentence and ends with "." or "!" (a question is not a claim).
  if (!/^["'\u201c\u2018(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (!/[.!]["'\u201d\u2019)\]]*$/u.test(text)) return false;
  if (!hasBalancedMarks(text) || isAboutTheDocument(text)) return false;
  if (isBoilerplate(text) || isReferenceEntry(text) || isTitleLike(words)) return false;
  // The grammar tests last: they need the tagger, and most furniture is gone by now.
  const tagged = tagWords(text);
  return findFiniteVerbGroups(tagged).length > 0 && findUnresolvedReference(tagged, subjectTerms) === undefined;
}

// "This post looks at ...", "This guide summarises ...": sentences about the source document itself,
// which become false statements about the article once quoted in it.
function isAboutTheDocument(text: string): boolean {
  return /\b(?:this|our|the present)\s+(?:post|article|guide|page|handout|blog|paper|section|chapter|document|leaflet|briefing|review)\b/iu.test(text);
}

function hasBalancedMarks(text: string): boolean {
  const count = (pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  return (
    count(/\(/gu) === count(/\)/gu) &&
    count(/\[/gu) === count(/\]/gu) &&
    count(/"/gu) % 2 === 0 &&
    count(/\u201c/gu) === count(/\u201d/gu)
  );
}

// Navigation crumbs, page furniture, links, and the source's own footnote markers ("[12]"), which
// would read as wikigen's citation markers once rendered.
function isBoilerplate(text: string): boolean {
  return (
    /\s[>\u203a\u00bb|/]\s|\|/u.test(text) ||
    /https?:\/\/|www\.|\S@\S|(?:^|\s)@\w/iu.test(text) ||
    /\[(?:\d+(?:\s?[,\u2013-]\s?\d+)*|edit|citation needed|note \d+)\]/iu.test(text) ||
    /\b(?:click|cookies?|subscribe|sign in|log in|newsletter|copyright|all rights reserved|share this|read more|skip to)\b/iu.test(text)
  );
}

// Bibliography lines ("Lave, J., & Wenger, E. (1991). Situated learning.") belong in Sources.
function isReferenceEntry(text: string): boolean {
  return /^\p{Lu}[\p{L}'\u2019-]+,\s(?:\p{Lu}\.\s?)+/u.test(text) || /\(\d{4}[a-z]?\)\.\s/u.test(text) || /\bdoi\b|\bretrieved from\b/iu.test(text);
}

/** Mostly capitalised words: a title or heading that happens to end with a period. */
function isTitleLike(words: readonly string[]): boolean {
  const capitalised = words.filter((word) => /^["'\u201c(]?\p{Lu}/u.test(word)).length;
  return capitalised / words.length > 0.6;
}
