import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "./render-article-markdown.ts";

// Markdown syntax in model and source text must stay text in index.md.

describe("escapeMarkdown", () => {
  it.each([
    ["plain text stays plain", "plain text stays plain"],
    ["*bold* _em_ `code`", "\\*bold\\* \\_em\\_ \\`code\\`"],
    ["[link](x) and <b>html</b>", "\\[link\\](x) and \\<b\\>html\\</b\\>"],
    ["a | b", "a \\| b"],
    ["# heading", "\\# heading"],
    ["#hashtag", "#hashtag"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
    ["0.1.0", "0.1.0"],
    ["&amp; &#60; & fish", "\\&amp; \\&#60; & fish"],
    ["two\nlines", "two lines"],
  ])("%j -> %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
