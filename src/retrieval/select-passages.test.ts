import { describe, expect, it } from "vitest";
import type { Passage } from "../domain/passage.ts";
import { estimateTokens, selectPassages } from "./select-passages.ts";

// Passages of `chars` characters (chars / 4 tokens), named "source:start".
const passage = (source: number, start: number, chars: number, score: number): Passage => ({
  source,
  start,
  end: start + chars,
  text: "x".repeat(chars),
  score,
});
const names = (passages: Passage[]): string[] => passages.map((p) => `${p.source}:${p.start}`);

// Best first, as rankPassages returns them.
const ranked: Passage[] = [
  passage(1, 900, 400, 9), // 100 tokens
  passage(1, 0, 400, 8),
  passage(1, 500, 400, 7),
  passage(2, 300, 800, 6), // 200 tokens
  passage(3, 0, 200, 5), // 50 tokens
  passage(2, 0, 400, 4),
  passage(3, 400, 400, 0), // shares no query term
];

describe("selectPassages", () => {
  it.each([
    { name: "everything scored fits", budget: 10_000, cap: 10, expected: ["1:0", "1:500", "1:900", "2:0", "2:300", "3:0"] },
    { name: "the per-source cap lets other sources in", budget: 10_000, cap: 2, expected: ["1:0", "1:900", "2:0", "2:300", "3:0"] },
    // 100 + 100 + 100 = 300; the 200-token passage does not fit, the 50-token one does.
    { name: "a passage over budget is skipped, a later smaller one taken", budget: 360, cap: 10, expected: ["1:0", "1:500", "1:900", "3:0"] },
    { name: "a budget too small for anything", budget: 10, cap: 10, expected: [] },
    { name: "a budget of exactly one passage", budget: 100, cap: 10, expected: ["1:900"] },
  ])("$name", ({ budget, cap, expected }) => {
    expect(names(selectPassages({ ranked, tokenBudget: budget, maxPerSource: cap }))).toEqual(expected);
  });

  it("applies the default cap of 4 per source", () => {
    const many = Array.from({ length: 6 }, (_, index) => passage(1, index * 100, 40, 6 - index));
    expect(names(selectPassages({ ranked: many, tokenBudget: 10_000 }))).toEqual(["1:0", "1:100", "1:200", "1:300"]);
  });

  it.each([
    ["", 0],
    ["abc", 1],
    ["abcd", 1],
    ["abcde", 2],
  ])("estimates %j as %i tokens", (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });
});
