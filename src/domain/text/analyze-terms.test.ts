import { describe, expect, it } from "vitest";
import { analyzeTerms, canonicalNumber, termsOf, termsOfTokens, wordTokens } from "./analyze-terms.ts";
import { readTokens } from "./read-tokens.ts";

describe("canonicalNumber", () => {
  it("gives one value per way of writing a number", () => {
    const inputs = ["260,000", "41.3", "41.30", "2.0", "2nd", "1990s", "twelve", "1,5", "2019", "dozen", "mg", "one"];
    expect(Object.fromEntries(inputs.map((input) => [input, canonicalNumber(input)]))).toEqual({
      "260,000": "260000", "41.3": "41.3", "41.30": "41.3", "2.0": "2", "2nd": "2", "1990s": "1990s", twelve: "12",
      "1,5": "1.5", "2019": "2019", dozen: "12", mg: undefined, one: undefined,
    });
  });
});

describe("analyzeTerms", () => {
  it("reads the same terms in one pass as through word tokens", () => {
    const text =
      "Beck's 18-25 COVID-19 patients didn't\tcannot take 2.5mg (12%) in 2018\u201319;\r\n  Dr. O\u2019Neil\u2019s e.g. 260,000 won\u00a0twenty-two awards, Jan.\n\nA/B tests.";
    const throughWords = termsOf(wordTokens(readTokens(text), text));
    expect(throughWords.map((term) => term.raw)).toContain("Beck's");
    expect(analyzeTerms(text)).toEqual(throughWords);
    expect(termsOfTokens(readTokens(text), text)).toEqual(throughWords);
  });

  it("stems, flags stopwords, numbers and capitals, and keeps offsets", () => {
    const text = "Beck's patients won 2 awards, didn’t they?";
    const terms = analyzeTerms(text).map((t) => [text.slice(t.start, t.end), t.lower, t.stem, t.isStop, t.number, t.isCapitalized]);
    expect(terms).toEqual([
      ["Beck's", "beck", "beck", false, undefined, true],
      ["patients", "patients", "patient", false, undefined, false],
      ["won", "won", "win", false, undefined, false],
      ["2", "2", "2", false, "2", false],
      ["awards", "awards", "award", false, undefined, false],
      ["didn’t", "didn't", "didn't", false, undefined, false],
      ["they", "they", "they", true, undefined, false],
    ]);
  });
});

describe("stop words", () => {
  it("keeps 'done' a content word: an auxiliary 'do' is a stop word, the participle is the verb a denial governs", () => {
    const text = "He did say it, but he hasn't done anything.";
    const stops = Object.fromEntries(analyzeTerms(text).map((t) => [t.lower, t.isStop]));
    expect({ did: stops.did, done: stops.done }).toEqual({ did: true, done: false });
  });
});
