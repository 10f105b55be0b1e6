import { describe, expect, it } from "vitest";
import { stemTerm, tokenizeTerms } from "./tokenize-terms.ts";

describe("stemTerm", () => {
  it.each([
    ["communities", "community"],
    ["community", "community"],
    ["practices", "practic"],
    ["practiced", "practic"],
    ["practicing", "practic"],
    ["practice", "practic"],
    ["learning", "learn"],
    ["learned", "learn"],
    ["running", "run"],
    ["spelled", "spell"],
    ["studied", "study"],
    ["agreed", "agre"],
    ["classes", "class"],
    ["boxes", "box"],
    ["status", "status"],
    ["analysis", "analysis"],
    ["actively", "activ"],
    ["family", "family"],
    ["use", "use"],
    ["smart", "smart"],
    ["2024", "2024"],
  ])("%s -> %s", (word, stem) => {
    expect(stemTerm(word)).toBe(stem);
  });
});

describe("tokenizeTerms", () => {
  it.each([
    { text: "Communities of Practice: A Clinician's Guide", terms: ["community", "practic", "clinician", "guid"] },
    { text: "The newcomers LEARN by doing, e.g. in 2 groups.", terms: ["newcomer", "learn", "group"] },
    { text: "Wenger\u2019s model (1998) isn't new", terms: ["wenger", "model", "1998", "isn't", "new"] },
    { text: "", terms: [] },
  ])("$text", ({ text, terms }) => {
    expect(tokenizeTerms(text)).toEqual(terms);
  });
});
