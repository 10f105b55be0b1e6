// The PHI guard reads text once through wink-nlp (tokens with part-of-speech tags, sentences and the
// model's DATE/EMAIL/URL entities) and gives every detector the same view with character offsets,
// so no detector tokenizes on its own. Offsets come from the text stack (domain/text/read-tokens.ts).
import type { ItemEntity } from "wink-nlp";
import { locateTokens } from "../domain/text/read-tokens.ts";
import { splitSentences } from "../domain/text/split-sentences.ts";
import { winkEngine } from "../domain/text/wink-engine.ts";

/** One wink token with where it sits in the text. */
export interface PhiToken {
  value: string;
  /** Lower-cased value. */
  lower: string;
  /** wink's universal part-of-speech tag (PROPN, NOUN, VERB, ...). */
  pos: string;
  /** wink's token type (word, number, email, url, punctuation, ...). */
  type: string;
  start: number;
  end: number;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/** A wink entity (DATE, EMAIL, URL, CARDINAL, DURATION, ...) with its offsets. */
export interface PhiEntity {
  type: string;
  value: string;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
}

export interface PhiSentence {
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
}

export interface PhiText {
  text: string;
  tokens: PhiToken[];
  sentences: PhiSentence[];
  entities: PhiEntity[];
}

export function readPhiText(text: string): PhiText {
  const wink = winkEngine("reader");
  const its = wink.its;
  const doc = wink.readDoc(text);
  const pos = doc.tokens().out(its.pos) as string[];
  const tokens: PhiToken[] = locateTokens(doc, text).map((token, index) => ({
    value: token.value,
    lower: token.value.toLowerCase(),
    pos: pos[index] ?? "X",
    type: token.type,
    start: token.start,
    end: token.end,
    sentence: 0,
  }));
  // Sentences come from the project's one splitter, so the guard reads the sentences every stage reads.
  const sentences: PhiSentence[] = [];
  let next = 0;
  for (const span of splitSentences(text)) {
    const first = next;
    while (next < tokens.length && (tokens[next] as PhiToken).start < span.end) {
      (tokens[next] as PhiToken).sentence = sentences.length;
      next += 1;
    }
    if (next > first) sentences.push({ start: span.start, end: span.end, firstToken: first, lastToken: next - 1 });
  }
  const entities: PhiEntity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const start = tokens[first]?.start ?? 0;
    const end = tokens[last]?.end ?? start;
    entities.push({ type: entity.out(its.type) as string, value: text.slice(start, end), start, end, firstToken: first, lastToken: last });
  });
  return { text, tokens, sentences, entities };
}

/** The text of the sentence a character offset falls in (the whole text when outside every sentence). */
export function sentenceAt(view: PhiText, offset: number): PhiSentence {
  return view.sentences.find((s) => offset >= s.start && offset < s.end) ?? { start: 0, end: view.text.length, firstToken: 0, lastToken: view.tokens.length - 1 };
}

/** What every detector reads: the wink view, and the text with web addresses and emails blanked
 *  (same length, so offsets agree) so that the digits of a DOI or a profile name are not read as a
 *  phone or record number. */
export interface PhiInput {
  view: PhiText;
  plain: string;
}
