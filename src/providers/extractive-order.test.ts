import { describe, expect, it } from "vitest";
import type { Candidate } from "./extractive-candidates.ts";
import { findEarliestYear, orderSentences } from "./extractive-order.ts";

function candidate(source: number, start: number, text: string): Candidate {
  return { source, start, text, terms: [], passageScore: 1 };
}

describe("findEarliestYear", () => {
  it.each<[string, number | undefined]>([
    ["In 2016, David Richards and colleagues published the COBRA trial, which followed the 2006 trial.", 2006],
    ["Lewinsohn's work in the 1970s shaped later treatments.", 1970],
    ["The trial enrolled 1,162 participants and 440 adults.", undefined],
    ["Scores range from 0 to 27, with 10 or more as the cut-off.", undefined],
    ["A version 2.2019 of the form is not a year.", undefined],
  ])("%s -> %s", (text, year) => {
    expect(findEarliestYear(text)).toBe(year);
  });
});

describe("orderSentences", () => {
  const lineage = [
    candidate(1, 10, "In 2016, Richards and colleagues published the COBRA trial."),
    candidate(1, 90, "The trial compared behavioural activation with cognitive behavioural therapy in primary care."),
    candidate(2, 5, "In 2001, Martell, Addis and Jacobson published Depression in Context."),
    candidate(3, 0, "Behavioural activation is taught to non-specialist health workers in many countries."),
    candidate(3, 70, "Lewinsohn proposed a behavioural theory of depression in the early 1970s."),
  ];

  it("tells a history by the year each sentence names; an undated one follows the year before it in its source, else comes last", () => {
    const contextYears = new Map([[lineage[1], 2016]]);
    const ordered = orderSentences({ chosen: lineage, order: "chronological", contextYear: (item) => contextYears.get(item) });
    expect(ordered.map((item) => item.text)).toEqual([
      "Lewinsohn proposed a behavioural theory of depression in the early 1970s.",
      "In 2001, Martell, Addis and Jacobson published Depression in Context.",
      "In 2016, Richards and colleagues published the COBRA trial.",
      "The trial compared behavioural activation with cognitive behavioural therapy in primary care.",
      "Behavioural activation is taught to non-specialist health workers in many countries.",
    ]);
  });

  it("puts the subject's definition first, then other definitions, then the rest in reading order", () => {
    const chosen = [
      candidate(1, 0, "Homework tasks are set at the end of every session."),
      candidate(1, 50, "Activity scheduling is the planning of specific activities for specific times in the coming week."),
      candidate(2, 0, "Most of the change happens between sessions."),
      candidate(3, 0, "Behavioural activation is a structured psychological therapy for depression that targets avoidance."),
    ];
    const ordered = orderSentences({ chosen, order: "definition-first", subject: "Behavioural Activation for Depression" });
    expect(ordered.map((item) => `${item.source}@${item.start}`)).toEqual(["3@0", "1@50", "1@0", "2@0"]);
  });
});
