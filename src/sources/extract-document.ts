// Fetched bytes to the stable main text that later stages quote and address by offsets, dispatched by
// MIME type (sniffed when the server gave none, or only a generic binary type). The HTML and PDF
// extractors are imported when a document of their kind comes: they bring linkedom, cheerio,
// Readability and pdfjs, which commands that extract nothing should not load.

import { SourceFetchError } from "../domain/errors.ts";
import { decodeText } from "./decode-text.ts";
import { describeNonText } from "./refuse-non-text.ts";
import type { DocumentKind, ExtractedDocument, ExtractorInfo } from "./types.ts";

// Stored with every snapshot of their kind: bump a version whenever its extractor's output changes
// (extractMainText in html/extract-main-text.ts, extractPdfText in extract-pdf.ts, plain text here).
export const HTML_EXTRACTOR = { id: "wikigen-html", version: "1.0.1" };
export const PDF_EXTRACTOR = { id: "wikigen-pdf", version: "1.0.0" };
export const TEXT_EXTRACTOR = { id: "wikigen-text", version: "1.0.0" };

const KIND_BY_MIME: Record<string, DocumentKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
};

// Types servers send when they do not know better; the bytes are looked at instead.
const GENERIC_MIMES = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

/** The extractor that handles a kind of document, for deciding whether a stored snapshot is current. */
export function extractorFor(kind: DocumentKind): ExtractorInfo {
  switch (kind) {
    case "html":
      return { id: HTML_EXTRACTOR.id, version: HTML_EXTRACTOR.version };
    case "text":
      return { ...TEXT_EXTRACTOR };
    case "pdf":
      return { ...PDF_EXTRACTOR };
  }
}

export async function extractDocument(args: {
  bytes: Buffer;
  contentType: string | undefined;
  url: string;
}): Promise<ExtractedDocument> {
  const { bytes, contentType, url } = args;
  const kind = detectKind(bytes, contentType, url);
  let document: ExtractedDocument;
  try {
    document = await extractByKind(kind, bytes, contentType, url);
  } catch (error) {
    if (error instanceof SourceFetchError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new SourceFetchError({ url, kind: "extract_failed", message: `${url}: cannot extract ${kind} text: ${detail}` });
  }
  // An empty text (a scanned PDF, a page whose body is built by scripts) cannot support any claim;
  // failing here shows the problem at the source instead of as a wall of unverifiable claims.
  if (document.text === "") {
    throw new SourceFetchError({ url, kind: "extract_failed", message: `${url}: no text found in the ${kind} document (${bytes.length} bytes)` });
  }
  return document;
}

async function extractByKind(
  kind: DocumentKind,
  bytes: Buffer,
  contentType: string | undefined,
  url: string,
): Promise<ExtractedDocument> {
  const extractor = extractorFor(kind);
  switch (kind) {
    case "html": {
      const { text: html, charset } = decodeText(bytes, contentType, "html");
      refuseNonText(bytes, html, { contentType, url });
      const { extractMainText } = await import("./html/extract-main-text.ts");
      const main = extractMainText(html, { url });
      return { kind, title: main.title.trim(), text: main.text.trim(), charset, extractor };
    }
    case "text": {
      const { text: raw, charset } = decodeText(bytes, contentType, "text");
      refuseNonText(bytes, raw, { contentType, url });
      const text = normalisePlainText(raw);
      const title = text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
      return { kind, title, text, charset, extractor };
    }
    case "pdf": {
      const { extractPdfText } = await import("./extract-pdf.ts");
      const { title, text } = await extractPdfText(bytes);
      return { kind, title, text: text.trim(), charset: undefined, extractor };
    }
  }
}

/** Bytes that are not text of the declared text type stop here, before they become a page of mojibake. */
function refuseNonText(bytes: Buffer, decoded: string, source: { contentType: string | undefined; url: string }): void {
  const problem = describeNonText(bytes, decoded);
  if (problem === undefined) return;
  const declared = source.contentType === undefined ? "" : ` (declared ${source.contentType.split(";")[0]!.trim()})`;
  throw new SourceFetchError({ url: source.url, kind: "not_text", message: `${source.url}: ${problem}${declared}` });
}

function detectKind(bytes: Buffer, contentType: string | undefined, url: string): DocumentKind {
  const mime = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const declared = KIND_BY_MIME[mime];
  if (declared !== undefined) return declared;
  if (GENERIC_MIMES.has(mime)) {
    const sniffed = sniffKind(bytes);
    if (sniffed !== undefined) return sniffed;
  }
  const named = mime === "" ? "no content type" : `content type ${mime}`;
  throw new SourceFetchError({ url, kind: "unsupported_type", message: `${url}: unsupported document (${named})` });
}

function sniffKind(bytes: Buffer): DocumentKind | undefined {
  // A UTF-8 BOM, leading whitespace and an XML declaration (XHTML) come before the telling bytes.
  const head = bytes
    .subarray(0, 1024)
    .toString("latin1")
    .replace(/^\xef\xbb\xbf/, "")
    .trimStart()
    .replace(/^<\?xml[^>]*>\s*/, "");
  if (head.startsWith("%PDF-")) return "pdf";
  if (/^<!doctype\s+html|^<html[\s>]/i.test(head)) return "html";
  // PDF readers accept junk before the header as long as it starts within the first 1024 bytes.
  if (head.includes("%PDF-")) return "pdf";
  return undefined;
}

/** CRLF and CR to LF, trailing spaces off every line, at most one blank line in a row, no outer blanks. */
function normalisePlainText(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\f\v\u00a0]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
