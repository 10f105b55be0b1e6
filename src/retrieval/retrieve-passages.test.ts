import { describe, expect, it } from "vitest";
import { retrievePassages } from "./retrieve-passages.ts";

const filler = (topic: string, count: number): string =>
  Array.from({ length: count }, (_, index) => `Paragraph ${index} says something about ${topic} in plain words.`).join("\n\n");

const sources = [
  {
    number: 1,
    text: [
      "Legitimate peripheral participation describes how newcomers move from the edge of a community toward full membership.",
      filler("office furniture and lighting", 12),
    ].join("\n\n"),
  },
  { number: 2, text: filler("the history of the printing press", 12) },
  {
    number: 4,
    text: [filler("garden tools", 8), "Newcomers learn through participation: supervision and mentoring help newcomers join the community."].join("\n\n"),
  },
];

describe("retrievePassages", () => {
  it("returns the passages about the query in reading order, each an exact slice of its source", () => {
    const passages = retrievePassages({ sources, query: "newcomers participation", topic: "communities of practice", tokenBudget: 1000 });
    expect(passages.map((p) => ({ source: p.source, mentionsNewcomers: p.text.includes("Newcomers") || p.text.includes("newcomers") }))).toEqual([
      { source: 1, mentionsNewcomers: true },
      { source: 4, mentionsNewcomers: true },
    ]);
    for (const passage of passages) {
      const text = sources.find((source) => source.number === passage.source)?.text ?? "";
      expect(text.slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.score).toBeGreaterThan(0);
    }
  });

  it("respects the token budget", () => {
    const passages = retrievePassages({ sources, query: "paragraph plain words", topic: "", tokenBudget: 200 });
    expect(passages.reduce((sum, p) => sum + Math.ceil(p.text.length / 4), 0)).toBeLessThanOrEqual(200);
    expect(passages.length).toBeGreaterThan(0);
  });

  it("returns nothing when no passage shares a term with the query", () => {
    expect(retrievePassages({ sources, query: "zebra", topic: "", tokenBudget: 1000 })).toEqual([]);
  });
});
