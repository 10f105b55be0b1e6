import { describe, expect, it } from "vitest";
import { analyzeTerms, canonicalNumber, termsOfTokens } from "./analyze-terms.ts";
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
  it("joins wink's tokens into written words, cuts compounds and ranges, and reads the same from tokens already read", () => {
    const text =
      "Beck's 18-25 COVID-19 patients didn't\tcannot take 2.5mg (12%) in 2018\u201319;\r\n  Dr. O\u2019Neil\u2019s e.g. 260,000 won\u00a0twenty-two awards, Jan.\n\nA/B tests.";
    const terms = analyzeTerms(text);
    expect(terms.map((term) => [term.raw, term.start])).toEqual([
      ["Beck's", 0], ["18", 7], ["25", 10], ["COVID", 13], ["19", 19], ["patients", 22], ["didn't", 31], ["cannot", 38],
      ["take", 45], ["2.5", 50], ["mg", 53], ["12", 57], ["in", 62], ["2018", 65], ["19", 70], ["Dr", 77],
      ["O\u2019Neil\u2019s", 81], ["e", 90], ["g", 92], ["260,000", 95], ["won", 103], ["twenty", 107], ["two", 114],
      ["awards", 118], ["Jan", 126], ["A", 132], ["B", 134], ["tests", 136],
    ]);
    for (const term of terms) expect(text.slice(term.start, term.end)).toBe(term.raw);
    expect(termsOfTokens(readTokens(text), text)).toEqual(terms);
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
