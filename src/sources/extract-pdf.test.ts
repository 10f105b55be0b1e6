import { describe, expect, it } from "vitest";
import { makePdf } from "../../test/helpers/make-pdf.ts";
import { extractPdfText } from "./extract-pdf.ts";

const LONG_PARAGRAPH =
  "Legitimate peripheral participation describes how newcomers become members of a community of practice: they begin with simple, low-risk tasks that are still productive and necessary, and through them come to understand the work, its vocabulary and the organising principles of the community.";

describe("extractPdfText", () => {
  it("round-trips makePdf output: metadata title, wrapped lines rejoined, paragraphs separated", async () => {
    const paragraphs = ["A short first paragraph.", LONG_PARAGRAPH, "Third paragraph (with parentheses) and a backslash \\ here."];
    const result = await extractPdfText(makePdf({ title: "Situated Learning", paragraphs }));
    expect(result).toEqual({ title: "Situated Learning", text: ["Situated Learning", ...paragraphs].join("\n\n") });
  });

  it("keeps WinAnsi punctuation and accents", async () => {
    const paragraph = "Wenger\u2019s \u201ccommunities of practice\u201d \u2013 a caf\u00e9 for clinicians \u2014 cost \u20ac0.";
    const result = await extractPdfText(makePdf({ title: "Caf\u00e9 \u201cnotes\u201d", paragraphs: [paragraph] }));
    expect(result).toEqual({ title: "Caf\u00e9 \u201cnotes\u201d", text: `Caf\u00e9 \u201cnotes\u201d\n\n${paragraph}` });
  });

  it("dehyphenates words broken at a line end, keeping hyphens before non-lowercase text", async () => {
    const pdf = makePdf({
      title: "Hyphens",
      paragraphs: ["The supervision group agreed a treat-\nment plan for each client.", "Services changed during COVID-\n19 and after."],
    });
    const { text } = await extractPdfText(pdf);
    expect(text).toBe(
      ["Hyphens", "The supervision group agreed a treatment plan for each client.", "Services changed during COVID-19 and after."].join(
        "\n\n",
      ),
    );
  });

  it("reads every page of a multi-page document, in order, deterministically", async () => {
    const paragraphs = Array.from({ length: 30 }, (_, index) => `Paragraph ${index + 1}. ${LONG_PARAGRAPH}`);
    const pdf = makePdf({ title: "Long Guide", paragraphs });
    const pageCount = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]);
    expect(pageCount).toBeGreaterThan(2);

    const first = await extractPdfText(pdf);
    const second = await extractPdfText(pdf);
    expect(second).toEqual(first);
    // A paragraph that runs over a page end comes out as two blocks; the words and their order do not change.
    expect(first.text.replace(/\n\n/g, " ")).toBe(["Long Guide", ...paragraphs].join(" "));
    expect(first.text.split("\n\n").length).toBeGreaterThanOrEqual(paragraphs.length + 1);
  });

  it("falls back to the first line when the metadata has no title", async () => {
    const result = await extractPdfText(makePdf({ title: "", paragraphs: ["Only a body line.", "And another."] }));
    expect(result).toEqual({ title: "Only a body line.", text: "Only a body line.\n\nAnd another." });
  });

  it("rejects bytes that are not a PDF", async () => {
    await expect(extractPdfText(Buffer.from("<html>not a pdf</html>"))).rejects.toThrow();
  });
});

describe("makePdf", () => {
  it("writes an xref table whose offsets point at each object", () => {
    const pdf = makePdf({ title: "Offsets \u201cand\u201d bytes", paragraphs: ["\u00e9\u00e8 \u2013 content with non-ASCII bytes", LONG_PARAGRAPH] });
    const source = pdf.toString("latin1");
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(source)?.[1]);
    expect(source.slice(xrefAt, xrefAt + 5)).toBe("xref\n");
    const entries = [...source.slice(xrefAt).matchAll(/^(\d{10}) 00000 n \n/gm)].map((match) => Number(match[1]));
    expect(entries.length).toBeGreaterThan(6);
    entries.forEach((offset, index) => expect(source.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`));
    for (const match of source.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = match.index + match[0].length;
      expect(source.slice(start + Number(match[1]), start + Number(match[1]) + "\nendstream".length)).toBe("\nendstream");
    }
  });
});
