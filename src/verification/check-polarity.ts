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

/** Cues whose scope reaches a content word the claim and evidence share; cues about other matters do not count. */
function countCues(terms: Term[], cues: ReadonlySet<string>, shared: ReadonlySet<string>): number {
  let count = 0;
  terms.forEach((term, i) => {
    // "May" capitalized is the month, not the hedge.
    if (!cues.has(term.lower) || (term.lower === "may" && term.isCapitalized)) return;
    // "not only X but Y" and "never ever" affirm.
    if ((term.lower === "not" || term.lower === "never") && ["only", "just", "ever"].includes(terms[i + 1]?.lower ?? "")) return;
    if (terms.slice(i + 1, i + 1 + SCOPE).some((next) => !next.isStop && shared.has(next.stem))) count++;
  });
  return count;
}

export function checkPolarity(claimTerms: Term[], evidenceTerms: Term[]): PolarityCheck {
  const evidenceStems = new Set(evidenceTerms.filter((term) => !term.isStop).map((term) => term.stem));
  const shared = new Set(claimTerms.filter((term) => !term.isStop && evidenceStems.has(term.stem)).map((term) => term.stem));
  // Parity, so a double negation reads as an affirmation.
  const claimNegated = countCues(claimTerms, NEGATION_CUES, shared) % 2 === 1;
  const evidenceNegated = countCues(evidenceTerms, NEGATION_CUES, shared) % 2 === 1;
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
