import { describe, expect, it } from "vitest";
import { findRelatedStems, indexSource, matchStrength, splitSentences } from "./source-index.ts";

describe("splitSentences", () => {
  const cases: { name: string; text: string; sentences: string[] }[] = [
    { name: "lines", text: "First line\n\n  Second line  \n", sentences: ["First line", "Second line"] },
    { name: "punctuation", text: "It works. It helps! Does it? Yes.", sentences: ["It works.", "It helps!", "Does it?", "Yes."] },
    { name: "abbreviations and initials", text: "Dr. Smith met J. K. Rowling in the U.S. in May. Then he left.", sentences: ["Dr. Smith met J. K. Rowling in the U.S. in May.", "Then he left."] },
    { name: "closing quote", text: "He said \u201Cno.\u201D Then he left.", sentences: ["He said \u201Cno.\u201D", "Then he left."] },
    { name: "lower-case continuation", text: "Doses of 2.5 mg. are used e.g. in adults.", sentences: ["Doses of 2.5 mg. are used e.g. in adults."] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(splitSentences(c.text).map((span) => c.text.slice(span.start, span.end))).toEqual(c.sentences);
    });
  }
});

describe("indexSource", () => {
  it("indexes content stems by sentence, numbers, and related forms", () => {
    const index = indexSource("Therapists were nominated in 2019.\nThe nominee attended twelve sessions.");
    expect({
      sentences: index.sentences.map((s) => [...s.stems]),
      nominPostings: index.postings.get("nomin"),
      numbers: [...index.numbers],
      related: findRelatedStems(index, "nomin"),
      strengths: ["nomin", "nomine", "session", "sess", "clinic"].map((stem) => matchStrength(index, stem)),
    }).toEqual({
      sentences: [["therapist", "nomin", "2019"], ["nomine", "attend", "12", "session"]],
      nominPostings: [0],
      numbers: ["2019", "12"],
      related: ["nomine"],
      strengths: [1, 1, 1, 0.5, 0],
    });
  });
});
