import { createRequire } from "node:module";
import type { WinkMethods } from "wink-nlp";

// Part-of-speech tags for the sentences the extractive provider may quote, from wink-nlp and its
// English model (universal POS tags: NOUN, PROPN, VERB, AUX, PRON, DET, ADP, SCONJ, ...). The model
// takes most of a second to load, so it is loaded on the first sentence, never at import: a command
// that does not draft offline never pays for it.

export interface TaggedWord {
  /** The word as written. */
  text: string;
  /** Lower-cased. */
  lower: string;
  pos: string;
}

let nlp: WinkMethods | undefined;

function loadNlp(): WinkMethods {
  if (nlp === undefined) {
    const require = createRequire(import.meta.url);
    const winkNlp = require("wink-nlp") as typeof import("wink-nlp").default;
    const model = require("wink-eng-lite-web-model") as typeof import("wink-eng-lite-web-model").default;
    // Sentence boundaries are ours (split-sentences.ts: exact offsets); only tags are needed here.
    nlp = winkNlp(model, ["pos"]);
  }
  return nlp;
}

/** The sentence's words with their tags, punctuation included (tagged PUNCT). */
export function tagWords(sentence: string): TaggedWord[] {
  const engine = loadNlp();
  const tokens = engine.readDoc(sentence).tokens();
  const texts = tokens.out(engine.its.value) as string[];
  const tags = tokens.out(engine.its.pos) as string[];
  return texts.map((text, index) => ({ text, lower: text.toLowerCase(), pos: tags[index] ?? "X" }));
}
