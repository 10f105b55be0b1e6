// Issue 15, "What must be shown": the PHI corpus. Every identifying example is refused and the
// refusal names its kind; at most 5% of the ordinary clinical examples are refused. The figures per
// set and per kind are reported by `npm run bench -- phi` (bench/RESULTS.md).
import { describe, expect, it } from "vitest";
import { PHI_KINDS } from "../src/revisions/phi-guard.ts";
import { loadPhiCorpus, PHI_CORPUS_SETS, scoreIdentifying, scoreOrdinary } from "./helpers/phi-corpus.ts";

const corpus = loadPhiCorpus();
const MAX_FALSE_REFUSAL_RATE = 0.05;

describe("the PHI corpus", () => {
  it("is as large as the issue asks: 100+ ordinary and 80+ identifying examples, every kind covered", () => {
    expect(corpus.ordinary.length).toBeGreaterThanOrEqual(100);
    expect(corpus.identifying.length).toBeGreaterThanOrEqual(80);
    const kinds = new Set(corpus.identifying.map((e) => e.kind));
    expect(PHI_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it("refuses every identifying example, naming the expected kind", () => {
    const failures = corpus.identifying
      .map(scoreIdentifying)
      .filter((o) => !o.namedKind)
      .map((o) => `${o.set} line ${o.line} (${o.kind}): ${o.text} -> ${o.message || "passed"}`);
    expect(failures).toEqual([]);
  });

  for (const set of PHI_CORPUS_SETS) {
    it(`refuses at most 5% of the ${set.name} ordinary examples`, () => {
      const outcomes = corpus.ordinary.filter((e) => e.set === set.name).map(scoreOrdinary);
      const refused = outcomes.filter((o) => o.refused);
      expect(outcomes.length).toBeGreaterThan(0);
      expect(refused.length / outcomes.length, refused.map((o) => `${o.text} -> ${o.message}`).join("\n")).toBeLessThanOrEqual(MAX_FALSE_REFUSAL_RATE);
    });
  }
});
