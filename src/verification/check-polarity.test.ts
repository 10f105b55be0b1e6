import { describe, expect, it } from "vitest";
import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { checkPolarity } from "./check-polarity.ts";

describe("checkPolarity", () => {
  const cases: { claim: string; evidence: string; mismatch: string | undefined }[] = [
    { claim: "CBT reduced symptoms.", evidence: "CBT reduced symptoms.", mismatch: undefined },
    { claim: "CBT did not reduce symptoms.", evidence: "CBT reduced symptoms.", mismatch: "negation: claim negates, source affirms" },
    { claim: "CBT reduced symptoms.", evidence: "CBT didn’t reduce symptoms.", mismatch: "negation: claim affirms, source negates" },
    { claim: "It is not true that CBT never helps.", evidence: "CBT helps.", mismatch: undefined },
    { claim: "CBT reduces relapse.", evidence: "CBT may reduce relapse.", mismatch: "negation: claim certain, source hedged" },
    { claim: "CBT might reduce relapse.", evidence: "CBT reduces relapse.", mismatch: undefined },
    { claim: "The trial began in May.", evidence: "The trial began in May 2019.", mismatch: undefined },
    { claim: "CBT reduced symptoms in adults.", evidence: "CBT reduced symptoms in adults, though not in children.", mismatch: undefined },
  ];
  for (const c of cases) {
    it(`${c.claim} / ${c.evidence}`, () => {
      expect(checkPolarity(analyzeTerms(c.claim), analyzeTerms(c.evidence)).mismatch).toEqual(c.mismatch);
    });
  }
});
