// Who did what: a claim that credits a finding to B while the evidence credits A. The claim's actor is
// a name next to a predicate word ("B found", "developed by B"); the evidence's actor is the name in
// the same position next to that same predicate in the evidence.

import type { Term } from "../domain/text/analyze-terms.ts";

export interface NamedSpan {
  text: string;
  /** Lower-case words of the name. */
  words: string[];
  /** Indexes of the name's first and last terms in the term list. */
  firstTerm: number;
  lastTerm: number;
}

export interface AttributionCheck {
  claimNames: NamedSpan[];
  /** Claim names with no word found in the evidence. */
  namesMissingInEvidence: NamedSpan[];
  mismatch: { claim: string; source: string } | undefined;
}

const NAME_JOINERS = new Set(["de", "van", "von", "der", "da", "di", "la", "le", "bin", "al"]);
// Capitalized but never a person or organisation.
const NOT_NAMES = new Set([
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "i", "mr", "mrs", "ms", "dr", "sir",
]);

/** What the name finder asks of a word list: a source's lower-case words are many, so they are looked up, never copied. */
export interface WordLookup {
  has(word: string): boolean;
}

/** The source's lower-case words plus the claim's own: the claim's words count as lower-case too. */
export function withClaimLowerCase(sourceWords: WordLookup, claimTerms: Term[]): WordLookup {
  const claimWords = new Set<string>();
  for (const term of claimTerms) if (!term.isCapitalized) claimWords.add(term.lower);
  return { has: (word) => claimWords.has(word) || sourceWords.has(word) };
}

function isNameWord(term: Term): boolean {
  return term.isCapitalized && term.number === undefined && !term.isStop && !NOT_NAMES.has(term.lower);
}

/**
 * Runs of capitalized words ("Jean Lave", "Media Play News"). A lone capitalized word at a sentence
 * start is a name only when the word is not also written in lower case (`lowerCaseWords`): "Smith
 * found" is a name, "Patients found" is not.
 */
export function findNames(terms: Term[], text: string, lowerCaseWords: WordLookup = new Set()): NamedSpan[] {
  const names: NamedSpan[] = [];
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as Term;
    if (!isNameWord(term)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < terms.length) {
      const next = terms[j + 1] as Term;
      const joinsName = NAME_JOINERS.has(next.lower) && terms[j + 2] !== undefined && isNameWord(terms[j + 2] as Term);
      if (!isNameWord(next) && !joinsName) break;
      // Only spaces or a hyphen may separate the words of one name.
      if (!/^[ \-]{1,2}$/.test(text.slice((terms[j] as Term).end, next.start))) break;
      j++;
    }
    const run = terms.slice(i, j + 1);
    const isSentenceStart = i === 0 || /(^|[.!?:"\n])\s*$/.test(text.slice(Math.max(0, term.start - 3), term.start));
    const contentWords = run.filter((t) => !t.isStop);
    if (!(isSentenceStart && run.length === 1 && lowerCaseWords.has(term.lower))) {
      names.push({ text: text.slice(term.start, (terms[j] as Term).end), words: contentWords.map((t) => t.lower), firstTerm: i, lastTerm: j });
    }
    i = j + 1;
  }
  return names;
}

function sharesWord(a: NamedSpan, b: NamedSpan): boolean {
  return a.words.some((word) => b.words.includes(word));
}

const MAX_ACTOR_DISTANCE = 4;

function isPredicateWord(term: Term): boolean {
  return !term.isStop && !term.isCapitalized && term.number === undefined;
}

/** The evidence's name in the claim name's place, relative to the same predicate word. */
function findEvidenceActor(name: NamedSpan, claimTerms: Term[], evidenceTerms: Term[], evidenceNames: NamedSpan[]): NamedSpan | undefined {
  // Active voice: "B found ..." against "A found ...".
  const after = claimTerms.slice(name.lastTerm + 1, name.lastTerm + 1 + MAX_ACTOR_DISTANCE).find(isPredicateWord);
  if (after) {
    const at = evidenceTerms.findIndex((term) => term.stem === after.stem);
    const actor = [...evidenceNames].reverse().find((candidate) => candidate.lastTerm < at && at - candidate.lastTerm <= MAX_ACTOR_DISTANCE);
    if (at >= 0 && actor) return actor;
  }
  // Passive voice: "... developed by B" against "... developed by A".
  const before = claimTerms.slice(Math.max(0, name.firstTerm - MAX_ACTOR_DISTANCE), name.firstTerm).reverse().find(isPredicateWord);
  if (before) {
    const at = evidenceTerms.findIndex((term) => term.stem === before.stem);
    if (at >= 0) return evidenceNames.find((candidate) => candidate.firstTerm > at && candidate.firstTerm - at <= MAX_ACTOR_DISTANCE);
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "Smith" and "Marion" are one person when the source also writes "Marion Smith". */
function isOneName(sourceText: string, a: NamedSpan, b: NamedSpan): boolean {
  const pattern = (first: string, second: string): RegExp => new RegExp(`${escapeRegExp(first)}\\s+${escapeRegExp(second)}(?![\\p{L}])`, "u");
  return pattern(a.text, b.text).test(sourceText) || pattern(b.text, a.text).test(sourceText);
}

export function checkAttribution(args: {
  claimTerms: Term[];
  claimText: string;
  evidenceTerms: Term[];
  sourceText: string;
  /** Words the source writes in lower case somewhere, to tell names from sentence-initial common words. */
  lowerCaseWords: WordLookup;
}): AttributionCheck {
  const lowerCaseWords = withClaimLowerCase(args.lowerCaseWords, args.claimTerms);
  const claimNames = findNames(args.claimTerms, args.claimText, lowerCaseWords);
  // The evidence is read only for a claim that names someone.
  if (claimNames.length === 0) return { claimNames, namesMissingInEvidence: [], mismatch: undefined };
  const evidenceWords = new Set(args.evidenceTerms.map((term) => term.lower));
  const namesMissingInEvidence = claimNames.filter((name) => !name.words.some((word) => evidenceWords.has(word)));
  if (namesMissingInEvidence.length === 0) return { claimNames, namesMissingInEvidence, mismatch: undefined };
  const evidenceNames = findNames(args.evidenceTerms, args.sourceText, lowerCaseWords);
  let mismatch: AttributionCheck["mismatch"];
  for (const name of namesMissingInEvidence) {
    const actor = findEvidenceActor(name, args.claimTerms, args.evidenceTerms, evidenceNames);
    if (actor && !claimNames.some((claimName) => sharesWord(claimName, actor)) && !isOneName(args.sourceText, name, actor)) {
      mismatch = { claim: name.text, source: actor.text };
      break;
    }
  }
  return { claimNames, namesMissingInEvidence, mismatch };
}
