import { describe, expect, it } from "vitest";
import { loadExampleSourceTexts } from "../../test/helpers/example-source-texts.ts";
import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { findRelatedStems, indexSource, matchStrength } from "./source-index.ts";

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

describe("indexSource on the example article's sources", () => {
  const handout = loadExampleSourceTexts()[0] as string;
  const paragraph = handout.slice(handout.indexOf("Every community of practice combines"), handout.indexOf("A group needs all three elements"));

  it("splits a paragraph into its sentences, with terms, stems and offsets into the text", () => {
    const index = indexSource(paragraph);
    expect(index.sentences.map((s) => paragraph.slice(s.start, s.end))).toEqual([
      "Every community of practice combines three elements.",
      'The domain is the shared area of knowledge and concern, for example "working with young people who self-harm".',
      "The community is the group of people who interact, build trust and learn together.",
      "The practice is the shared set of tools, stories, methods, language and cases that the members develop over time.",
    ]);
    const first = index.sentences[0];
    expect(first?.terms.map((t) => [t.raw, t.stem, t.isStop, paragraph.slice(t.start, t.end)])).toEqual([
      ["Every", "everi", false, "Every"],
      ["community", "communiti", false, "community"],
      ["of", "of", true, "of"],
      ["practice", "practic", false, "practice"],
      ["combines", "combin", false, "combines"],
      ["three", "3", false, "three"],
      ["elements", "element", false, "elements"],
    ]);
    expect([...index.numbers]).toEqual(["3"]);
  });

  it("posts each content stem to exactly the sentences that contain it, in order", () => {
    for (const text of loadExampleSourceTexts()) {
      const index = indexSource(text);
      const expected = new Map<string, number[]>();
      index.sentences.forEach((sentence, id) => {
        const stems = new Set(analyzeTerms(text.slice(sentence.start, sentence.end)).filter((t) => !t.isStop).map((t) => t.stem));
        for (const stem of stems) expected.set(stem, [...(expected.get(stem) ?? []), id]);
      });
      expect(new Map([...index.postings].sort())).toEqual(new Map([...expected].sort()));
    }
  });

  it("retrieves the sentences a claim's words point to", () => {
    const index = indexSource(handout);
    const ids = ["lave", "wenger", "1991"].map((stem) => index.postings.get(stem) ?? []);
    const shared = (ids[0] ?? []).filter((id) => ids.every((list) => list.includes(id)));
    expect(shared.map((id) => handout.slice(index.sentences[id]?.start, index.sentences[id]?.end))).toEqual([
      "The term comes from Jean Lave and Etienne Wenger, who introduced it in 1991 in their book on situated learning and apprenticeship.",
      "Lave, J. and Wenger, E. (1991) Situated Learning: Legitimate Peripheral Participation.",
    ]);
  });
});
