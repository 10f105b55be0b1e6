import { describe, expect, it } from "vitest";
import { loadExampleSourceTexts } from "../../test/helpers/example-source-texts.ts";
import { seededRandom } from "../../test/helpers/seeded-random.ts";
import { findVerbatim, indexWords } from "./find-verbatim.ts";

describe("findVerbatim", () => {
  const text = "Dr. O'Neil's team met weekly. The team's 2.5 mg dose worked; the team met again in 2019.\nThe team met weekly.";
  const words = indexWords(text);
  const cases: { name: string; quote: string }[] = [
    { name: "first of two occurrences", quote: "team met weekly" },
    { name: "starts and ends inside words", quote: "eam met week" },
    { name: "closed word after an apostrophe is not an anchor", quote: "Neil's team met" },
    { name: "decimal number", quote: "2.5 mg dose" },
    { name: "part of a decimal", quote: ".5 mg" },
    { name: "across a line break", quote: "2019.\nThe team" },
    { name: "one word only", quote: "worked" },
    { name: "absent word", quote: "the team met monthly" },
    { name: "present words, absent sequence", quote: "team met again weekly" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(findVerbatim(text, c.quote, words)).toBe(text.indexOf(c.quote));
    });
  }

  it("gives indexOf's answer for 3,000 substrings of our own sources, and for them altered", () => {
    const random = seededRandom(7);
    const mismatches: string[] = [];
    let found = 0;
    for (const source of loadExampleSourceTexts()) {
      const sourceWords = indexWords(source);
      for (let k = 0; k < 600; k++) {
        const start = Math.floor(random() * source.length);
        const quote = source.slice(start, start + 1 + Math.floor(random() * 120));
        // Half of them with one character changed, so most of those are absent.
        const at = Math.floor(random() * quote.length);
        const probe = k % 2 === 0 ? quote : quote.slice(0, at) + "x" + quote.slice(at + 1);
        const expected = source.indexOf(probe);
        if (expected >= 0) found++;
        if (findVerbatim(source, probe, sourceWords) !== expected) mismatches.push(probe);
      }
    }
    expect(mismatches).toEqual([]);
    expect(found).toBeGreaterThan(1500);
  });
});
