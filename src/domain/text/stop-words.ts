import { winkEngine } from "./wink-engine.ts";

// The project's one stop list: wink's English stop words, except those that carry a claim's facts.
// wink's list is built for topic matching, so it holds negations, quantities, modals, ordinals and
// verbs a clinical sentence turns on; a claim that says "never" for "often", "must" for "may", "last"
// for "first" or "used" for "made" changes a fact the source has to confirm, so those stay content
// words for the verifier's coverage and for retrieval. Prepositions, articles, pronouns and the
// commonest auxiliaries and quantifiers ("all", "most", "can", "will") stay stop words: the verifier's
// quantifier and modality checks read them as written, not through this list. (Number words are
// numbers, never stop words: see analyze-terms.ts.)
const FACT_WORDS: ReadonlySet<string> = new Set([
  // negation
  "no", "not", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "nowhere",
  // quantity and frequency
  "every", "everyone", "everything", "many", "much", "several", "less", "least", "enough", "whole", "mostly",
  "almost", "often", "always", "sometimes", "ever", "alone", "together", "another", "either", "even", "various",
  // modality
  "may", "might", "must", "perhaps",
  // order and time
  "first", "last", "third", "next", "former", "latter", "formerly", "since", "already", "still", "afterwards",
  "beforehand", "now", "meanwhile", "yet",
  // condition and comparison
  "except", "unless", "due", "rather", "whereas", "whether", "otherwise", "therefore",
  // verbs, nouns and adjectives a clinical sentence turns on
  // ("done" is a main verb's participle, never an auxiliary: "he hasn't done anything" denies the doing)
  "show", "see", "seem", "seems", "seemed", "done", "made", "make", "used", "using", "become", "became", "becomes",
  "becoming", "keep", "give", "take", "get", "go", "put", "say", "call", "move", "name", "part", "amount",
  "serious", "full", "empty", "top", "bottom", "front", "back", "side", "behind", "beyond", "around", "along",
  "throughout", "well",
]);

// Latin abbreviations wink lists with their final period, which the word tokens drop.
const ABBREVIATIONS: ReadonlySet<string> = new Set(["e.g", "i.e", "eg", "ie", "etc", "et", "al", "viz", "cf"]);

const memo = new Map<string, boolean>();

/** Whether a lower-cased word is a stop word. */
export function isStopWord(lower: string): boolean {
  let stop = memo.get(lower);
  if (stop === undefined) {
    stop = ABBREVIATIONS.has(lower) || (!FACT_WORDS.has(lower) && isWinkStopWord(lower));
    memo.set(lower, stop);
  }
  return stop;
}

function isWinkStopWord(lower: string): boolean {
  const nlp = winkEngine("tokenizer");
  const tokens = nlp.readDoc(lower).tokens();
  return tokens.length() === 1 && tokens.itemAt(0).out(nlp.its.stopWordFlag) === true;
}
