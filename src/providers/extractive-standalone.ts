import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import type { TaggedWord } from "./extractive-tagging.ts";

// Whether a source sentence still means what it meant once quoted alone. In its source, "The book
// turned the idea into a practical approach" follows a sentence naming the book; quoted under
// another heading of the article it names nothing, or worse, the wrong thing. The tests are on the
// sentence's grammar (wink-nlp's part-of-speech tags): a pronoun or demonstrative with nothing in
// the sentence to refer to, an opening that points back ("Two years earlier", "However", "The first
// lesson", "Both authors"), a bare definite subject ("The enthusiasm is ..."), or a fragment whose
// only verb sits in a relative clause (a glossary definition without its term). The only word lists
// are closed classes of English grammar, plus the few nouns by which a text names a work or its
// authors; none is about a topic.

const PERSONAL_PRONOUNS = new Set(["it", "its", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers"]);
/** The source's author or reader speaking: "we found", "you should", "told us", "I learned". */
const SPEAKER_PRONOUNS = new Set(["i", "me", "my", "we", "us", "our", "ours", "you", "your", "yours"]);
const DEMONSTRATIVES = new Set(["this", "these", "those", "that"]);
/** Adverbs and connectives that place a sentence after another one. */
const LINKING_ADVERBS = new Set([
  "however", "therefore", "thus", "hence", "instead", "moreover", "furthermore", "nevertheless", "nonetheless",
  "similarly", "likewise", "conversely", "consequently", "accordingly", "otherwise", "besides",
  "then", "later", "earlier", "afterwards", "afterward", "subsequently", "previously", "meanwhile", "thereafter",
  "finally", "next",
]);
/** Words that pick an item out of a list or series the reader has not seen. */
const SERIES_WORDS = new Set(["first", "second", "third", "fourth", "fifth", "next", "last", "final", "latter", "former", "same", "other", "another", "further", "remaining"]);
/** Nouns by which a text refers to a work, its authors or its subject; "the book" is unresolved without its title. */
const DISCOURSE_NOUNS = new Set([
  "book", "books", "author", "authors", "study", "studies", "paper", "article", "review", "trial", "concept", "idea",
  "term", "approach", "model", "framework", "theory", "method", "programme", "program", "researchers", "chapter",
  "findings", "result", "results", "volume", "edition", "survey", "report",
]);
const RELATIVE_WORDS = new Set(["that", "which", "who", "whom", "whose", "where", "what"]);
const COORDINATORS = new Set(["and", "but", "or", "yet", "so", "nor"]);

/** "the book", "the authors", "the result": nouns by which a text points at a work or at what it just said. */
export function isDiscourseNoun(word: string): boolean {
  return DISCOURSE_NOUNS.has(word.toLowerCase());
}

/**
 * Why the sentence does not stand alone, or undefined when it does. `subjectTerms` are the index
 * terms of the article's subject (tokenize-terms.ts): "The community meets monthly" stands alone in
 * an article on communities of practice, where "the community" can only be the subject.
 */
export function findUnresolvedReference(words: readonly TaggedWord[], subjectTerms: ReadonlySet<string> = new Set()): string | undefined {
  const content = words.filter((word) => !(word.pos === "PUNCT" && /^["'\u201c\u2018(]$/u.test(word.text)));
  const first = content[0];
  if (first === undefined) return "empty";
  const opening = openingWords(content);

  if (COORDINATORS.has(first.lower) && first.pos !== "PROPN") return `opens with the conjunction "${first.text}"`;
  if (PERSONAL_PRONOUNS.has(first.lower) && !isExpletiveIt(content)) return `opens with the pronoun "${first.text}"`;
  if (DEMONSTRATIVES.has(first.lower) || first.lower === "such") return `opens with "${first.text}", which points back`;
  // "Written by the team ...", "Seen this way, ...": a participle with its subject left behind. An
  // imperative ("Agree ground rules in writing ...") is a handout's instruction, and stands alone.
  if (first.pos === "VERB" && (/(?:ed|en|wn)$/u.test(first.lower) || content[1]?.lower === "by")) return `opens with the participle "${first.text}", whose subject is elsewhere`;
  // "In that study, ...": a demonstrative after a preposition (after a noun, "that" starts a relative clause).
  const demonstrative = opening.find((word, index) => opening[index - 1]?.pos === "ADP" && (word.lower === "that" || word.lower === "those") && word.pos === "DET" && opening[index + 1]?.pos === "NOUN");
  if (demonstrative) return `its opening "${demonstrative.text} ${opening[opening.indexOf(demonstrative) + 1]?.text}" points back`;
  if (isLabelledField(content)) return `a labelled field ("${first.text}: ..."), not a sentence`;
  const linking = opening.find((word) => LINKING_ADVERBS.has(word.lower) && (word.pos === "ADV" || word.pos === "ADJ" || word.pos === "CCONJ"));
  if (linking) return `its opening "${linking.text}" places it after another sentence`;
  const series = opening.find((word) => SERIES_WORDS.has(word.lower));
  if (series) return `its opening "${series.text}" refers to an item the reader has not seen`;
  if (/^(?:both|all|the)$/u.test(first.lower) && content[1]?.pos === "NUM") return `"${first.text} ${content[1].text}" refers back to items named before`;
  if (first.lower === "both" && !opening.some((word) => word.lower === "and")) return `"Both" refers back to two things named before`;
  if (isBareDefiniteSubject(content, subjectTerms)) return `its subject "${content.slice(0, subjectEnd(content)).map((w) => w.text).join(" ")}" has no referent in the sentence`;

  for (const [index, word] of content.entries()) {
    const before = content.slice(0, index);
    if (SPEAKER_PRONOUNS.has(word.lower) && word.pos === "PRON") return `"${word.text}" speaks in the source's own voice`;
    if (index > 0 && (word.lower === "this" || word.lower === "these") && (word.pos === "DET" || word.pos === "PRON")) {
      return `"${word.text}" points to something outside the sentence`;
    }
    if (index > 0 && word.lower === "such" && content[index + 1]?.lower !== "as") return `"such" points to something outside the sentence`;
    // "The table below shows ...": "below" with no object of its own ("below the cut-off" has one).
    if ((word.lower === "below" || word.lower === "above") && !/^(?:DET|NUM|PRON|PROPN|ADJ)$/u.test(content[index + 1]?.pos ?? "")) {
      return `"${word.text}" points to the layout of the source document`;
    }
    if (index > 0 && PERSONAL_PRONOUNS.has(word.lower) && word.pos === "PRON" && !hasAntecedent(before, word) && !isCataphoricPossessive(content, index)) {
      return `the pronoun "${word.text}" has no antecedent in the sentence`;
    }
    if (word.lower === "the" && DISCOURSE_NOUNS.has(content[index + 1]?.lower ?? "") && !isSpecified(content, index + 1)) {
      return `"the ${content[index + 1]?.text}" names a work or author the sentence does not`;
    }
  }
  if (isRelativeFragment(content)) return "a fragment: its only verb is in a relative clause";
  return undefined;
}

/** Words before the first verb or the first comma: where "Two years earlier," or "The first" sits. */
function openingWords(words: readonly TaggedWord[]): TaggedWord[] {
  const end = words.findIndex((word, index) => index > 0 && (word.pos === "VERB" || word.pos === "AUX" || word.text === ","));
  return words.slice(0, end === -1 ? words.length : end);
}

/**
 * "In their 2009 book Digital Habitats, Wenger, White and Smith argued ...": a possessive inside an
 * opening prepositional phrase, whose owner is the subject right after the comma.
 */
function isCataphoricPossessive(words: readonly TaggedWord[], index: number): boolean {
  if (words[0]?.pos !== "ADP" || !/^(?:its|their|his|her)$/u.test(words[index]?.lower ?? "")) return false;
  const comma = words.findIndex((word) => word.text === ",");
  return comma > index && (words[comma + 1]?.pos === "PROPN" || words[comma + 1]?.pos === "NOUN");
}

/** "It is recommended that ...", "It takes about five minutes to ...": "it" that points forward. */
function isExpletiveIt(words: readonly TaggedWord[]): boolean {
  if (words[0]?.lower !== "it") return false;
  const window = words.slice(1, 8);
  return window[0]?.pos === "AUX" && window.some((word) => (word.lower === "that" && word.pos === "SCONJ") || (word.lower === "to" && word.pos === "PART"));
}

/**
 * Some noun before the pronoun could be what it means. "It" cannot mean a list of names: in "Wenger,
 * McDermott and Snyder turned it into a practical approach", "it" is whatever came before.
 */
function hasAntecedent(before: readonly TaggedWord[], pronoun: TaggedWord): boolean {
  const nouns = before.filter((word) => word.pos === "NOUN" || word.pos === "PROPN");
  if (pronoun.lower !== "it" && pronoun.lower !== "its") return nouns.length > 0;
  const isNameList = before.some((word) => word.lower === "and") && nouns.every((word) => word.pos === "PROPN") && before.every((word) => word.pos === "PROPN" || word.text === "," || word.lower === "and" || word.pos === "VERB" || word.pos === "AUX" || word.pos === "ADV");
  return nouns.length > 0 && !isNameList;
}

/** "Goal: Reduce the isolation of ...", "Mechanism: Monthly video meetings ...": a form's label and value. */
function isLabelledField(words: readonly TaggedWord[]): boolean {
  const colon = words.findIndex((word) => word.text === ":");
  return colon > 0 && colon <= 3 && words.slice(0, colon).every((word) => word.pos !== "VERB" && word.pos !== "AUX");
}

/** Index just past "The (ADJ|NOUN)* NOUN" at the start, or 0. */
function subjectEnd(words: readonly TaggedWord[]): number {
  if (words[0]?.lower !== "the") return 0;
  let index = 1;
  while (words[index]?.pos === "ADJ" || words[index]?.pos === "ADV") index += 1;
  const nounStart = index;
  while (words[index]?.pos === "NOUN") index += 1;
  return index > nounStart ? index : 0;
}

/**
 * "The enthusiasm is understandable": a definite subject followed at once by its verb, nothing saying
 * which, unless its head noun is the article's subject ("The community meets monthly").
 */
function isBareDefiniteSubject(words: readonly TaggedWord[], subjectTerms: ReadonlySet<string>): boolean {
  const end = subjectEnd(words);
  if (end === 0) return false;
  const next = words[end];
  const head = words[end - 1]?.lower ?? "";
  if (tokenizeTerms(head).some((term) => subjectTerms.has(term))) return false;
  return next !== undefined && (next.pos === "VERB" || next.pos === "AUX");
}

/** "the 2009 review", "the review by Li", "the book Situated Learning", "the review of ...": said which. */
function isSpecified(words: readonly TaggedWord[], nounIndex: number): boolean {
  const next = words[nounIndex + 1];
  if (next === undefined) return false;
  // "the term groupthink", "the book Situated Learning": the apposition says which.
  return next.pos === "PROPN" || next.pos === "NOUN" || next.pos === "NUM" || (next.pos === "ADP" && /^(?:of|by|on)$/u.test(next.lower)) || RELATIVE_WORDS.has(next.lower) || /^[:"\u201c]$/u.test(next.text);
}

/**
 * "The routines, words and stories that a community has developed over time.": every finite verb
 * follows a relative word and the sentence opens with a noun phrase, so there is no main clause.
 */
export function isRelativeFragment(words: readonly TaggedWord[]): boolean {
  const first = words[0];
  if (first === undefined || !(first.pos === "DET" || first.pos === "NOUN" || first.pos === "ADJ" || first.pos === "PROPN")) return false;
  const finite = findFiniteVerbGroups(words);
  const start = finite[0];
  if (start === undefined) return true;
  if (!words.slice(0, start).some((word) => RELATIVE_WORDS.has(word.lower))) return false;
  // A main verb after the clause follows a comma or its own subject: "The benefits that members
  // describe, such as ..., are real"; one after "and" or a pronoun still belongs to the clause.
  return !finite.slice(1).some((index) => {
    const previous = words[index - 1];
    return previous !== undefined && (previous.text === "," || previous.pos === "NOUN" || previous.pos === "PROPN");
  });
}

/**
 * "Every community of practice combines three elements": the tagger reads "combines" as a plural noun.
 * A "-s" word between a noun and a determiner, number or pronoun is a verb.
 */
function isMistaggedVerb(words: readonly TaggedWord[], index: number): boolean {
  const word = words[index];
  const previous = words[index - 1];
  const next = words[index + 1];
  if (word?.pos !== "NOUN" || !/^\p{Ll}{3,}[^su]s$/u.test(word.text) || previous === undefined || next === undefined) return false;
  return (previous.pos === "NOUN" || previous.pos === "PROPN") && (next.pos === "DET" || next.pos === "NUM" || next.pos === "PRON");
}

/** Start indexes of runs of finite verbs (an auxiliary or a verb not after a preposition, "to" or a determiner). */
export function findFiniteVerbGroups(words: readonly TaggedWord[]): number[] {
  const starts: number[] = [];
  let inGroup = false;
  for (const [index, word] of words.entries()) {
    const previous = words[index - 1];
    const isVerb =
      word.pos === "AUX" ||
      (word.pos === "VERB" &&
        !(previous && (previous.pos === "ADP" || previous.pos === "PART" || previous.pos === "DET")) &&
        !(word.lower.endsWith("ing") && previous?.pos !== "AUX") &&
        // "..., studied by Edwin Hutchins, ...", "..., used to understand ...": a participle, not a finite verb.
        !(words[index + 1]?.lower === "by" && previous?.pos !== "AUX") &&
        !(previous?.text === "," && /(?:ed|en|wn)$/u.test(word.lower) && (words[index + 1]?.pos === "ADP" || words[index + 1]?.pos === "PART"))) ||
      isMistaggedVerb(words, index);
    if (isVerb && !inGroup) starts.push(index);
    inGroup = isVerb || (inGroup && word.pos === "ADV");
  }
  return starts;
}
