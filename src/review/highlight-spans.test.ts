import { describe, expect, it } from "vitest";
import { renderHighlightedText, splitHighlights, type HighlightSpan } from "./highlight-spans.ts";

const TEXT = "One. The cited quote sits here. Three.";
const QUOTE_START = TEXT.indexOf("cited");
const QUOTE_END = QUOTE_START + "cited quote".length;
const EVIDENCE_START = TEXT.indexOf("The");
const EVIDENCE_END = TEXT.indexOf(" Three");

describe("splitHighlights", () => {
  it.each<[string, HighlightSpan[], { text: string; kinds: string[] }[]]>([
    ["no spans", [], [{ text: TEXT, kinds: [] }]],
    [
      "a quote inside the evidence",
      [
        { start: QUOTE_START, end: QUOTE_END, kind: "quote" },
        { start: EVIDENCE_START, end: EVIDENCE_END, kind: "evidence" },
      ],
      [
        { text: "One. ", kinds: [] },
        { text: "The ", kinds: ["evidence"] },
        { text: "cited quote", kinds: ["quote", "evidence"] },
        { text: " sits here.", kinds: ["evidence"] },
        { text: " Three.", kinds: [] },
      ],
    ],
    [
      "spans clamped to the text, empty and reversed spans ignored",
      [
        { start: -5, end: 4, kind: "quote" },
        { start: 10, end: 10, kind: "evidence" },
        { start: 20, end: 12, kind: "evidence" },
        { start: TEXT.length - 6, end: TEXT.length + 40, kind: "evidence" },
      ],
      [
        { text: "One.", kinds: ["quote"] },
        { text: TEXT.slice(4, TEXT.length - 6), kinds: [] },
        { text: TEXT.slice(TEXT.length - 6), kinds: ["evidence"] },
      ],
    ],
  ])("%s", (_name, spans, expected) => {
    const segments = splitHighlights(TEXT, spans);
    expect(segments.map(({ text, kinds }) => ({ text, kinds }))).toEqual(expected);
    expect(segments.map((segment) => segment.text).join("")).toBe(TEXT);
  });
});

describe("renderHighlightedText", () => {
  it("escapes markup in the source and puts the focus id on the quote", () => {
    const text = "a <script>x()</script> b";
    const out = renderHighlightedText(text, [
      { start: 2, end: 10, kind: "quote" },
      { start: 0, end: text.length, kind: "evidence" },
    ]);
    expect(out.value).toBe(
      `<mark class="evidence">a </mark><mark class="quote evidence" id="focus">&lt;script&gt;</mark><mark class="evidence">x()&lt;/script&gt; b</mark>`,
    );
  });

  it("focuses the evidence when there is no located quote", () => {
    const out = renderHighlightedText("abc def", [{ start: 4, end: 7, kind: "evidence" }]);
    expect(out.value).toBe(`abc <mark class="evidence" id="focus">def</mark>`);
  });
});
