import { describe, expect, it } from "vitest";
import { locateQuote } from "./locate-quote.ts";
import { normalizeWithMap } from "./normalize-text.ts";

const SOURCE =
  "Background.\nIn 1991, Étienne Wenger and Jean Lave described \u201Csituated learning\u201D \u2014 learning as participation.\n" +
  "Newcomers move from legitimate peripheral participation toward full participation in a community of practice.\n" +
  "The model has been applied to nursing, teaching and social work over three decades.";

describe("locateQuote: exact and normalized matches", () => {
  const cases: { name: string; text: string; quote: string; status: string; span: string }[] = [
    { name: "verbatim", text: SOURCE, quote: "legitimate peripheral participation", status: "exact", span: "legitimate peripheral participation" },
    { name: "surrounding whitespace ignored", text: SOURCE, quote: "  three decades ", status: "exact", span: "three decades" },
    { name: "straight vs curly double quotes", text: SOURCE, quote: 'described "situated learning"', status: "normalized", span: "described \u201Csituated learning\u201D" },
    { name: "curly vs straight single quote", text: "The clinician's role is central.", quote: "clinician\u2019s role", status: "normalized", span: "clinician's role" },
    { name: "em dash vs hyphen", text: SOURCE, quote: "learning\u201D - learning as participation", status: "normalized", span: "learning\u201D \u2014 learning as participation" },
    { name: "en dash vs hyphen", text: "Doses of 10\u201320 mg daily.", quote: "10-20 mg", status: "normalized", span: "10\u201320 mg" },
    { name: "line break collapsed", text: SOURCE, quote: "participation.  Newcomers move", status: "normalized", span: "participation.\nNewcomers move" },
    { name: "case folded", text: SOURCE, quote: "NEWCOMERS MOVE from", status: "normalized", span: "Newcomers move from" },
    { name: "soft hyphen removed", text: "A commu\u00ADnity of practice.", quote: "community of practice", status: "normalized", span: "commu\u00ADnity of practice" },
    { name: "zero-width space removed", text: "full parti\u200Bcipation here", quote: "full participation", status: "normalized", span: "full parti\u200Bcipation" },
    { name: "NFKC ligature", text: "The \uFB01rst cohort.", quote: "first cohort", status: "normalized", span: "\uFB01rst cohort" },
    { name: "NFKC composed vs decomposed accent", text: SOURCE, quote: "E\u0301tienne Wenger", status: "normalized", span: "Étienne Wenger" },
    { name: "non-breaking space", text: "over 260,000\u00A0volumes", quote: "260,000 volumes", status: "normalized", span: "260,000\u00A0volumes" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const location = locateQuote(c.quote, c.text);
      expect({ status: location.status, similarity: location.similarity, span: c.text.slice(location.start, location.end) }).toEqual({
        status: c.status,
        similarity: 1,
        span: c.span,
      });
    });
  }
});

describe("locateQuote: fuzzy matches for small model slips", () => {
  const cases: { name: string; quote: string; span: string; minSimilarity: number }[] = [
    {
      name: "changed word",
      quote: "Newcomers move from legitimate peripheral participation towards full participation in a community of practice",
      span: "Newcomers move from legitimate peripheral participation toward full participation in a community of practice",
      minSimilarity: 0.9,
    },
    {
      name: "dropped article",
      quote: "toward full participation in community of practice",
      span: "toward full participation in a community of practice",
      minSimilarity: 0.85,
    },
    {
      name: "typo",
      quote: "The model has been aplied to nursing, teaching and social work",
      span: "The model has been applied to nursing, teaching and social work",
      minSimilarity: 0.95,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const location = locateQuote(c.quote, SOURCE);
      expect({ status: location.status, span: SOURCE.slice(location.start, location.end) }).toEqual({ status: "fuzzy", span: c.span });
      expect(location.similarity).toBeGreaterThanOrEqual(c.minSimilarity);
      expect(location.similarity).toBeLessThan(1);
    });
  }
});

describe("locateQuote: rejections", () => {
  const cases: { name: string; quote: string }[] = [
    { name: "fabricated quote", quote: "Wenger showed that communities of practice halve clinician burnout within a year" },
    { name: "changed number in a short quote", quote: "In 1998, Étienne Wenger" },
    { name: "empty quote", quote: "   " },
    { name: "no shared token", quote: "zebra quantum" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const location = locateQuote(c.quote, SOURCE);
      expect({ status: location.status, start: location.start, end: location.end }).toEqual({ status: "not_found", start: -1, end: -1 });
    });
  }
});

describe("normalizeWithMap", () => {
  it("maps every normalized character back to its original span", () => {
    const original = "  A\u00ADB \u201Cc\u201D\n\n\uFB01 ";
    const normalized = normalizeWithMap(original);
    const pieces = [...normalized.text].map((ch, i) => [ch, original.slice(normalized.origStart[i], normalized.origEnd[i])]);
    expect({ text: normalized.text, pieces }).toEqual({
      text: 'ab "c" fi',
      pieces: [["a", "A"], ["b", "B"], [" ", " "], ['"', "\u201C"], ["c", "c"], ['"', "\u201D"], [" ", "\n"], ["f", "\uFB01"], ["i", "\uFB01"]],
    });
  });
});

describe("locateQuote on a 1 MB source", () => {
  it("finds exact, normalized and fuzzy quotes placed near the end", () => {
    const filler = "Peer supervision groups met weekly to discuss cases and share resources with colleagues. ";
    const parts: string[] = [];
    let length = 0;
    let n = 0;
    while (length < 1_000_000) {
      const sentence = `${filler}Session ${n} notes were filed. `;
      parts.push(sentence);
      length += sentence.length;
      n++;
    }
    const needle = "The reflective team protocol reduced dropout from 31% to 12% across eleven sites.";
    const text = parts.join("") + needle + " " + filler;
    const cases: { quote: string; status: string }[] = [
      { quote: needle, status: "exact" },
      { quote: "the reflective team protocol REDUCED dropout from 31% to 12%", status: "normalized" },
      { quote: "The reflective team protocol reduced drop-out from 31% to 12% across eleven sites.", status: "fuzzy" },
    ];
    const found = cases.map((c) => {
      const location = locateQuote(c.quote, text);
      return { status: location.status, inNeedle: location.start >= text.indexOf(needle) && location.end <= text.indexOf(needle) + needle.length };
    });
    expect(found).toEqual(cases.map((c) => ({ status: c.status, inNeedle: true })));
    expect(locateQuote("Wenger showed the reflective team protocol eliminated dropout in every site", text).status).toBe("not_found");
  });
});
