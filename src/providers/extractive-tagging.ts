import { winkEngine } from "../domain/text/wink-engine.ts";

// Part-of-speech tags for the sentences the extractive provider may quote, from the project's one
// wink-nlp engine (universal POS tags: NOUN, PROPN, VERB, AUX, PRON, DET, ADP, SCONJ, ...).

export interface TaggedWord {
  /** The word as written. */
  text: string;
  /** Lower-cased. */
  lower: string;
  pos: string;
}

/** The sentence's words with their tags, punctuation included (tagged PUNCT). */
export function tagWords(sentence: string): TaggedWord[] {
  const engine = winkEngine("reader");
  const tokens = engine.readDoc(sentence).tokens();
  const texts = tokens.out(engine.its.value) as string[];
  const tags = tokens.out(engine.its.pos) as string[];
  return texts.map((text, index) => ({ text, lower: text.toLowerCase(), pos: tags[index] ?? "X" }));
}
