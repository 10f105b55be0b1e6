// Numbers, dates and doses must match exactly: a claim number absent from the evidence, where the
// evidence has a different number of the same kind in its place, is a mismatch.

import type { Term } from "../domain/text/analyze-terms.ts";

export interface NumberCheck {
  /** Distinct numbers in the claim. */
  claimNumbers: string[];
  /** Claim numbers found nowhere in the source. */
  missingAnywhere: string[];
  /** Claim numbers not in the evidence window. */
  missingInEvidence: string[];
  mismatch: { claim: string; source: string } | undefined;
}

type NumberKind = "year" | "decade" | "decimal" | "integer";

function kindOf(value: string): NumberKind {
  if (/^\d+s$/.test(value)) return "decade";
  if (/^(1[5-9]|20)\d\d$/.test(value)) return "year";
  if (value.includes(".")) return "decimal";
  return "integer";
}

/** The distinct numbers of `terms`, in the order first written. */
function numbersOf(terms: Term[]): Set<string> {
  const numbers = new Set<string>();
  for (const term of terms) if (term.number !== undefined) numbers.add(term.number);
  return numbers;
}

export function checkNumbers(args: { claimTerms: Term[]; sourceNumbers: Set<string>; evidenceTerms: Term[] }): NumberCheck {
  const claimSet = numbersOf(args.claimTerms);
  const evidenceSet = numbersOf(args.evidenceTerms);
  const claimNumbers = [...claimSet];
  const evidenceNumbers = [...evidenceSet];
  const missingAnywhere = claimNumbers.filter((value) => !args.sourceNumbers.has(value));
  const missingInEvidence = claimNumbers.filter((value) => !evidenceSet.has(value));
  let mismatch: NumberCheck["mismatch"];
  for (const value of missingInEvidence) {
    const kind = kindOf(value);
    const rival = evidenceNumbers.find((other) => !claimSet.has(other) && kindOf(other) === kind);
    if (rival !== undefined) {
      mismatch = { claim: value, source: rival };
      break;
    }
  }
  return { claimNumbers, missingAnywhere, missingInEvidence, mismatch };
}
