import type { Document, ItemToken } from "wink-nlp";
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

/** The document's tokens with offsets into `text` plus `offset`; whitespace tokens are left out. */
export function tokensOf(doc: Document, text: string, offset = 0): TextToken[] {
  const its = winkEngine("tokenizer").its;
  const tokens: TextToken[] = [];
  let cursor = 0;
  doc.tokens().each((token: ItemToken) => {
    const value = token.out(its.value) as string;
    const spaces = token.out(its.precedingSpaces) as string;
    const found = text.indexOf(value, cursor + spaces.length);
    const start = found >= 0 ? found : cursor + spaces.length;
    cursor = start + value.length;
    const type = token.out(its.type) as string;
    if (type === "tabCRLF" || value.trim() === "") return;
    tokens.push({ value, start: start + offset, end: cursor + offset, type });
  });
  return tokens;
}

/** wink's tokens of `text`, read with the word-only configuration. */
export function readTokens(text: string): TextToken[] {
  return tokensOf(winkEngine("tokenizer").readDoc(text), text);
}
