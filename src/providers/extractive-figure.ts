import { FIGURE_LIMITS, type ConceptFigure } from "../domain/concept-figure.ts";
import { stemTerm, tokenizeTerms } from "../domain/text/tokenize-terms.ts";

// The offline concept figure: a hub with the topic's short title at its centre and, as spokes, the
// elements the section's quoted sentences name. No model, two readings of the quoted sentences:
// - an enumeration after a colon ("three elements: a domain of knowledge, a community of people
//   who care about it, and the shared practice they develop") gives its items' head words
//   ("Domain", "Community", "Shared practice"), when it has three to seven short ones;
// - else key phrases: two adjacent content words of a quoted sentence (no names, no numbers), ranked
//   by how often the article's sources use them, a phrase sharing a word with a better one left out
//   so the spokes say different things;
// - else the article's key terms (the glossary the offline key-terms section lists), short ones
//   only, ranked by how often the sources use them: a section that quotes few sentences still gets
//   the subject's vocabulary around its name.
// Fewer than three spokes make no figure rather than a thin one.

const MAX_SPOKES = 5;
/** A phrase the sources use only once is incidental wording, not a key term. */
const MIN_USES = 2;
const WORD = /[\p{L}][\p{L}'’-]*/gu;

interface Phrase {
  words: string[];
  stems: string[];
  key: string;
  uses: number;
  firstSeen: number;
}

export function buildExtractiveFigure(args: {
  hub: string;
  sentences: readonly string[];
  sourceTexts: readonly string[];
  /** The article's glossary terms, in the glossary's order: the last resort for spokes. */
  keyTerms?: readonly string[];
}): ConceptFigure | undefined {
  const hub = args.hub.length > FIGURE_LIMITS.maxCenterChars ? `${args.hub.slice(0, FIGURE_LIMITS.maxCenterChars - 1).trimEnd()}…` : args.hub;
  for (const sentence of args.sentences) {
    const items = enumeratedItems(sentence);
    if (items) return { kind: "hub", center: hub, items };
  }
  const hubStems = new Set(tokenizeTerms(args.hub));
  const corpus = args.sourceTexts.map((text) => ` ${normalize(text)} `).join("\n");
  const phrases = new Map<string, Phrase>();
  for (const sentence of args.sentences) {
    for (const pair of contentPairs(sentence)) {
      const key = pair.join(" ");
      if (phrases.has(key)) continue;
      const stems = pair.map(stemTerm);
      // A phrase made only of the hub's own words says nothing the hub does not.
      if (stems.every((stem) => hubStems.has(stem))) continue;
      phrases.set(key, { words: pair, stems, key, uses: countUses(corpus, key), firstSeen: phrases.size });
    }
  }
  const ranked = [...phrases.values()].filter((phrase) => phrase.uses >= MIN_USES).sort((a, b) => b.uses - a.uses || a.firstSeen - b.firstSeen);
  const chosen: Phrase[] = [];
  const usedStems = new Set<string>();
  for (const phrase of ranked) {
    if (chosen.length >= MAX_SPOKES) break;
    if (phrase.stems.some((stem) => usedStems.has(stem))) continue;
    if (phrase.key.length > FIGURE_LIMITS.maxItemChars) continue;
    chosen.push(phrase);
    for (const stem of phrase.stems) usedStems.add(stem);
  }
  if (chosen.length >= FIGURE_LIMITS.minItems) return { kind: "hub", center: hub, items: chosen.map((phrase) => capitalize(phrase.key)) };
  const terms = rankKeyTerms(args.keyTerms ?? [], hubStems, corpus);
  return terms.length >= FIGURE_LIMITS.minItems ? { kind: "hub", center: hub, items: terms } : undefined;
}

/** A key term longer than this many words is a phrase, not a label. */
const MAX_TERM_WORDS = 4;

/** Up to MAX_SPOKES short key terms, most used first (ties in glossary order), none the hub itself. */
function rankKeyTerms(terms: readonly string[], hubStems: ReadonlySet<string>, corpus: string): string[] {
  const seen = new Set<string>();
  const usable = terms.flatMap((term, index) => {
    const label = term.trim();
    const key = normalize(label).trim();
    const stems = tokenizeTerms(label);
    const isHub = stems.length > 0 && stems.every((stem) => hubStems.has(stem));
    if (key === "" || seen.has(key) || isHub || label.length > FIGURE_LIMITS.maxItemChars || key.split(" ").length > MAX_TERM_WORDS) return [];
    seen.add(key);
    return [{ label: capitalize(label), uses: countUses(corpus, key), index }];
  });
  return usable
    .sort((a, b) => b.uses - a.uses || a.index - b.index)
    .slice(0, MAX_SPOKES)
    .map((term) => term.label);
}

/** Words that end an enumerated item's head: "a community [of people who ...]". */
const HEAD_ENDS = new Set(["of", "who", "that", "which", "to", "for", "with", "in", "on", "by", "they", "we", "where", "when", "whose", "as", "from"]);
const ARTICLES = /^(?:a|an|the|their|its|our)\s+/iu;
const MAX_HEAD_WORDS = 3;

/** The head words of a colon-introduced list of three to seven items, or undefined. */
function enumeratedItems(sentence: string): string[] | undefined {
  const colon = sentence.indexOf(":");
  if (colon < 0) return undefined;
  const list = sentence.slice(colon + 1).replace(/[.!?]+\s*$/u, "");
  const parts = list.split(/,\s*(?:and\s+|or\s+)?|;\s*|\s+and\s+/u).map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length < FIGURE_LIMITS.minItems || parts.length > FIGURE_LIMITS.maxItems) return undefined;
  const heads: string[] = [];
  for (const part of parts) {
    const words = part.replace(ARTICLES, "").split(/\s+/u);
    const head: string[] = [];
    for (const word of words) {
      if (HEAD_ENDS.has(word.toLowerCase())) break;
      head.push(word);
    }
    if (head.length === 0 || head.length > MAX_HEAD_WORDS || !head.every((word) => /^[\p{L}-]+$/u.test(word))) return undefined;
    heads.push(capitalize(head.join(" ").toLowerCase()));
  }
  return new Set(heads.map((head) => head.toLowerCase())).size === heads.length ? heads : undefined;
}

/**
 * Adjacent pairs of content words within one clause. A capitalised word after the first is taken
 * for a name (people, journals, places) and breaks the run, as do numbers and punctuation.
 */
function contentPairs(sentence: string): string[][] {
  const pairs: string[][] = [];
  for (const clause of sentence.split(/[.,;:!?()\[\]"“”]+/u)) {
    let run: string[] = [];
    const flush = (): void => {
      for (let index = 1; index < run.length; index++) pairs.push([run[index - 1] as string, run[index] as string]);
      run = [];
    };
    const words = [...clause.matchAll(WORD)].map((match) => match[0]);
    words.forEach((word, index) => {
      const lower = word.toLowerCase();
      const isName = index > 0 && /^\p{Lu}/u.test(word);
      const isContent = !isName && lower.length >= 3 && tokenizeTerms(lower).length === 1 && !/['’]/u.test(lower);
      if (isContent) run.push(lower);
      else flush();
    });
    flush();
  }
  return pairs;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ");
}

function countUses(corpus: string, phrase: string): number {
  let count = 0;
  const needle = ` ${phrase} `;
  for (let at = corpus.indexOf(needle); at >= 0; at = corpus.indexOf(needle, at + 1)) count++;
  return count;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
