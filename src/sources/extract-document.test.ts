import { describe, expect, it } from "vitest";
import { SourceFetchError } from "../domain/errors.ts";
import { makePdf } from "../../test/helpers/make-pdf.ts";
import { articleHtml, PAGE_ARTICLE_PARAGRAPHS } from "../../test/helpers/source-server.ts";
import { extractDocument, extractorFor, HTML_EXTRACTOR } from "./extract-document.ts";

const URL_ = "https://example.org/source";
const PDF = makePdf({ title: "Supervision Notes", paragraphs: ["Reflective practice is learned in company."] });
const PDF_RESULT = {
  kind: "pdf",
  title: "Supervision Notes",
  text: "Supervision Notes\n\nReflective practice is learned in company.",
  charset: undefined,
  extractor: { id: "wikigen-pdf", version: "1.0.0" },
};

async function extractError(args: { bytes: Buffer; contentType: string | undefined }): Promise<SourceFetchError> {
  const error = await extractDocument({ ...args, url: URL_ }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  return error as SourceFetchError;
}

describe("extractDocument", () => {
  it("extracts the main text of an HTML page with the HTML extractor's id", async () => {
    const document = await extractDocument({
      bytes: Buffer.from(articleHtml("Communities of Practice", PAGE_ARTICLE_PARAGRAPHS)),
      contentType: "text/html; charset=utf-8",
      url: URL_,
    });
    expect({ kind: document.kind, charset: document.charset, extractor: document.extractor }).toEqual({
      kind: "html",
      charset: "utf-8",
      extractor: { id: HTML_EXTRACTOR.id, version: HTML_EXTRACTOR.version },
    });
    expect(document.title).toContain("Communities of Practice");
    for (const paragraph of PAGE_ARTICLE_PARAGRAPHS) expect(document.text).toContain(paragraph);
    expect(document.text).toBe(document.text.trim());
  });

  it("decodes a Windows-1252 XHTML page before extracting", async () => {
    const bytes = Buffer.from(
      articleHtml("Notes", ["The \x93decentred\x94 view \x96 participation first, in three short sentences. It matters. It lasts."], ""),
      "latin1",
    );
    const document = await extractDocument({ bytes, contentType: "application/xhtml+xml; charset=windows-1252", url: URL_ });
    expect({ kind: document.kind, charset: document.charset }).toEqual({ kind: "html", charset: "windows-1252" });
    expect(document.text).toContain("The \u201cdecentred\u201d view \u2013 participation first");
  });

  it("normalises plain text: line endings, trailing spaces, runs of blank lines; title is the first line", async () => {
    const bytes = Buffer.from("\r\n  Key Terms  \r\n\r\n\r\n\r\nPractice:\tshared   \r\nrepertoire\t\n\n\n\nEnd\r", "utf8");
    const document = await extractDocument({ bytes, contentType: "text/plain", url: URL_ });
    expect(document).toEqual({
      kind: "text",
      title: "Key Terms",
      text: "Key Terms\n\nPractice:\tshared\nrepertoire\n\nEnd",
      charset: "utf-8",
      extractor: { id: "wikigen-text", version: "1.0.0" },
    });
  });

  it("extracts a PDF", async () => {
    expect(await extractDocument({ bytes: PDF, contentType: "application/pdf", url: URL_ })).toEqual(PDF_RESULT);
  });

  it.each([
    { name: "PDF without a content type", bytes: PDF, contentType: undefined, kind: "pdf" },
    { name: "PDF sent as application/octet-stream", bytes: PDF, contentType: "application/octet-stream", kind: "pdf" },
    { name: "HTML with a doctype and no content type", bytes: Buffer.from(articleHtml("Sniffed", PAGE_ARTICLE_PARAGRAPHS)), contentType: undefined, kind: "html" },
    {
      name: "HTML with a BOM, <html> first and no content type",
      bytes: Buffer.from(`\ufeff\n<html><body><p>${PAGE_ARTICLE_PARAGRAPHS[0]}</p></body></html>`),
      contentType: "",
      kind: "html",
    },
  ])("sniffs the kind: $name", async ({ bytes, contentType, kind }) => {
    const document = await extractDocument({ bytes, contentType, url: URL_ });
    expect(document.kind).toBe(kind);
    expect(document.text.length).toBeGreaterThan(20);
  });

  it("refuses unsupported types, naming the type and the URL", async () => {
    const png = await extractError({ bytes: Buffer.from("89504e470d0a1a0a", "hex"), contentType: "image/png" });
    expect({ kind: png.kind, message: png.message }).toEqual({
      kind: "unsupported_type",
      message: `${URL_}: unsupported document (content type image/png)`,
    });
    const unknown = await extractError({ bytes: Buffer.from("just some bytes"), contentType: undefined });
    expect({ kind: unknown.kind, message: unknown.message }).toEqual({
      kind: "unsupported_type",
      message: `${URL_}: unsupported document (no content type)`,
    });
  });

  it("reports a broken PDF and an empty text as extract_failed", async () => {
    const broken = await extractError({ bytes: Buffer.from("%PDF-1.4\nthis is not really a pdf"), contentType: "application/pdf" });
    expect(broken.kind).toBe("extract_failed");
    expect(broken.message).toMatch(/^https:\/\/example\.org\/source: cannot extract pdf text/);
    const empty = await extractError({ bytes: Buffer.from(" \r\n\r\n  \n"), contentType: "text/plain; charset=utf-8" });
    expect({ kind: empty.kind, message: empty.message }).toEqual({
      kind: "extract_failed",
      message: `${URL_}: no text found in the text document (8 bytes)`,
    });
  });

  it("names the extractor of each kind", () => {
    expect([extractorFor("html"), extractorFor("text"), extractorFor("pdf")]).toEqual([
      { id: HTML_EXTRACTOR.id, version: HTML_EXTRACTOR.version },
      { id: "wikigen-text", version: "1.0.0" },
      { id: "wikigen-pdf", version: "1.0.0" },
    ]);
  });
});
