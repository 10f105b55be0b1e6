import { splitSentences } from "../domain/text/split-sentences.ts";
import { stemTerm, tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import type { Passage } from "../domain/passage.ts";

// The source sentences the extractive provider may quote. A sentence is quoted verbatim as a claim,
// so only sentences that read as a complete statement on their own qualify: a heading, a menu, a
// half-quoted remark or a question would become a "sourced claim" that says nothing or misleads.

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

const AUXILIARIES = new Set([
  "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could", "may", "might", "must",
  "shall", "should", "will", "would", "do", "does", "did", "isn't", "aren't", "can't", "cannot", "won't",
]);
// Verbs common in expository and clinical prose, compared by stem so "describes" and "described" match.
const COMMON_VERB_STEMS = new Set(
  (
    "describe define include involve provide require suggest show support help allow use make take become emphasize " +
    "emphasise focus remain occur refer mean seem appear lead develop learn share build create offer enable reduce " +
    "improve increase encourage promote explain argue note find found report indicate demonstrate propose consist " +
    "contain depend differ form give join move need play produce reflect rely serve tend work engage participate " +
    "foster facilitate identify address apply connect contribute emerge exist hold keep know lack meet see say think " +
    "treat vary get go come let put set run call ask feel try leave bring begin grow gain function happen evolve " +
    "distinguish negotiate represent operate interact enhance strengthen shape sustain relate combine span act " +
    "benefit recommend advise caution limit risk result follow"
  )
    .split(" ")
    .map(stemTerm),
);

/** Usable sentences of the passages, one per distinct (source, offset). */
export function collectCandidates(passages: readonly Passage[], sourceNumbers: readonly number[]): Candidate[] {
  const known = new Set(sourceNumbers);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const passage of passages) {
    // A claim may only cite a source the spec lists; a stray passage is ignored, not cited.
    if (known.size > 0 && !known.has(passage.source)) continue;
    for (const sentence of splitSentences(passage.text, passage.start)) {
      const key = `${passage.source}:${sentence.start}`;
      if (seen.has(key) || !isUsableSentence(sentence.text)) continue;
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

export function isUsableSentence(text: string): boolean {
  if (text.length < MIN_CHARS || text.length > MAX_CHARS || /\n/u.test(text)) return false;
  const words = text.split(/\s+/u);
  if (words.length < MIN_WORDS) return false;
  // A statement: starts like a sentence and ends with "." or "!" (a question is not a claim).
  if (!/^["'\u201c\u2018(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (!/[.!]["'\u201d\u2019)\]]*$/u.test(text)) return false;
  if (!hasBalancedMarks(text) || opensWithDanglingReference(text) || isAboutTheDocument(text)) return false;
  if (isBoilerplate(text) || isReferenceEntry(text) || isTitleLike(words)) return false;
  return hasVerbShape(words);
}

// "They found that ...", "This is why ..." or "But ..." lose their referent once quoted alone, and
// the claim would read as being about whatever the previous sentence of the article happens to be.
function opensWithDanglingReference(text: string): boolean {
  return (
    /^(?:It|They|He|She|Its|Their|His|Her|Them|We|Our|And|But|Or|So|Yet)\b/u.test(text) ||
    /^(?:This|These|That|Those|Such)\s+(?:is|are|was|were|has|have|had|can|could|may|might|will|would|means?|shows?|suggests?)\b/u.test(text)
  );
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

// Words that often follow a finite verb ("distinguishes three", "negotiates their") but rarely a
// plural noun; "of", "and" and "for" are left out because nouns are followed by them all the time.
const AFTER_VERB = new Set([
  "the", "a", "an", "as", "to", "that", "how", "what", "its", "their", "our", "his", "her", "them", "it", "this",
  "these", "those", "each", "both", "two", "three", "several", "many", "new", "more", "less", "across", "into",
]);

/** A finite verb somewhere: an auxiliary, a past participle, a known verb, or "-s" before an object. */
function hasVerbShape(words: readonly string[]): boolean {
  const cleaned = words.map((raw) => raw.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}']+$/gu, ""));
  return cleaned.some((word, index) => {
    if (AUXILIARIES.has(word)) return true;
    if (/^\p{Ll}{3,}ed$/u.test(word)) return true;
    if (COMMON_VERB_STEMS.has(stemTerm(word))) return true;
    return index > 0 && /^\p{Ll}{3,}[^su]s$/u.test(word) && AFTER_VERB.has(cleaned[index + 1] ?? "");
  });
}
