import { describe, expect, it } from "vitest";
import { analyzeTerms } from "./analyze-terms.ts";
import { stemTerm, tokenizeTerms } from "./tokenize-terms.ts";

describe("stemTerm: wink's Porter2 stemmer after its irregular-verb table", () => {
  it.each([
    ["communities", "community"],
    ["practices", "practice"],
    ["practiced", "practicing"],
    ["learning", "learned"],
    ["running", "run"],
    ["studied", "study"],
    ["classes", "class"],
    ["therapies", "therapy"],
    ["won", "wins"],
    ["began", "beginning"],
    ["was", "be"],
  ])("%s meets %s", (a, b) => {
    expect(stemTerm(a)).toBe(stemTerm(b));
  });

  it.each([
    ["general", "generate"],
    ["status", "state"],
    ["smart", "smarter"],
    ["patient", "patience"],
  ])("%s stays apart from %s", (a, b) => {
    expect(stemTerm(a)).not.toBe(stemTerm(b));
  });

  it("keeps numbers whole and canonical", () => {
    expect(["2024", "2nd", "260,000"].map(stemTerm)).toEqual(["2024", "2", "260000"]);
  });
});

describe("tokenizeTerms", () => {
  it.each([
    { text: "Communities of Practice: A Clinician's Guide", terms: ["communiti", "practic", "clinician", "guid"] },
    { text: "The newcomers LEARN by doing, e.g. in 2 groups.", terms: ["newcom", "learn", "2", "group"] },
    { text: "Wenger\u2019s model (1998) isn't new", terms: ["wenger", "model", "1998", "isn't", "new"] },
    { text: "Most patients may not improve", terms: ["patient", "may", "not", "improv"] },
    { text: "", terms: [] },
  ])("$text", ({ text, terms }) => {
    expect(tokenizeTerms(text)).toEqual(terms);
  });

  it("gives retrieval and the verifier the same stems", () => {
    const text = "General practitioners generated 12 referrals in 2019.";
    expect(tokenizeTerms(text)).toEqual(analyzeTerms(text).filter((term) => !term.isStop).map((term) => term.stem));
  });
});
