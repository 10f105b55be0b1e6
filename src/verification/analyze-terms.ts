// Turns text into terms: lower-cased, stemmed word tokens with offsets, flagged as stopword, number
// (with a canonical value) or capitalized.

import { stemWord } from "./stem-word.ts";
import { tokenizeWords } from "./tokenize.ts";
import { IRREGULAR_VERBS, NUMBER_WORDS, STOPWORDS } from "./word-lists.ts";

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

const DIGITS = /^\p{N}/u;
const UPPER = /^\p{Lu}/u;

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
    stem: number ?? stemWord(IRREGULAR_VERBS.get(base) ?? base),
    number,
    isStop: number === undefined && (STOPWORDS.has(base) || base.length < 2),
    isCapitalized: UPPER.test(raw),
  };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(raw, info);
  return info;
}

export function analyzeTerms(text: string): Term[] {
  return tokenizeWords(text).map((token) => {
    const info = describeWord(token.text);
    return {
      raw: token.text,
      lower: info.lower,
      stem: info.stem,
      start: token.start,
      end: token.end,
      isStop: info.isStop,
      number: info.number,
      isCapitalized: info.isCapitalized,
    };
  });
}
