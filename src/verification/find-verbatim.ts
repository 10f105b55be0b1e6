// Where a quote first occurs verbatim in an indexed text, read from the text's word index instead
// of a scan of the whole text: the same answer as `text.indexOf(quote)`, at the cost of the postings
// of the quote's rarest whole word.
//
// Why it is the same answer: take a word of the quote that the quote itself closes on both sides (a
// run of letters and digits starting with a letter, with a character before and after it in the
// quote that is neither a letter, a digit nor an apostrophe). Wherever the quote occurs in the text,
// that word occurs at the same offset with the same neighbours, so it is a run of its own in the
// text's word index (maximal runs of letters and digits: a string index, not the text stack's
// linguistic words, whose boundaries depend on context). Checking the quote at every such token of the rarest closed word, in text
// order, finds every occurrence, the first one first. A quote with no closed word falls back to
// the scan.

const WORD_RUN = /[\p{L}\p{N}]+/gu;

export interface Token {
  text: string;
  start: number;
  end: number;
}

export interface WordIndex {
  tokens: Token[];
  /** Token text -> ascending ids in `tokens`. */
  positions: Map<string, number[]>;
}

/** The text's runs of letters and digits, with offsets: the tokens of quote search, exact and fuzzy. */
export function wordRuns(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD_RUN)) tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  return tokens;
}

export function indexWords(text: string): WordIndex {
  const tokens = wordRuns(text);
  const positions = new Map<string, number[]>();
  tokens.forEach((token, id) => {
    const list = positions.get(token.text);
    if (list) list.push(id);
    else positions.set(token.text, [id]);
  });
  return { tokens, positions };
}

const LETTER_FIRST = /^\p{L}/u;
const APOSTROPHES = new Set(["'", "\u2019"]);

/** `text.indexOf(quote)`, for a `text` whose word index is `words`. */
export function findVerbatim(text: string, quote: string, words: WordIndex): number {
  let anchor: { offset: number; ids: number[] } | undefined;
  for (const match of quote.matchAll(WORD_RUN)) {
    const end = match.index + match[0].length;
    const isClosed = match.index > 0 && end < quote.length && !APOSTROPHES.has(quote[match.index - 1] as string) && !APOSTROPHES.has(quote[end] as string);
    if (!isClosed || !LETTER_FIRST.test(match[0])) continue;
    const ids = words.positions.get(match[0]) ?? [];
    if (ids.length === 0) return -1;
    if (!anchor || ids.length < anchor.ids.length) anchor = { offset: match.index, ids };
  }
  if (!anchor) return text.indexOf(quote);
  for (const id of anchor.ids) {
    const start = (words.tokens[id] as Token).start - anchor.offset;
    if (start >= 0 && text.startsWith(quote, start)) return start;
  }
  return -1;
}
