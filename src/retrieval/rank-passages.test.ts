import { describe, expect, it } from "vitest";
import type { Passage } from "../domain/passage.ts";
import { rankPassages } from "./rank-passages.ts";

const passage = (source: number, start: number, text: string): Passage => ({ source, start, end: start + text.length, text, score: 0 });

const passages: Passage[] = [
  passage(1, 0, "The weather in spring is mild and pleasant."),
  passage(1, 50, "Supervision groups support newcomers in busy clinical practice settings."),
  passage(2, 0, "Communities of practice share a domain, a community and a practice."),
  passage(2, 80, "Mentors supervise newcomers; supervision builds identity."),
  passage(3, 0, "Budget tables and office hours."),
];

describe("rankPassages", () => {
  it.each([
    // Both match both terms; the shorter passage wins (length normalisation), the rest score 0.
    { query: "supervision newcomers", topic: "", order: ["2:80", "1:50", "1:0", "2:0", "3:0"] },
    // The topic counts as query terms: "communities" and "practice" lift 2:0 and 1:50.
    { query: "domain", topic: "communities of practice", order: ["2:0", "1:50", "1:0", "2:80", "3:0"] },
    // Nothing matches: every score is 0 and reading order decides.
    { query: "zebra", topic: "", order: ["1:0", "1:50", "2:0", "2:80", "3:0"] },
  ])("$query / $topic", ({ query, topic, order }) => {
    const ranked = rankPassages({ passages, query, topic });
    expect(ranked.map((p) => `${p.source}:${p.start}`)).toEqual(order);
    expect(ranked.map((p) => p.score)).toEqual([...ranked.map((p) => p.score)].sort((a, b) => b - a));
  });

  it("does not mutate its input and returns the same passages with scores", () => {
    const before = structuredClone(passages);
    const ranked = rankPassages({ passages, query: "supervision", topic: "" });
    expect(passages).toEqual(before);
    expect(ranked.map(({ score: _score, ...rest }) => rest).sort((a, b) => a.source - b.source || a.start - b.start)).toEqual(
      before.map(({ score: _score, ...rest }) => rest),
    );
  });

  it("is deterministic under input order", () => {
    const forward = rankPassages({ passages, query: "practice newcomers", topic: "communities" });
    const backward = rankPassages({ passages: [...passages].reverse(), query: "practice newcomers", topic: "communities" });
    expect(backward).toEqual(forward);
  });
});
