import { describe, expect, it } from "vitest";
import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { checkNumbers } from "./check-numbers.ts";

describe("checkNumbers", () => {
  const cases: { name: string; claim: string; source: string; evidence: string; expected: ReturnType<typeof checkNumbers> }[] = [
    {
      name: "same numbers written differently",
      claim: "Twelve of 260,000 patients in 2019.",
      source: "12 of 260000 patients in 2019.",
      evidence: "12 of 260000 patients in 2019.",
      expected: { claimNumbers: ["12", "260000", "2019"], missingAnywhere: [], missingInEvidence: [], mismatch: undefined },
    },
    {
      name: "a year replaced by another year",
      claim: "Founded in 1998 with 40 members.",
      source: "Founded in 1991 with 40 members. Renamed in 1998.",
      evidence: "Founded in 1991 with 40 members.",
      expected: { claimNumbers: ["1998", "40"], missingAnywhere: [], missingInEvidence: ["1998"], mismatch: { claim: "1998", source: "1991" } },
    },
    {
      name: "a dose with no rival of its kind",
      claim: "Started at 100 mg in 2019.",
      source: "Started at a low dose in 2019.",
      evidence: "Started at a low dose in 2019.",
      expected: { claimNumbers: ["100", "2019"], missingAnywhere: ["100"], missingInEvidence: ["100"], mismatch: undefined },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const sourceNumbers = new Set(analyzeTerms(c.source).flatMap((t) => (t.number === undefined ? [] : [t.number])));
      expect(checkNumbers({ claimTerms: analyzeTerms(c.claim), sourceNumbers, evidenceTerms: analyzeTerms(c.evidence) })).toEqual(c.expected);
    });
  }
});
