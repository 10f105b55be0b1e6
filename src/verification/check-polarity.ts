// Negation and hedging: "X does not cause Y" against "X causes Y", and "X reduces Y" against
// "X may reduce Y", share every content word yet say different things.

import type { Term } from "./analyze-terms.ts";
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

// Words that deny what they govern as "not" does: "prohibition of alcohol" is "alcohol is not allowed".
const DENYING_WORDS = ["prohibition", "prohibited", "prohibits", "banned", "bans", "forbidden", "forbids", "forbade"];

/**
 * How the verifier reads polarity (the negation fact check and the best sentence's contradiction):
 * denying words count as negations, and a source's cue only for the word it governs.
 */
export const GOVERNED_POLARITY: PolarityOptions = { negationCues: new Set([...NEGATION_CUES, ...DENYING_WORDS]), evidenceScope: "head" };

/** Cues whose scope reaches a content word the claim and evidence share; cues about other matters do not count. */
function countCues(terms: Term[], cues: ReadonlySet<string>, shared: ReadonlySet<string>, scope: CueScope = "near"): number {
  let count = 0;
  terms.forEach((term, i) => {
    // "May" capitalized is the month, not the hedge.
    if (!cues.has(term.lower) || (term.lower === "may" && term.isCapitalized)) return;
    // "not only X but Y" and "never ever" affirm.
    if ((term.lower === "not" || term.lower === "never") && ["only", "just", "ever"].includes(terms[i + 1]?.lower ?? "")) return;
    const reach = terms.slice(i + 1, i + 1 + SCOPE).filter((next) => !next.isStop);
    const governed = scope === "head" ? reach.filter((next) => next.number === undefined).slice(0, 1) : reach;
    if (governed.some((next) => shared.has(next.stem))) count++;
  });
  return count;
}

export function checkPolarity(claimTerms: Term[], evidenceTerms: Term[], options: PolarityOptions = {}): PolarityCheck {
  const negationCues = options.negationCues ?? NEGATION_CUES;
  const evidenceStems = new Set(evidenceTerms.filter((term) => !term.isStop).map((term) => term.stem));
  const shared = new Set(claimTerms.filter((term) => !term.isStop && evidenceStems.has(term.stem)).map((term) => term.stem));
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
