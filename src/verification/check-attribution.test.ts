import { describe, expect, it } from "vitest";
import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { checkAttribution, findNames } from "./check-attribution.ts";

describe("findNames", () => {
  const cases: { text: string; names: string[] }[] = [
    { text: "In 1991, Jean Lave and Etienne Wenger described situated learning.", names: ["Jean Lave", "Etienne Wenger"] },
    { text: "Therapists at the Tavistock Clinic met in March.", names: ["Tavistock Clinic"] },
    { text: "Ludwig van Beethoven wrote it.", names: ["Ludwig van Beethoven"] },
    { text: "Groups met weekly. Participants improved.", names: [] },
    { text: "Smith reported that groups met weekly.", names: ["Smith"] },
  ];
  for (const c of cases) {
    it(c.text, () => {
      const lowerCaseWords = new Set(["groups", "participants", "reported", "therapists"]);
      expect(findNames(analyzeTerms(c.text), c.text, lowerCaseWords).map((name) => name.text)).toEqual(c.names);
    });
  }
});

describe("checkAttribution", () => {
  const cases: { claim: string; evidence: string; before?: string; mismatch: { claim: string; source: string } | undefined }[] = [
    { claim: "Smith died in 1957.", evidence: "Marion died in 1957.", mismatch: { claim: "Smith", source: "Marion" } },
    { claim: "Smith died in 1957.", before: "Marion Smith was born in 1890.\n", evidence: "Marion died in 1957.", mismatch: undefined },
    { claim: "Jones found that CBT helps.", evidence: "Smith found that CBT helps.", mismatch: { claim: "Jones", source: "Smith" } },
    { claim: "The method was developed by Albert Ellis.", evidence: "The method was developed by Aaron Beck.", mismatch: { claim: "Albert Ellis", source: "Aaron Beck" } },
    { claim: "Beck found that CBT helps.", evidence: "Aaron Beck found that CBT helps.", mismatch: undefined },
    { claim: "Jones found that CBT helps.", evidence: "The review found that CBT helps.", mismatch: undefined },
    { claim: "Reviews found that CBT helps.", evidence: "Smith found that CBT helps.", mismatch: { claim: "Reviews", source: "Smith" } },
  ];
  for (const c of cases) {
    it(c.claim, () => {
      // The evidence is the last sentence of the source; its terms keep source offsets.
      const sourceText = (c.before ?? "") + c.evidence;
      const evidenceTerms = analyzeTerms(sourceText).filter((term) => term.start >= (c.before ?? "").length);
      const lowerCaseWords = new Set(["the", "review", "found"]);
      const result = checkAttribution({ claimTerms: analyzeTerms(c.claim), claimText: c.claim, evidenceTerms, sourceText, lowerCaseWords });
      expect(result.mismatch).toEqual(c.mismatch);
    });
  }
});
