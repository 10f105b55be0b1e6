import { describe, expect, it } from "vitest";
import { splitSentences } from "./split-sentences.ts";

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: "plain sentences", text: "One is here. Two is there! Is three? Yes.", expected: ["One is here.", "Two is there!", "Is three?", "Yes."] },
  {
    name: "e.g. and i.e. do not end a sentence",
    text: "Groups share a domain, e.g. nursing, and a practice, i.e. routines. They meet often.",
    expected: ["Groups share a domain, e.g. nursing, and a practice, i.e. routines.", "They meet often."],
  },
  {
    name: "e.g. before a capital stays inside",
    text: "Some groups meet online, e.g. Slack channels. Others meet in person.",
    expected: ["Some groups meet online, e.g. Slack channels.", "Others meet in person."],
  },
  {
    name: "et al. before a citation year",
    text: "Wenger et al. (2002) describe seven principles. They build on earlier work.",
    expected: ["Wenger et al. (2002) describe seven principles.", "They build on earlier work."],
  },
  {
    name: "titles and initials",
    text: "Dr. Smith met E. Wenger and J. Lave in 1991. Prof. Brown joined later.",
    expected: ["Dr. Smith met E. Wenger and J. Lave in 1991.", "Prof. Brown joined later."],
  },
  {
    name: "decimals and versions",
    text: "Effect sizes were 2.5 and 0.37 on average. Version 1.2.3 was used.",
    expected: ["Effect sizes were 2.5 and 0.37 on average.", "Version 1.2.3 was used."],
  },
  {
    name: "a citation in parentheses before the period",
    text: "Learning is situated in practice (Lave & Wenger, 1991). Newcomers start at the periphery.",
    expected: ["Learning is situated in practice (Lave & Wenger, 1991).", "Newcomers start at the periphery."],
  },
  {
    name: "closing quotes after the terminator",
    text: "He called it \u201clegitimate peripheral participation.\u201d The term stuck. \"Is it new?\" she asked.",
    expected: ["He called it \u201clegitimate peripheral participation.\u201d", "The term stuck.", "\"Is it new?\" she asked."],
  },
  {
    name: "a sentence opening with a quote or bracket",
    text: "The study ended. \u201cPractice\u201d was defined broadly. (See the appendix.) Done.",
    expected: ["The study ended.", "\u201cPractice\u201d was defined broadly.", "(See the appendix.)", "Done."],
  },
  {
    name: "page numbers and numbered items",
    text: "See p. 12 for details. The answer was no. Nobody objected.",
    expected: ["See p. 12 for details.", "The answer was no.", "Nobody objected."],
  },
  {
    name: "a lower-case word after a period continues the sentence",
    text: "The approx. size was small. It grew.",
    expected: ["The approx. size was small.", "It grew."],
  },
  {
    name: "blank lines always end a sentence",
    text: "Core Principles\n\nMembers share a domain\n\nThey learn together.",
    expected: ["Core Principles", "Members share a domain", "They learn together."],
  },
  {
    // wink reads "p.m." before a capital as inside the sentence and "U.S." as its end; both are
    // whole, verbatim spans either way.
    name: "dotted abbreviations: wink's reading",
    text: "Clinics open at 9 a.m. and close at 5 p.m. Parking is free. Rates differ in the U.S. Most clinics bill monthly.",
    expected: ["Clinics open at 9 a.m. and close at 5 p.m. Parking is free.", "Rates differ in the U.S.", "Most clinics bill monthly."],
  },
  { name: "an ellipsis does not end a sentence", text: "It went on\u2026 Then it stopped... Finally it ended.", expected: ["It went on\u2026 Then it stopped... Finally it ended."] },
  {
    name: "initials wink knows inside a name",
    text: "O.C. Marsh was appointed at Yale in 1866. He stayed.",
    expected: ["O.C. Marsh was appointed at Yale in 1866.", "He stayed."],
  },
  {
    name: "a figure reference does not end a sentence",
    text: "Rates fell (see Fig. 2. for details) over time. Then they rose.",
    expected: ["Rates fell (see Fig. 2. for details) over time.", "Then they rose."],
  },
  { name: "URLs stay whole", text: "Visit www.example.org/cop.html for more. Thanks.", expected: ["Visit www.example.org/cop.html for more.", "Thanks."] },
  { name: "empty and blank input", text: "  \n\n ", expected: [] },
];

describe("splitSentences", () => {
  it.each(cases)("$name", ({ text, expected }) => {
    expect(splitSentences(text).map((sentence) => sentence.text)).toEqual(expected);
  });

  it.each(cases)("keeps exact offsets, shifted by the offset argument: $name", ({ text }) => {
    const prefix = "0123456789";
    for (const sentence of splitSentences(text, prefix.length)) {
      expect((prefix + text).slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
  });

  it("returns whole spans with offsets", () => {
    expect(splitSentences("  A cat sat. A dog ran.  ", 100)).toEqual([
      { start: 102, end: 112, text: "A cat sat." },
      { start: 113, end: 123, text: "A dog ran." },
    ]);
  });
});

describe("splitSentences: the verifier's former cases", () => {
  const cases: { name: string; text: string; sentences: string[] }[] = [
    { name: "lines", text: "First line\n\n  Second line  \n", sentences: ["First line", "Second line"] },
    { name: "punctuation", text: "It works. It helps! Does it? Yes.", sentences: ["It works.", "It helps!", "Does it?", "Yes."] },
    { name: "abbreviations and initials", text: "Dr. Smith met J. K. Rowling in the U.S. in May. Then he left.", sentences: ["Dr. Smith met J. K. Rowling in the U.S. in May.", "Then he left."] },
    // wink reads a one-word quotation as part of the sentence that follows it.
    { name: "closing quote", text: "He said \u201Cno.\u201D Then he left.", sentences: ["He said \u201Cno.\u201D Then he left."] },
    { name: "lower-case continuation", text: "Doses of 2.5 mg. are used e.g. in adults.", sentences: ["Doses of 2.5 mg. are used e.g. in adults."] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(splitSentences(c.text).map((sentence) => sentence.text)).toEqual(c.sentences);
    });
  }
});
