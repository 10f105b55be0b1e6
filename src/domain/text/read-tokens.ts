import type { Document } from "wink-nlp";
import { winkEngine } from "./wink-engine.ts";

// wink reports tokens, not character offsets. The offsets are rebuilt from each token's value and the
// spaces before it; wink keeps the original characters, so the value is found where its spaces end
// (`indexOf` guards against a character the model normalizes: it is then found a little later).

export interface TextToken {
  /** As written. */
  value: string;
  start: number;
  end: number;
  /** wink's token type: word, number, ordinal, decade, punctuation, symbol, url, email, tabCRLF, ... */
  type: string;
}

/** Where a token written `value` starts in `text`, its preceding spaces ending at `from`. */
export function tokenStart(text: string, value: string, from: number): number {
  return text.startsWith(value, from) ? from : Math.max(from, text.indexOf(value, from));
}

/** Every token of the document, whitespace included, at wink's own token indexes, with offsets into `text`. */
export function locateTokens(doc: Document, text: string): TextToken[] {
  const its = winkEngine("tokenizer").its;
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const types = all.out(its.type) as string[];
  const tokens: TextToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const start = tokenStart(text, value, cursor + (spaces[i] as string).length);
    cursor = start + value.length;
    tokens.push({ value, start, end: cursor, type: types[i] as string });
  }
  return tokens;
}

/** Whether a token is text rather than a run of spaces or line breaks. */
export function isVisible(token: TextToken): boolean {
  return token.type !== "tabCRLF" && token.value.trim() !== "";
}

/** wink's tokens of `text` (whitespace left out), read with the word-only configuration. */
export function readTokens(text: string): TextToken[] {
  return locateTokens(winkEngine("tokenizer").readDoc(text), text).filter(isVisible);
}
