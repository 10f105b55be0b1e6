// Sentence spans of an extracted text, with exact character offsets: the extractive provider quotes
// these spans verbatim and the verifier locates them again, so a sentence is always a slice of the
// input, trimmed of surrounding whitespace, never rewritten.

export interface Sentence {
  /** Offsets into the caller's text: the input's own offsets plus `offset`. */
  start: number;
  end: number;
  text: string;
}

// Words that end with a period yet never end a sentence in the prose we retrieve from. Lower-case,
// without the final period. "etc" is missing on purpose: it often does end a sentence, and the
// capital-letter rule below decides.
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "cf", "al", "fig", "figs", "eq", "eqs", "vol",
  "ch", "sec", "approx", "dept", "univ", "viz", "ca", "e.g", "i.e", "ed", "eds", "ref", "refs", "resp",
  "rt", "hon", "rev", "gen", "col", "lt", "capt", "sgt", "gov", "sen", "rep", "supt", "insp",
]);
// Abbreviations that only precede a number ("p. 12", "No. 5"); before a capital they end a sentence.
const BEFORE_NUMBER = new Set(["p", "pp", "no", "nos", "vols"]);

// A run of terminators, then any closing quotes or brackets.
const TERMINATOR = /[.!?\u2026]+["'\u201d\u2019)\]]*/gu;
const OPENERS = "\"'\u201c\u2018([";

/**
 * Splits `text` into sentences. `offset` is added to every position, so spans of a slice can be
 * expressed in the offsets of the whole document. A blank-line or newline break always ends a
 * sentence: extracted text uses "\n\n" only between blocks (headings, list items, paragraphs).
 */
export function splitSentences(text: string, offset = 0): Sentence[] {
  const sentences: Sentence[] = [];
  for (const line of findLines(text)) {
    let start = line.start;
    for (const cut of findCuts(text, line.start, line.end)) {
      pushTrimmed(sentences, text, start, cut, offset);
      start = cut;
    }
    pushTrimmed(sentences, text, start, line.end, offset);
  }
  return sentences;
}

function findLines(text: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/\s*\n\s*/gu)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

/** Positions just after each sentence-ending terminator within [start, end). */
function findCuts(text: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  const pattern = new RegExp(TERMINATOR.source, TERMINATOR.flags);
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match !== null && match.index < end; match = pattern.exec(text)) {
    const cut = match.index + match[0].length;
    if (cut >= end) break;
    // A terminator not followed by whitespace is inside a token: "2.5", "www.x.org", "e.g.,".
    if (!/\s/u.test(text[cut] ?? "")) continue;
    let nextStart = cut;
    while (nextStart < end && /\s/u.test(text[nextStart] ?? "")) nextStart += 1;
    // A short look-ahead is enough to see how the next sentence starts, and keeps this linear.
    if (isSentenceEnd(text, match.index, match[0], text.slice(nextStart, nextStart + 8))) cuts.push(cut);
  }
  return cuts;
}

function isSentenceEnd(text: string, at: number, terminator: string, next: string): boolean {
  if (!startsLikeSentence(next)) return false;
  // Only a bare period can belong to an abbreviation. "?", "!", an ellipsis, or a quote or bracket
  // closing after the period ("... as \"practice.\" Then") end the sentence; so does a period after a
  // closing bracket ("(Lave & Wenger, 1991)."), as wordBefore then finds no word.
  if (terminator !== ".") return true;
  const word = wordBefore(text, at);
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower)) return !/^\p{N}/u.test(next);
  // A single capital is an initial ("E. Wenger"). Other dotted words ("p.m", "U.S") end a sentence
  // when a capital follows, as they do at least as often as they precede a name.
  return !/^\p{Lu}$/u.test(word);
}

/** The word (letters, digits and inner dots) that ends right before position `at`. */
function wordBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && /[\p{L}\p{N}.]/u.test(text[start - 1] ?? "")) start -= 1;
  return text.slice(start, at).replace(/^\.+/u, "");
}

// A new sentence starts with a capital, a digit, or an opening quote or bracket before one of
// those; a lower-case word after a period means the period was an abbreviation.
function startsLikeSentence(next: string): boolean {
  let index = 0;
  while (index < next.length && OPENERS.includes(next[index] ?? "")) index += 1;
  const first = next[index] ?? "";
  return /[\p{Lu}\p{N}]/u.test(first);
}

function pushTrimmed(sentences: Sentence[], text: string, start: number, end: number, offset: number): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] ?? "")) from += 1;
  while (to > from && /\s/u.test(text[to - 1] ?? "")) to -= 1;
  if (from < to) sentences.push({ start: from + offset, end: to + offset, text: text.slice(from, to) });
}
