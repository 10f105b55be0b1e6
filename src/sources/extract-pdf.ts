// Text of a PDF from pdfjs-dist's text layer, rebuilt into lines and paragraphs. pdfjs hands out
// positioned runs of text; the line and paragraph structure has to be inferred from their positions.

import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

// The output is versioned by PDF_EXTRACTOR in extract-document.ts, stored with every snapshot: bump
// it whenever the output changes.

/** The fields of a pdfjs TextItem this module reads (pdfjs does not export the type from its entry). */
interface PositionedRun {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

interface PdfLine {
  text: string;
  /** Baseline in PDF user space (grows upwards). */
  y: number;
  size: number;
}

// A vertical step this many times the usual line step starts a new paragraph.
const PARAGRAPH_GAP_FACTOR = 1.4;
// A horizontal gap wider than this fraction of the font size between two runs is a word space.
const WORD_GAP_FACTOR = 0.15;

export async function extractPdfText(bytes: Buffer): Promise<{ title: string; text: string }> {
  // pdfjs transfers (detaches) the array it is given, so it gets a copy, never the caller's buffer.
  const loadingTask = getDocument({
    data: new Uint8Array(bytes),
    // Text only: no font loading, no eval, no fetching of CMaps or standard fonts, errors-only logging.
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const document = await loadingTask.promise;
    const pages: PdfLine[][] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      pages.push(buildLines(content.items.flatMap((item: unknown) => (isPositionedRun(item) ? [item] : []))));
      page.cleanup();
    }
    const usualStep = findUsualLineStep(pages);
    const text = pages
      .flatMap((lines) => groupParagraphs(lines, usualStep))
      .filter((paragraph) => paragraph !== "")
      .join("\n\n");
    const { info } = await document.getMetadata();
    const metadataTitle = readTitle(info);
    const firstLine = pages.flat()[0]?.text ?? "";
    return { title: metadataTitle !== "" ? metadataTitle : firstLine, text };
  } finally {
    await loadingTask.destroy();
  }
}

function isPositionedRun(item: unknown): item is PositionedRun {
  if (typeof item !== "object" || item === null) return false;
  const candidate = item as Partial<Record<keyof PositionedRun, unknown>>;
  return typeof candidate.str === "string" && Array.isArray(candidate.transform) && typeof candidate.width === "number";
}

function readTitle(info: unknown): string {
  if (typeof info !== "object" || info === null || !("Title" in info)) return "";
  const title = (info as { Title: unknown }).Title;
  return typeof title === "string" ? collapseSpaces(title) : "";
}

function buildLines(runs: PositionedRun[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: (PdfLine & { endX: number }) | undefined;
  let isLineEnded = false;
  for (const run of runs) {
    const [, , c = 0, d = 0, x = 0, y = 0] = run.transform;
    const size = Math.hypot(c, d) || 1;
    // pdfjs emits empty runs whose only job is to mark an end of line; their position is the next line's.
    if (run.str === "") {
      if (run.hasEOL) isLineEnded = true;
      continue;
    }
    const isNewLine =
      current === undefined || isLineEnded || Math.abs(y - current.y) > 0.5 * Math.max(size, current.size);
    if (isNewLine) {
      if (current !== undefined) lines.push(current);
      current = { text: run.str, y, size, endX: x + run.width };
    } else if (current !== undefined) {
      const isSpaced = /\s$/.test(current.text) || /^\s/.test(run.str);
      const gap = x - current.endX;
      current.text += !isSpaced && gap > WORD_GAP_FACTOR * size ? ` ${run.str}` : run.str;
      current.endX = x + run.width;
      current.size = Math.max(current.size, size);
    }
    isLineEnded = run.hasEOL;
  }
  if (current !== undefined) lines.push(current);
  return lines
    .map((line) => ({ text: collapseSpaces(line.text), y: line.y, size: line.size }))
    .filter((line) => line.text !== "");
}

/** The most common downward step between consecutive lines of the document (rounded to 0.5 pt). */
function findUsualLineStep(pages: PdfLine[][]): number {
  const counts = new Map<number, number>();
  const sizes: number[] = [];
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index += 1) {
      const step = Math.round((lines[index - 1]!.y - lines[index]!.y) * 2) / 2;
      if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    for (const line of lines) sizes.push(line.size);
  }
  let best: [step: number, count: number] | undefined;
  for (const [step, count] of counts) {
    if (best === undefined || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  }
  // Too few lines to tell the line step from the paragraph step: assume ordinary 1.2 leading.
  if (best === undefined || best[1] < 2) return 1.2 * median(sizes);
  return best[0];
}

function groupParagraphs(lines: PdfLine[], usualStep: number): string[] {
  const paragraphs: string[] = [];
  let current = "";
  let previous: PdfLine | undefined;
  for (const line of lines) {
    const isBreak =
      previous === undefined ||
      previous.y - line.y <= 0 ||
      previous.y - line.y > PARAGRAPH_GAP_FACTOR * usualStep ||
      Math.abs(previous.size - line.size) > 0.15 * line.size;
    if (isBreak) {
      if (current !== "") paragraphs.push(current);
      current = line.text;
    } else {
      current = joinLines(current, line.text);
    }
    previous = line;
  }
  if (current !== "") paragraphs.push(current);
  return paragraphs;
}

/**
 * Joins two lines of one paragraph. A hyphen at the line end followed by a lowercase letter is a word
 * broken by the layout ("treat-" + "ment"); before anything else it is kept ("COVID-" + "19").
 */
function joinLines(left: string, right: string): string {
  if (/\p{L}[-\u00ad]$/u.test(left)) {
    if (/^\p{Ll}/u.test(right) || left.endsWith("\u00ad")) return left.slice(0, -1) + right;
    return left + right;
  }
  if (left.endsWith("\u2014")) return left + right;
  return `${left} ${right}`;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function median(values: number[]): number {
  if (values.length === 0) return 12;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
