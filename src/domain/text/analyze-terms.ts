import { tokenStart, type TextToken } from "./read-tokens.ts";
import { isStopWord } from "./stop-words.ts";
import { winkBaseForm, winkEngine, winkStem } from "./wink-engine.ts";

// Text as terms: wink's word tokens with their offsets, lower-cased, stemmed by wink's Porter2 stemmer
// (after wink's irregular-verb table, so "won" meets "wins"), flagged as stop word, number (with a
// canonical value) or capitalized. The verifier, retrieval and the extractive provider all read words
// through here, so a word is the same word everywhere.

export interface Term {
  /** As written in the text. */
  raw: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
  isStop: boolean;
  /** Canonical value for numbers ("260,000" -> "260000", "2nd" -> "2", "two" -> "2"); undefined otherwise. */
  number: string | undefined;
  isCapitalized: boolean;
}

/** Cardinals from two: ordinals ("first album" vs "debut") and "one" ("one of") are too often not numbers. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ["zero", "0"], ["two", "2"], ["three", "3"], ["four", "4"], ["five", "5"], ["six", "6"],
  ["seven", "7"], ["eight", "8"], ["nine", "9"], ["ten", "10"], ["eleven", "11"], ["twelve", "12"],
  ["thirteen", "13"], ["fourteen", "14"], ["fifteen", "15"], ["sixteen", "16"], ["seventeen", "17"],
  ["eighteen", "18"], ["nineteen", "19"], ["twenty", "20"], ["thirty", "30"], ["forty", "40"], ["fifty", "50"],
  ["sixty", "60"], ["seventy", "70"], ["eighty", "80"], ["ninety", "90"], ["hundred", "100"],
  ["dozen", "12"],
]);

const DIGITS = /^\p{N}/u;
const UPPER = /^\p{Lu}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;
const PLAIN = /^(?:\p{L}+|\p{N}+)$/u;
// wink keeps ranges and compounds whole ("18-25", "two-thirds" is split, "COVID-19" is not); each
// part is its own term, as each may be a fact to check.
const INNER_JOINER = /['\u2019]?(?:\p{N}+(?:[.,]\p{N}+)*(?:st|nd|rd|th|s)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*)/gu;

export function canonicalNumber(lower: string): string | undefined {
  const word = NUMBER_WORDS.get(lower);
  if (word !== undefined) return word;
  if (!DIGITS.test(lower)) return undefined;
  let value = lower.replace(/(st|nd|rd|th)$/, "");
  // "260,000" -> "260000"; a comma followed by other than three digits is a decimal comma.
  value = /^\d{1,3}(,\d{3})+(\.\d+)?s?$/.test(value) ? value.replace(/,/g, "") : value.replace(",", ".");
  return value.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

interface WordInfo {
  lower: string;
  stem: string;
  number: string | undefined;
  isStop: boolean;
  isCapitalized: boolean;
}

// Stemming dominates the cost of indexing a long source, and a source's vocabulary is far smaller than
// its token count; the memo is cleared when it grows past this many words.
const MEMO_LIMIT = 200_000;
const memo = new Map<string, WordInfo>();

function describeWord(raw: string): WordInfo {
  let info = memo.get(raw);
  if (info !== undefined) return info;
  const lower = raw.toLowerCase().replace(/\u2019/g, "'");
  const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
  const number = canonicalNumber(base);
  info = {
    lower: base,
    stem: number ?? winkStem(winkBaseForm(base)),
    number,
    isStop: number === undefined && (isStopWord(base) || base.length < 2),
    isCapitalized: UPPER.test(raw),
  };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(raw, info);
  return info;
}

/** "2.5" then "mg", written together: a number and its unit stay two words, as wink reads them. */
function isNumberAndUnit(before: string, after: string): boolean {
  return /^\p{N}[\p{N}.,]*$/u.test(before) && /^\p{L}/u.test(after);
}

/**
 * Joins a text's tokens into terms: each token with a letter or digit is cut into its parts, and a part that starts where the word
 * before it ends (not a number and its unit) extends that word.
 */
class TermCollector {
  readonly terms: Term[] = [];
  private readonly text: string;
  private wordText = "";
  private wordStart = -1;
  private wordEnd = -1;

  constructor(text: string) {
    this.text = text;
  }

  addToken(value: string, start: number): void {
    if (!WORDLIKE.test(value)) return;
    if (PLAIN.test(value)) {
      this.addWord(value, start, start + value.length);
      return;
    }
    for (const part of value.matchAll(INNER_JOINER)) this.addWord(part[0], start + part.index, start + part.index + part[0].length);
  }

  finish(): Term[] {
    if (this.wordStart >= 0) this.terms.push(termOf(this.wordText, this.wordStart, this.wordEnd));
    this.wordStart = -1;
    return this.terms;
  }

  private addWord(raw: string, start: number, end: number): void {
    if (this.wordStart >= 0 && this.wordEnd === start && !isNumberAndUnit(this.wordText, raw)) {
      this.wordEnd = end;
      this.wordText = this.text.slice(this.wordStart, end);
      return;
    }
    if (this.wordStart >= 0) this.terms.push(termOf(this.wordText, this.wordStart, this.wordEnd));
    this.wordText = raw;
    this.wordStart = start;
    this.wordEnd = end;
  }
}

/**
 * The terms of `text`, read in one pass from wink's token values and spaces, without token objects in
 * between (a claim is read on every verify; such arrays were most of its garbage). A token with a letter or digit is
 * never whitespace, so wink's token types are not read.
 */
export function analyzeTerms(text: string): Term[] {
  const nlp = winkEngine("tokenizer");
  const all = nlp.readDoc(text).tokens();
  const values = all.out(nlp.its.value) as string[];
  const spaces = all.out(nlp.its.precedingSpaces) as string[];
  const terms = new TermCollector(text);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const start = tokenStart(text, value, cursor + (spaces[i] as string).length);
    cursor = start + value.length;
    terms.addToken(value, start);
  }
  return terms.finish();
}

/** The terms of tokens already read (with their offsets into `text`), as analyzeTerms reads them. */
export function termsOfTokens(tokens: readonly TextToken[], text: string): Term[] {
  const terms = new TermCollector(text);
  for (const token of tokens) terms.addToken(token.value, token.start);
  return terms.finish();
}

function termOf(raw: string, start: number, end: number): Term {
  const info = describeWord(raw);
  return { raw, lower: info.lower, stem: info.stem, start, end, isStop: info.isStop, number: info.number, isCapitalized: info.isCapitalized };
}



/** The terms of a fixed text, read on first use and kept (a module's word list, without reading it at import). */
export function lazyTerms(text: string): () => readonly Term[] {
  let terms: readonly Term[] | undefined;
  return () => (terms ??= analyzeTerms(text));
}

/** The stems of a fixed list of words, read on first use and kept. */
export function lazyStems(words: string): () => ReadonlySet<string> {
  let stems: ReadonlySet<string> | undefined;
  return () => (stems ??= new Set(analyzeTerms(words).map((term) => term.stem)));
}
