import type { ItemSentence } from "wink-nlp";
import { isVisible, locateTokens, type TextToken } from "./read-tokens.ts";
import { winkEngine } from "./wink-engine.ts";

// Sentence spans of a text, with exact character offsets: the extractive provider quotes these spans
// verbatim, the verifier indexes them and the section rules count them, so this is the one place that
// decides what a sentence is. wink-nlp's sentence boundary detection finds the boundaries inside each
// line; a line break always ends a sentence (extracted text puts a break between blocks: headings,
// list items, paragraphs); and a few house rules mend wink's boundaries where clinical and academic
// prose uses abbreviations it does not know ("Fig. 2", "et al. (2002)", "p. 12").

export interface Sentence {
  /** Offsets into the caller's text: the input's own offsets plus `offset`. */
  start: number;
  end: number;
  text: string;
}

// Words that end with a period yet never end a sentence in the prose we retrieve from. Lower-case,
// without the final period.
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "cf", "al", "fig", "figs", "eq", "eqs", "vol",
  "ch", "sec", "approx", "dept", "univ", "viz", "ca", "e.g", "i.e", "ed", "eds", "ref", "refs", "resp",
  "rt", "hon", "rev", "gen", "col", "lt", "capt", "sgt", "gov", "sen", "rep", "supt", "insp",
]);
// Abbreviations that only precede a number ("p. 12", "No. 5"); before a capital they end a sentence.
const BEFORE_NUMBER = new Set(["p", "pp", "no", "nos", "vols"]);

export function splitSentences(text: string, offset = 0): Sentence[] {
  return readSentences(text, offset).sentences;
}

/** The sentences and wink's tokens of one reading of `text` (an index needs both; one pass reads both). */
export function readSentences(text: string, offset = 0): { sentences: Sentence[]; tokens: TextToken[] } {
  const sentences: Sentence[] = [];
  const read = winkSpans(text);
  const spans = mendBoundaries(text, read.spans.flatMap((span) => splitAtLineBreaks(text, span)));
  for (const span of spans) pushTrimmed(sentences, text, span.start, span.end, offset);
  const tokens = offset === 0 ? read.tokens : read.tokens.map((token) => ({ ...token, start: token.start + offset, end: token.end + offset }));
  return { sentences, tokens };
}

/** The span cut at every line break inside it. */
function splitAtLineBreaks(text: string, span: { start: number; end: number }): { start: number; end: number }[] {
  const slice = text.slice(span.start, span.end);
  if (!slice.includes("\n")) return [span];
  const parts: { start: number; end: number }[] = [];
  let start = span.start;
  for (const match of slice.matchAll(/\s*\n\s*/gu)) {
    parts.push({ start, end: span.start + match.index });
    start = span.start + match.index + match[0].length;
  }
  parts.push({ start, end: span.end });
  return parts;
}

/** wink's sentences of `text` and its tokens (whitespace left out), with offsets into `text`. */
function winkSpans(text: string): { spans: { start: number; end: number }[]; tokens: TextToken[] } {
  const nlp = winkEngine("sentences");
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const all = locateTokens(doc, text);
  const ends = all.map((token) => token.end);
  const tokens = all.filter(isVisible);
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const last = (sentence.out(its.span) as unknown as [number, number])[1];
    const to = ends[last] ?? text.length;
    spans.push({ start: from, end: to });
    from = to;
  });
  if (from < text.length) spans.push({ start: from, end: text.length });
  return { spans, tokens };
}

/** Joins a span to the next where the boundary between them is an abbreviation's period. */
function mendBoundaries(text: string, spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const mended: { start: number; end: number }[] = [];
  for (const span of spans) {
    const previous = mended[mended.length - 1];
    const lineBreak = previous !== undefined && /\n/u.test(text.slice(previous.end, span.start));
    if (previous !== undefined && !lineBreak && !isBoundary(text.slice(previous.start, previous.end), text.slice(span.start, span.end))) {
      previous.end = span.end;
      continue;
    }
    mended.push({ ...span });
  }
  return mended;
}

function isBoundary(before: string, after: string): boolean {
  const next = after.trimStart();
  // A new sentence starts with a capital, a digit, or an opening quote or bracket before one of
  // those; a lower-case word after a period means the period was an abbreviation.
  if (!/^["'\u201c\u2018([]*[\p{Lu}\p{N}]/u.test(next)) return false;
  const ending = /([\p{L}\p{N}.]*)\.$/u.exec(before.trimEnd());
  if (ending === null) return true;
  const word = (ending[1] ?? "").replace(/^\.+/u, "");
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower)) return !/^\p{N}/u.test(next);
  // A single capital is an initial ("E. Wenger").
  return !/^\p{Lu}$/u.test(word);
}

function pushTrimmed(sentences: Sentence[], text: string, start: number, end: number, offset: number): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] ?? "")) from += 1;
  while (to > from && /\s/u.test(text[to - 1] ?? "")) to -= 1;
  if (from < to) sentences.push({ start: from + offset, end: to + offset, text: text.slice(from, to) });
}
