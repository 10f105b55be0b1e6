import { describe, expect, it } from "vitest";
import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { measureCoverage, selectClaimTerms } from "./measure-coverage.ts";
import { indexSource } from "./source-index.ts";

const claimOf = (text: string) => selectClaimTerms(analyzeTerms(text), text);

describe("selectClaimTerms", () => {
  const cases: { claim: string; segments: string[][] }[] = [
    { claim: "Beck developed CBT in the 1960s.", segments: [["beck", "develop", "cbt", "1960s"]] },
    {
      claim: "Beck developed CBT in the 1960s, which was later adapted for groups and delivered online.",
      segments: [["beck", "develop", "cbt", "1960s"], ["later", "adapt", "group"], ["deliv", "onlin"]],
    },
    { claim: "Groups met weekly, mostly.", segments: [["group", "meet", "week", "most"]] },
  ];
  for (const c of cases) {
    it(c.claim, () => {
      expect(claimOf(c.claim).segments).toEqual(c.segments);
    });
  }
});

describe("measureCoverage", () => {
  it("finds the best window, what it misses, and what the source misses", () => {
    const source = ["Unrelated opening line.", "Beck developed cognitive therapy.", "It began in the 1960s in Philadelphia.", "Another unrelated line."].join("\n");
    const coverage = measureCoverage(claimOf("Beck developed cognitive therapy in Philadelphia during the 1960s for veterans."), indexSource(source));
    expect({
      window: coverage.window && [coverage.window.first, coverage.window.last],
      missing: coverage.missing.map((t) => t.raw),
      missingInWindow: coverage.missingInWindow.map((t) => t.raw),
      bestSentence: coverage.bestSentence,
      globalFlat: coverage.globalFlat,
    }).toEqual({ window: [1, 2], missing: ["veterans"], missingInWindow: ["veterans"], bestSentence: 1, globalFlat: 6 / 7 });
  });
});
