import { describe, expect, it } from "vitest";
import type { Passage } from "../domain/passage.ts";
import { splitPassages } from "./split-passages.ts";
import { seededRandom as createRandom } from "../../test/helpers/seeded-random.ts";


const WORDS = ["practice", "community", "learning", "newcomers", "identity", "e.g.", "Dr.", "2.5", "(Lave & Wenger, 1991)", "\u201cquoted\u201d", "caf\u00e9", "\u00fcber", "mentor"];

function generateText(seed: number): string {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (): string => {
    const words = Array.from({ length: 3 + Math.floor(random() * 25) }, () => pick(WORDS));
    return `${words.join(" ").replace(/^./u, (c) => c.toUpperCase())}${pick([".", ".", "?", "!"])}`;
  };
  const block = (): string => {
    const roll = random();
    if (roll < 0.15) return pick(["Core Principles", "Evidence Base", "Home > Topics > CoP"]);
    if (roll < 0.22) return Array.from({ length: 200 + Math.floor(random() * 200) }, () => pick(WORDS)).join(" ");
    if (roll < 0.25) return "x".repeat(1500 + Math.floor(random() * 500));
    return Array.from({ length: 1 + Math.floor(random() * 12) }, sentence).join(pick([" ", "  ", " \u00a0"]));
  };
  const blocks = Array.from({ length: Math.floor(random() * 30) }, block);
  return `${pick(["", " ", "\n"])}${blocks.join(pick(["\n\n", "\n\n\n", "\n \n"]))}${pick(["", "\n", "  "])}`;
}

function checkInvariants(text: string, passages: Passage[], max: number): void {
  let previousEnd = 0;
  for (const passage of passages) {
    expect(text.slice(passage.start, passage.end)).toBe(passage.text);
    expect(passage.text).toBe(passage.text.trim());
    expect(passage.text.length).toBeGreaterThan(0);
    expect(passage.text.length).toBeLessThanOrEqual(max);
    // Whatever lies between two passages is whitespace only: nothing is dropped or duplicated.
    expect(passage.start).toBeGreaterThanOrEqual(previousEnd);
    expect(text.slice(previousEnd, passage.start).trim()).toBe("");
    previousEnd = passage.end;
  }
  expect(text.slice(previousEnd).trim()).toBe("");
}

describe("splitPassages", () => {
  it.each(Array.from({ length: 60 }, (_, seed) => ({ seed })))("keeps exact offsets and covers the text (seed $seed)", ({ seed }) => {
    const text = generateText(seed);
    for (const targetChars of [650, 300]) {
      const passages = splitPassages({ source: 3, text, targetChars });
      checkInvariants(text, passages, Math.round(targetChars * 1.4));
      expect(passages.every((passage) => passage.source === 3 && passage.score === 0)).toBe(true);
    }
  });

  const para = (n: number, letter: string): string => `${letter.repeat(n - 1)}.`;
  const cases: { name: string; text: string; expected: [number, number][] }[] = [
    { name: "empty text", text: "", expected: [] },
    { name: "one short block", text: "  Short text.  ", expected: [[2, 13]] },
    // a+b span 602 chars, under the 650 target; adding c would pass the 910 maximum, so c starts anew.
    {
      name: "blocks packed up to the target",
      text: [para(300, "a"), para(300, "b"), para(400, "c"), para(400, "d")].join("\n\n"),
      expected: [[0, 602], [604, 1406]],
    },
    {
      name: "a long block is cut at sentence boundaries",
      text: `${"Alpha beta gamma delta. ".repeat(60).trim()}`,
      // 28 sentences of 24 chars reach the target; the last 4 (95 chars) are a tail and join the second.
      expected: [[0, 671], [672, 1439]],
    },
    {
      name: "a heading moves to the passage it introduces",
      text: [para(700, "a"), "Evidence Base", para(500, "b")].join("\n\n"),
      expected: [[0, 700], [702, 1217]],
    },
    {
      name: "a short tail joins the passage before it",
      text: [para(500, "a"), para(60, "b")].join("\n\n"),
      expected: [[0, 562]],
    },
  ];

  it.each(cases)("$name", ({ text, expected }) => {
    const passages = splitPassages({ source: 1, text });
    expect(passages).toEqual(expected.map(([start, end]) => ({ source: 1, start, end, text: text.slice(start, end), score: 0 })));
  });
});
