import { describe, expect, it } from "vitest";
import { termOf } from "./gather-site-articles.ts";

describe("termOf: the term a key-terms claim defines", () => {
  it.each([
    ["Legitimate peripheral participation: how newcomers learn by taking part.", "Legitimate peripheral participation"],
    ["Situated learning — learning in the setting where it is used.", "Situated learning"],
    ["Domain - the shared area of concern.", "Domain"],
    ["Communities of practice are groups of people who share a craft.", null],
    [`${"A very long opening clause that goes on ".repeat(3)}: and then a colon.`, null],
  ])("%s", (text, term) => expect(termOf(text)).toBe(term));
});
