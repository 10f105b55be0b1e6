import { describe, expect, it } from "vitest";
import type { Passage } from "../domain/passage.ts";
import { findTermDefinitions, isSubjectTerm, parseDefinitionalSentence } from "./extractive-definitions.ts";
import { selectGlossary } from "./extractive-glossary.ts";

// Term definitions as the example sources give them: a definitional sentence, a glossary entry (a
// term line, then its definition), and a one-line "Term: definition" entry.

function passage(source: number, start: number, text: string): Passage {
  return { source, start, end: start + text.length, text, score: 1 };
}

describe("parseDefinitionalSentence", () => {
  it.each([
    ["A community of practice is a group of people who share a concern or a passion for something they do.", { term: "Community of practice", definition: "a group of people who share a concern or a passion for something they do." }],
    ["Reification refers to the process of turning experience into objects that can be shared.", { term: "Reification", definition: "the process of turning experience into objects that can be shared." }],
    ["The domain is the area of knowledge that brings members together and gives them a common identity.", { term: "Domain", definition: "the area of knowledge that brings members together and gives them a common identity." }],
    ["Sleep efficiency is the percentage of the time spent in bed that a person is actually asleep.", { term: "Sleep efficiency", definition: "the percentage of the time spent in bed that a person is actually asleep." }],
    ["The PHQ-9 is a nine-item self-report questionnaire that measures the severity of depressive symptoms.", { term: "PHQ-9", definition: "a nine-item self-report questionnaire that measures the severity of depressive symptoms." }],
  ])("%s", (sentence, expected) => {
    expect(parseDefinitionalSentence(sentence)).toEqual(expected);
  });

  it.each([
    "Insomnia is more common in women, in older adults and in people with physical health problems.", // "is" + adjective: a finding
    "The result is a downward spiral in which low mood and inactivity feed each other.", // "the result" points back
    "Participation means that the newcomer takes part in the real work of the community.", // a clause, not a description
    "Homework is the engine of behavioural activation: most of the change happens between sessions.", // two colons would not read
    "Wenger, E. (1998) is the standard reference for the social theory of learning.", // a reference
  ])("is not a definition: %s", (sentence) => {
    expect(parseDefinitionalSentence(sentence)).toBeUndefined();
  });
});

describe("findTermDefinitions", () => {
  it("reads the three shapes, quoting the verbatim source span with offsets in the source", () => {
    const text = [
      "Key terms",
      "Reification",
      "The process of turning experience into objects such as documents, terms, tools and procedures that can be shared.",
      "Evidence",
      "Studies of virtual communities report similar benefits to face-to-face communities.",
      "Boundary object: a shared object, such as a care plan or a referral letter, that helps different communities work together.",
      "Key references: Wenger, E. (1998) Communities of Practice: Learning, Meaning, and Identity.",
      "Sensitivity is the proportion of people with the condition whom a test correctly identifies as positive.",
    ].join("\n\n");
    const found = findTermDefinitions([passage(4, 100, text)], [4]);
    expect(found.map(({ term, text: claim, quote, start, end }) => ({ term, claim, quote, start, end }))).toEqual([
      {
        term: "Reification",
        claim: "Reification: the process of turning experience into objects such as documents, terms, tools and procedures that can be shared.",
        quote: "Reification\n\nThe process of turning experience into objects such as documents, terms, tools and procedures that can be shared.",
        start: 100 + text.indexOf("Reification"),
        end: 100 + text.indexOf("Evidence") - 2,
      },
      {
        term: "Boundary object",
        claim: "Boundary object: a shared object, such as a care plan or a referral letter, that helps different communities work together.",
        quote: "Boundary object: a shared object, such as a care plan or a referral letter, that helps different communities work together.",
        start: 100 + text.indexOf("Boundary object"),
        end: 100 + text.indexOf("Key references") - 2,
      },
      {
        term: "Sensitivity",
        claim: "Sensitivity: the proportion of people with the condition whom a test correctly identifies as positive.",
        quote: "Sensitivity is the proportion of people with the condition whom a test correctly identifies as positive.",
        start: 100 + text.indexOf("Sensitivity"),
        end: 100 + text.length,
      },
    ]);
    for (const definition of found) expect(text.slice(definition.start - 100, definition.end - 100)).toBe(definition.quote);
  });
});

describe("isSubjectTerm", () => {
  it.each<[string, string, boolean]>([
    ["Community of practice", "Communities of Practice", true],
    ["Practice", "Communities of Practice", false],
    ["Behavioural activation", "Behavioural Activation for Depression", true],
    ["Insomnia", "Insomnia in Adults", true],
    ["Insomnia disorder", "Insomnia in Adults", false],
    ["PHQ-9", "PHQ-9", true],
  ])("%s in an article on %s: %s", (term, subject, expected) => {
    expect(isSubjectTerm(term, subject)).toBe(expected);
  });
});

describe("selectGlossary", () => {
  it("keeps one definition per term, leaves out the subject's own, and lists the terms alphabetically", () => {
    const text = [
      "Stimulus control: a set of instructions that strengthen the link between the bed and sleep.",
      "Insomnia is a complaint of difficulty falling asleep or staying asleep despite an adequate opportunity to sleep.",
      "Sleep efficiency is the percentage of the time spent in bed that a person is actually asleep.",
      "Sleep efficiency: the share of time in bed spent asleep, as recorded in a sleep diary over two weeks.",
    ].join("\n");
    const passages = [passage(1, 0, text)];
    const glossary = selectGlossary({ definitions: findTermDefinitions(passages, [1]), passages, subject: "Insomnia in Adults" });
    expect(glossary.map((entry) => entry.text)).toEqual([
      "Sleep efficiency: the percentage of the time spent in bed that a person is actually asleep.",
      "Stimulus control: a set of instructions that strengthen the link between the bed and sleep.",
    ]);
  });
});
