import { createRequire } from "node:module";
import type { WinkMethods } from "wink-nlp";

// The project's one NLP engine: wink-nlp with its English model, in three configurations of the same
// model: `tokenizer` reads words only (claims, queries, the words of an indexed source), `sentences`
// adds sentence boundaries, `reader` adds negation, part-of-speech tags and entities too. Each loads on first use, never at
// import: loading takes a few hundred milliseconds, which a command that never reads text (`--help`,
// `plan`, `serve`) must not pay.

type Engine = "tokenizer" | "sentences" | "reader";

const PIPELINES: Record<Engine, string[]> = {
  tokenizer: [],
  sentences: ["sbd"],
  reader: ["sbd", "negation", "pos", "ner"],
};

const engines = new Map<Engine, WinkMethods>();
let porterStem: ((word: string) => string) | undefined;

interface WinkModel {
  addons: { stem: (word: string) => string };
}

function requireWink(): { winkNlp: typeof import("wink-nlp").default; model: WinkModel } {
  const require = createRequire(import.meta.url);
  return {
    winkNlp: require("wink-nlp") as typeof import("wink-nlp").default,
    model: require("wink-eng-lite-web-model") as WinkModel,
  };
}

export function winkEngine(engine: Engine): WinkMethods {
  let nlp = engines.get(engine);
  if (nlp === undefined) {
    const { winkNlp, model } = requireWink();
    nlp = winkNlp(model as never, PIPELINES[engine] as never);
    engines.set(engine, nlp);
  }
  return nlp;
}

/** The model's Porter2 stemmer (wink's `its.stem`), callable on one word without reading a document. */
export function winkStem(word: string): string {
  porterStem ??= requireWink().model.addons.stem;
  return porterStem(word);
}

let verbExceptions: Readonly<Record<string, string>> | undefined;

/** A verb's base form from the model's irregular-verb table ("won" -> "win", "was" -> "be"), else the word. */
export function winkBaseForm(lower: string): string {
  if (verbExceptions === undefined) {
    const require = createRequire(import.meta.url);
    verbExceptions = require("wink-eng-lite-web-model/dist/wn-verb-exceptions.js") as Record<string, string>;
  }
  return Object.hasOwn(verbExceptions, lower) ? (verbExceptions[lower] as string) : lower;
}
