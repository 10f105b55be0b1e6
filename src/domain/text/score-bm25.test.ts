import { describe, expect, it } from "vitest";
import { scoreBm25 } from "./score-bm25.ts";

// idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)); term part = idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * dl / avgdl)).
const idf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
const part = (n: number, df: number, f: number, ratio: number): number => (idf(n, df) * f * 2.2) / (f + 1.2 * (0.25 + 0.75 * ratio));

describe("scoreBm25", () => {
  it.each([
    { name: "no documents", documents: [], query: ["a"], expected: [] },
    { name: "no query terms", documents: [["a"], ["b"]], query: [], expected: [0, 0] },
    {
      name: "rare term outweighs common term, length normalised",
      documents: [["cat", "dog"], ["cat", "cat", "fish", "bird"], ["bird"]],
      query: ["cat", "fish", "cat"],
      // avgdl = 7/3; repeated query terms count once.
      expected: [part(3, 2, 1, 2 / (7 / 3)), part(3, 2, 2, 4 / (7 / 3)) + part(3, 1, 1, 4 / (7 / 3)), 0],
    },
  ])("$name", ({ documents, query, expected }) => {
    const scores = scoreBm25({ documents, queryTerms: query });
    expect(scores.length).toBe(expected.length);
    scores.forEach((score, index) => expect(score).toBeCloseTo(expected[index] ?? Number.NaN, 12));
  });

  it("keeps idf positive for a term found in every document", () => {
    expect(scoreBm25({ documents: [["cop"], ["cop"], ["cop"]], queryTerms: ["cop"] }).every((score) => score > 0)).toBe(true);
  });
});
