// The evidence window of a claim's denial (issue 13). A claim often joins two passages of its source
// ("he expressed regret for voting for Trump, saying that 'he hasn't done shit'"): the best window
// for its words may hold the one and not the other. A denial the window does not state is checked
// where the source states it, as a number absent from the window is checked where the source writes
// it: the denial stands when a sentence of the source denies the same phrase (the word the claim's
// cue governs and the content word after it: "done shit"), in a passage that holds more of the claim.

import type { Term } from "../domain/text/analyze-terms.ts";
import { deniedStems } from "./check-polarity.ts";
import type { SourceIndex } from "./source-index.ts";
import { bestPassageStating, supportIn, type ClaimWeights } from "./weigh-passages.ts";

/** Besides the denied phrase, the passage must hold at least this weighted share of the claim. */
const MIN_DENIAL_SUPPORT = 0.05;

/** Each denied word of the claim with the content word after it ("hasn't done shit" -> do, shit). */
function deniedPhrases(claimTerms: Term[]): [string, string][] {
  const denied = deniedStems(claimTerms);
  const content = claimTerms.filter((term) => !term.isStop && term.number === undefined);
  return [...denied].flatMap((stem) => {
    const at = content.findIndex((term) => term.stem === stem);
    const next = content[at + 1];
    return at < 0 || next === undefined ? [] : [[stem, next.stem] as [string, string]];
  });
}

// Per source, once: every word some sentence denies, so a claim's phrases that no sentence denies
// are passed over without reading their places.
const deniedInSource = new WeakMap<SourceIndex, ReadonlySet<string>>();

function wordsDeniedIn(index: SourceIndex): ReadonlySet<string> {
  let denied = deniedInSource.get(index);
  if (denied === undefined) {
    const all = new Set<string>();
    for (const sentence of index.sentences) for (const stem of deniedStems(sentence.terms)) all.add(stem);
    denied = all;
    deniedInSource.set(index, denied);
  }
  return denied;
}

/** How near the phrase's second word must follow its first, in content words ("done jack shit"). */
const PHRASE_REACH = 3;

/** Whether `next` follows `head` within a few content words: "done shit", not "shit done". */
function hasPhrase(terms: Term[], head: string, next: string): boolean {
  const content = terms.filter((term) => !term.isStop);
  return content.some((term, i) => term.stem === head && content.slice(i + 1, i + 1 + PHRASE_REACH).some((later) => later.stem === next));
}

/** Whether a sentence of the source denies the phrase in a passage that holds more of the claim than the phrase. */
function isPhraseDenied([head, next]: [string, string], claim: ClaimWeights, index: SourceIndex, isDenied = true): boolean {
  if (isDenied && !wordsDeniedIn(index).has(head)) return false;
  const shareOf = (stem: string): number => (claim.weights[claim.stems.indexOf(stem)] ?? 0) / (claim.total || 1);
  const statesPhrase = (id: number): boolean => {
    const sentence = index.sentences[id];
    return sentence !== undefined && sentence.stems.has(next) && hasPhrase(sentence.terms, head, next) && deniedStems(sentence.terms).has(head) === isDenied;
  };
  // Both words must be in the sentence: read the shorter list of places.
  const rarer = (index.postings.get(next)?.length ?? 0) < (index.postings.get(head)?.length ?? 0) ? next : head;
  const { support, sentence } = bestPassageStating(rarer, claim, index, statesPhrase);
  return sentence !== undefined && support - shareOf(head) - shareOf(next) >= MIN_DENIAL_SUPPORT;
}

/** Whether the source denies every phrase the claim denies, each in a passage that holds more of the claim. */
export function isDenialStatedElsewhere(claimTerms: Term[], claim: ClaimWeights, index: SourceIndex): boolean {
  const phrases = deniedPhrases(claimTerms);
  if (phrases.length === 0 || phrases.length < deniedStems(claimTerms).size) return false;
  return phrases.every((phrase) => isPhraseDenied(phrase, claim, index));
}

/**
 * A phrase the claim affirms, the window lacks, and the source only denies ("he has done shit"
 * where the source writes "he hasn't done shit" and never "done shit" without a denial), or undefined.
 */
export function findPhraseDeniedElsewhere(claimTerms: Term[], evidenceStems: ReadonlySet<string>, claim: ClaimWeights, index: SourceIndex): string | undefined {
  const denied = deniedStems(claimTerms);
  const content = claimTerms.filter((term) => !term.isStop && term.number === undefined);
  for (let i = 0; i + 1 < content.length; i++) {
    const head = content[i] as Term;
    const next = content[i + 1] as Term;
    if (denied.has(head.stem) || (evidenceStems.has(head.stem) && evidenceStems.has(next.stem))) continue;
    const phrase: [string, string] = [head.stem, next.stem];
    if (isPhraseDenied(phrase, claim, index) && !isPhraseDenied(phrase, claim, index, false)) return `${head.raw} ${next.raw}`;
  }
  return undefined;
}

/**
 * Whether every word of the claim that the window denies (and the claim affirms) is denied there
 * only for a span of years the claim does not name, or affirmed in another passage of the source
 * that supports the claim at least `share` as well as the window:
 * "His image appears on several album covers" where the window says "Vic did not appear on the
 * cover ... from 1991 to 2000".
 */
export function isAffirmationStatedElsewhere(claimTerms: Term[], evidenceTerms: Term[], claim: ClaimWeights, index: SourceIndex, share: number): boolean {
  const claimDenied = deniedStems(claimTerms);
  const claimStems = new Set(claimTerms.filter((term) => !term.isStop).map((term) => term.stem));
  const contested = [...deniedStems(evidenceTerms)].filter((stem) => claimStems.has(stem) && !claimDenied.has(stem));
  if (contested.length === 0) return false;
  const evidenceStems = new Set(evidenceTerms.map((term) => term.stem));
  const windowSupport = supportIn(claim, (stem) => evidenceStems.has(stem));
  const claimNumbers = new Set(claimTerms.flatMap((term) => (term.number === undefined ? [] : [term.number])));
  return contested.every((stem) => {
    // "Vic did not appear on the cover from 1991 to 2000" denies only for those years.
    if (isDenialBoundToPeriod(stem, evidenceTerms, index, claimNumbers)) return true;
    const affirmsHere = (id: number): boolean => !deniedStems(index.sentences[id]?.terms ?? []).has(stem);
    return bestPassageStating(stem, claim, index, affirmsHere).support >= share * windowSupport;
  });
}

const PERIOD = /\b(?:from|between)\s+((?:1[5-9]|20)\d\d)\s+(?:to|and|until|through)\s+((?:1[5-9]|20)\d\d)\b/i;

/** Whether every window sentence that denies `stem` bounds the denial by a span of years the claim does not name ("from 1991 to 2000"). */
function isDenialBoundToPeriod(stem: string, evidenceTerms: Term[], index: SourceIndex, claimNumbers: ReadonlySet<string>): boolean {
  const first = evidenceTerms[0];
  const last = evidenceTerms[evidenceTerms.length - 1];
  if (!first || !last) return false;
  const denying = index.sentences.filter((sentence) => sentence.start >= first.start && sentence.end <= last.end && deniedStems(sentence.terms).has(stem));
  return denying.length > 0 && denying.every((sentence) => {
    const period = PERIOD.exec(index.text.slice(sentence.start, sentence.end));
    return period !== null && !claimNumbers.has(period[1] as string) && !claimNumbers.has(period[2] as string);
  });
}

/** A passage affirming a word must support the claim by this much more than any denying it to overrule the window's denial. */
const AFFIRMATION_MARGIN = 0.2;

/**
 * A word the claim and the window both deny, which the source affirms in a passage that supports
 * the claim clearly better than any passage denying it ("she was not working again with Max Martin"
 * where the window's "when she's not working" is about her free time), or undefined.
 */
export function findDenialOverruled(claimTerms: Term[], evidenceTerms: Term[], claim: ClaimWeights, index: SourceIndex): string | undefined {
  const windowDenied = deniedStems(evidenceTerms);
  const shared = [...deniedStems(claimTerms)].filter((stem) => windowDenied.has(stem));
  return shared.find((stem) => {
    const denies = (id: number): boolean => deniedStems(index.sentences[id]?.terms ?? []).has(stem);
    const affirmed = bestPassageStating(stem, claim, index, (id) => !denies(id)).support;
    return affirmed >= bestPassageStating(stem, claim, index, denies).support + AFFIRMATION_MARGIN;
  });
}
