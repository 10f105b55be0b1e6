// Negation and hedging: "X does not cause Y" against "X causes Y", and "X reduces Y" against
// "X may reduce Y", share every content word yet say different things.

import { lazyStems, type Term } from "../domain/text/analyze-terms.ts";
import { HEDGE_CUES, NEGATION_CUES } from "./word-lists.ts";

export interface PolarityCheck {
  claimNegated: boolean;
  evidenceNegated: boolean;
  claimHedged: boolean;
  evidenceHedged: boolean;
  /** "negation: claim negates, source affirms" and the like; undefined when polarity agrees. */
  mismatch: string | undefined;
}

/** How many words after a cue it may govern: "did not find any benefit" reaches "find". */
const SCOPE = 4;

/**
 * "near": a cue counts when any of the next four words is a content word the claim and evidence
 * share. "head": only the first content word after the cue, the word it governs, is looked at ("would
 * not start the race" says nothing about "the race").
 */
export type CueScope = "near" | "head";

export interface PolarityOptions {
  negationCues?: ReadonlySet<string>;
  /** How far an evidence cue reaches; a claim's cue always reaches "near" (the claim is short and about one thing). */
  evidenceScope?: CueScope;
}

// Words that deny what they govern as "not" does: "prohibition of alcohol" is "alcohol is not allowed",
// "he ain't done jack" is "he has not done anything".
const DENYING_WORDS = ["prohibition", "prohibited", "prohibits", "banned", "bans", "forbidden", "forbids", "forbade", "ain't"];

/**
 * How the verifier reads polarity (the negation fact check and the best sentence's contradiction):
 * denying words count as negations, and a source's cue only for the word it governs.
 */
const GOVERNED_NEGATION_CUES: ReadonlySet<string> = new Set([...NEGATION_CUES, ...DENYING_WORDS]);
export const GOVERNED_POLARITY: PolarityOptions = { negationCues: GOVERNED_NEGATION_CUES, evidenceScope: "head" };

// Verbs that report a finding rather than state one: the denial governs the finding.
const reportingStems = lazyStems("find finds found show shows showed shown observe observed see saw seen detect detected demonstrate demonstrated report reported");

const AFFIRMING_AFTER: ReadonlySet<string> = new Set(["only", "just", "ever"]);

/** Whether `terms[i]` is one of `cues` used as one: "May" the month is no hedge, "not only" and "never ever" affirm. */
function isCueAt(terms: Term[], i: number, cues: ReadonlySet<string>): boolean {
  const term = terms[i] as Term;
  if (!cues.has(term.lower) || (term.lower === "may" && term.isCapitalized)) return false;
  return !((term.lower === "not" || term.lower === "never") && AFFIRMING_AFTER.has(terms[i + 1]?.lower ?? ""));
}

/** The content words after a cue that it may govern; in "head" scope only the first, past a reporting verb. */
function reachOf(terms: Term[], i: number, scope: CueScope): Term[] {
  const reach: Term[] = [];
  for (let j = i + 1; j < terms.length && reach.length < SCOPE; j++) if (!(terms[j] as Term).isStop) reach.push(terms[j] as Term);
  // "did not find any reduction": a reporting verb passes the denial on to what was found.
  return scope === "head" ? reach.filter((next) => next.number === undefined && !reportingStems().has(next.stem)).slice(0, 1) : reach;
}

/** Stems of the words a negation cue of `terms` governs ("hasn't done shit" -> "do"). */
export function deniedStems(terms: Term[], cues: ReadonlySet<string> = GOVERNED_NEGATION_CUES): Set<string> {
  const denied = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    if (isCueAt(terms, i, cues)) for (const head of reachOf(terms, i, "head")) denied.add(head.stem);
  }
  return denied;
}

/** Cues whose scope reaches a content word the claim and evidence share; cues about other matters do not count. */
function countCues(terms: Term[], cues: ReadonlySet<string>, shared: ReadonlySet<string>, scope: CueScope = "near"): number {
  let count = 0;
  for (let i = 0; i < terms.length; i++) {
    if (!isCueAt(terms, i, cues)) continue;
    const governed = reachOf(terms, i, scope);
    if (governed.some((next) => shared.has(next.stem))) count++;
  }
  return count;
}

/**
 * Whether any negation cue of `terms` governs a content word at all ("was not born" does; "not only"
 * does not). Unlike the polarity check, the governed word need not be in the other text.
 */
export function hasGoverningNegation(terms: Term[], cues: ReadonlySet<string> = GOVERNED_NEGATION_CUES): boolean {
  // A cue's reach is content words of `terms` itself: it governs one when any content word follows it.
  for (let i = 0; i < terms.length; i++) if (isCueAt(terms, i, cues) && reachOf(terms, i, "near").length > 0) return true;
  return false;
}

export function checkPolarity(claimTerms: Term[], evidenceTerms: Term[], options: PolarityOptions = {}): PolarityCheck {
  const negationCues = options.negationCues ?? NEGATION_CUES;
  // The evidence's content stems, and those of five letters or more by their first five.
  const evidenceStems = new Set<string>();
  const stemsByHead = new Map<string, string[]>();
  for (const term of evidenceTerms) {
    if (term.isStop || evidenceStems.has(term.stem)) continue;
    evidenceStems.add(term.stem);
    if (term.stem.length < 5) continue;
    const head = term.stem.slice(0, 5);
    const sameHead = stemsByHead.get(head);
    if (sameHead) sameHead.push(term.stem);
    else stemsByHead.set(head, [term.stem]);
  }
  // Stems of both texts, each text's own spelling: "reduce" in the claim, "reduction" in the source.
  const shared = new Set<string>();
  for (const term of claimTerms) {
    if (term.isStop) continue;
    const sameHead = term.stem.length >= 5 ? stemsByHead.get(term.stem.slice(0, 5)) : undefined;
    if (!evidenceStems.has(term.stem) && sameHead === undefined) continue;
    shared.add(term.stem);
    if (sameHead) for (const stem of sameHead) shared.add(stem);
  }
  // Parity, so a double negation reads as an affirmation.
  const claimNegated = countCues(claimTerms, negationCues, shared) % 2 === 1;
  const evidenceNegated = countCues(evidenceTerms, negationCues, shared, options.evidenceScope) % 2 === 1;
  const claimHedged = countCues(claimTerms, HEDGE_CUES, shared) > 0;
  const evidenceHedged = countCues(evidenceTerms, HEDGE_CUES, shared) > 0;
  let mismatch: string | undefined;
  if (claimNegated !== evidenceNegated) {
    mismatch = claimNegated ? "negation: claim negates, source affirms" : "negation: claim affirms, source negates";
  } else if (evidenceHedged && !claimHedged) {
    mismatch = "negation: claim certain, source hedged";
  }
  return { claimNegated, evidenceNegated, claimHedged, evidenceHedged, mismatch };
}
