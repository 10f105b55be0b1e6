// The indexed verifier (issue 13, item 5) must decide exactly as the code before it: same coverage
// figures to the bit, same windows, same quote spans. The pre-change measure-coverage.ts and
// locate-quote.ts are kept verbatim in test/helpers/verifier-reference; here both run on claims and
// quotes made from the example article's own sources, including a long source built by repeating
// them (many tied sentences, the case where a ranking shortcut would pick other sentences).

import { describe, expect, it } from "vitest";
import { loadExampleSourceTexts } from "./helpers/example-source-texts.ts";
import { seededRandom } from "./helpers/seeded-random.ts";
import { locateQuote as locateQuoteBefore } from "./helpers/verifier-reference/locate-quote.ts";
import { measureCoverage as measureCoverageBefore } from "./helpers/verifier-reference/measure-coverage.ts";
import { analyzeTerms } from "../src/domain/text/analyze-terms.ts";
import { locateQuote, prepareQuoteSearch } from "../src/verification/locate-quote.ts";
import { measureCoverage, selectClaimTerms } from "../src/verification/measure-coverage.ts";
import { createOfflineVerifier } from "../src/verification/offline-verifier.ts";
import { splitSentences } from "../src/domain/text/split-sentences.ts";
import { indexSource } from "../src/verification/source-index.ts";

const sources = loadExampleSourceTexts();
const sentencesOf = (text: string): string[] => splitSentences(text).map((span) => text.slice(span.start, span.end));
const allSentences = sources.flatMap(sentencesOf).filter((sentence) => sentence.split(" ").length >= 6);
// Sources repeated and interleaved: about 200 kB, every sentence present several times.
const longSource = Array.from({ length: 3 }, (_, k) => sources.map((source, i) => sources[(i + k) % sources.length] ?? source).join("\n")).join("\n");

/** Claims a writer might draw from these sources: sentences, joined halves, words dropped, a number or a name changed. */
function makeClaims(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = (): string => allSentences[Math.floor(random() * allSentences.length)] as string;
  return Array.from({ length: count }, (_, k) => {
    const sentence = pick();
    const words = sentence.split(" ");
    switch (k % 5) {
      case 0:
        return sentence;
      case 1:
        return `${words.slice(0, Math.ceil(words.length / 2)).join(" ")} ${pick().split(" ").slice(-6).join(" ")}`;
      case 2:
        return words.filter(() => random() > 0.3).join(" ");
      case 3:
        return sentence.replace(/\d+/, "47").replace(/\b[A-Z][a-z]+\b/, "Ontario");
      default:
        return `Studies of ${pick().split(" ").slice(2, 9).join(" ")} show that ${words.slice(1, 8).join(" ")}.`;
    }
  });
}

describe("indexed coverage equals the coverage before the index", () => {
  const cases = [...sources.map((text, i) => ({ name: `example source ${i + 1}`, text })), { name: "200 kB of repeated sources", text: longSource }];
  for (const c of cases) {
    it(c.name, () => {
      const index = indexSource(c.text);
      const claims = makeClaims(60, c.text.length);
      const differing = claims.filter((claim) => {
        const terms = selectClaimTerms(analyzeTerms(claim), claim);
        const anchor = { first: 3, last: 4 };
        const now = [measureCoverage(terms, index), measureCoverage(terms, index, anchor)];
        const before = [measureCoverageBefore(terms, index), measureCoverageBefore(terms, index, anchor)];
        return JSON.stringify(now) !== JSON.stringify(before);
      });
      expect(differing).toEqual([]);
    });
  }

  it("a claim of more than 32 content words (masks of several words)", () => {
    const index = indexSource(longSource);
    const claim = allSentences.slice(0, 16).join(" ");
    const terms = selectClaimTerms(analyzeTerms(claim), claim);
    expect(terms.content.length).toBeGreaterThan(64);
    expect(JSON.stringify(measureCoverage(terms, index))).toBe(JSON.stringify(measureCoverageBefore(terms, index)));
  });
});

describe("quote search on a prepared source equals the search before it", () => {
  it("exact, re-cased, typographic, misspelt and absent quotes", () => {
    const random = seededRandom(11);
    const text = longSource;
    const prepared = prepareQuoteSearch(text);
    const quotes = allSentences.slice(0, 150).flatMap((sentence, k) => {
      const words = sentence.split(" ");
      const at = Math.floor(random() * words.length);
      return [
        sentence,
        sentence.toUpperCase(),
        sentence.replace(/'/g, "\u2019").replace(/ - /g, " \u2013 "),
        words.map((word, i) => (i === at && word.length > 4 ? word.slice(1) : word)).join(" "),
        k % 4 === 0 ? `${words.slice(0, 4).join(" ")} clinicians never wrote this ${words.slice(-3).join(" ")}` : sentence.slice(3, -3),
      ];
    });
    const differing = quotes.filter((quote) => {
      const now = locateQuote(quote, text, { prepareSource: () => prepared });
      return JSON.stringify(now) !== JSON.stringify(locateQuoteBefore(quote, text));
    });
    expect(differing).toEqual([]);
    const statuses = new Set(quotes.map((quote) => locateQuote(quote, text, { prepareSource: () => prepared }).status));
    expect([...statuses].sort()).toEqual(["exact", "fuzzy", "normalized", "not_found"]);
  });

  it("refuses a source prepared from another text", () => {
    const prepared = prepareQuoteSearch(sources[0] as string);
    expect(() => locateQuote("a quote not in it", sources[1] as string, { prepareSource: () => prepared })).toThrow(/prepared from another text/);
  });
});

describe("the verifier's kept indexes", () => {
  it("claims against interleaved sources get the verdicts of a fresh verifier per claim", async () => {
    const kept = createOfflineVerifier();
    const claims = makeClaims(40, 5);
    const differing: string[] = [];
    for (let k = 0; k < claims.length; k++) {
      // 20 sources in turn: more than the verifier keeps, so some are dropped and indexed again.
      const sourceText = `${sources[k % sources.length]}\nNote ${k % 20}: the clinic reviewed ${k % 20} cases.`;
      const input = { claim: claims[k] as string, quote: allSentences[k * 7] as string, sourceText };
      const now = await kept.verify(input);
      const fresh = await createOfflineVerifier().verify(input);
      if (JSON.stringify(now) !== JSON.stringify(fresh)) differing.push(input.claim);
    }
    expect(differing).toEqual([]);
  });
});
