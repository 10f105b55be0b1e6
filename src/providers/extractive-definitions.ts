import type { Passage } from "../domain/passage.ts";
import { splitSentences, type Sentence } from "../domain/text/split-sentences.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { isUsableSentence } from "./extractive-candidates.ts";
import { findFiniteVerbGroups, findUnresolvedReference, isDiscourseNoun, isRelativeFragment } from "./extractive-standalone.ts";
import { tagWords, type TaggedWord } from "./extractive-tagging.ts";

// Terms and their definitions, as the sources give them, for a glossary section ("term: definition").
// Three shapes are read, all by grammar rather than by topic:
//   - a definitional sentence: "Legitimate peripheral participation is the process by which ...",
//     "Reification refers to ...", "The term brokering means ...";
//   - a glossary entry: a short term line, then a definition without a main verb on the next line
//     ("Reification" / "The process of turning experience into objects ...");
//   - a one-line entry: "Boundary object: an artefact that ...".
// The claim's text is "Term: definition"; its quote is the verbatim source span it was read from (the
// whole sentence, or the term line and definition together), so the verifier finds every word.

export interface TermDefinition {
  source: number;
  /** Offsets of the quoted span in the source's extracted text. */
  start: number;
  end: number;
  term: string;
  /** "Term: definition", as the claim reads. */
  text: string;
  /** The verbatim source span. */
  quote: string;
}

const MAX_TERM_WORDS = 6;
const MIN_DEFINITION_WORDS = 5;
/** Verbs that introduce a definition after the term: "is a", "refers to", "means", "is defined as". */
const TERM_WORD_TAGS = new Set(["ADJ", "NOUN", "PROPN", "ADP", "PUNCT", "VERB"]);

/** Every term definition in the passages of the listed sources, one per distinct span, in reading order. */
export function findTermDefinitions(passages: readonly Passage[], sourceNumbers: readonly number[]): TermDefinition[] {
  const known = new Set(sourceNumbers);
  const seen = new Set<string>();
  const found: TermDefinition[] = [];
  for (const passage of passages) {
    if (known.size > 0 && !known.has(passage.source)) continue;
    const sentences = splitSentences(passage.text, passage.start);
    for (const [index, sentence] of sentences.entries()) {
      const definition = readGlossaryEntry(passage, sentence, sentences[index + 1]) ?? readOneLineEntry(passage.source, sentence) ?? readDefinitionalSentence(passage.source, sentence);
      if (definition === undefined) continue;
      const key = `${definition.source}:${definition.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(definition);
    }
  }
  return found.sort((a, b) => a.source - b.source || a.start - b.start);
}

/** "X is a/an/the ...", "X refers to ...", "X means ...", "X is defined as ...": the term and its definition. */
export function parseDefinitionalSentence(text: string): { term: string; definition: string } | undefined {
  const words = tagWords(text);
  let index = 0;
  if (/^(?:a|an|the)$/u.test(words[0]?.lower ?? "")) index = 1;
  if (words[index]?.lower === "term" && words[0]?.lower === "the") index += 1;
  const termStart = index;
  while (index < words.length && index - termStart < MAX_TERM_WORDS && TERM_WORD_TAGS.has(words[index]?.pos ?? "") && !isDefiningVerb(words, index)) {
    if (words[index]?.pos === "PUNCT" && !/^[-\u2013'\u2019"\u201c\u201d]$/u.test(words[index]?.text ?? "")) return undefined;
    index += 1;
  }
  if (index === termStart || !isDefiningVerb(words, index)) return undefined;
  const termWords = words.slice(termStart, index).filter((word) => !/^["\u201c\u201d]$/u.test(word.text));
  if (!termWords.some((word) => word.pos === "NOUN" || word.pos === "PROPN")) return undefined;
  // "The result is a downward spiral": a word pointing back at the text, not a term.
  if (termWords.length === 1 && isDiscourseNoun(termWords[0]?.text ?? "")) return undefined;
  // The term as written in the sentence (its own spacing), without quotes around it.
  const term = spanOf(text, termWords).replace(/^["\u201c]|["\u201d]$/gu, "");
  const bodyStart = definitionStart(words, index);
  const definition = text.slice(positionOf(text, words, bodyStart)).trim();
  if (!isDefinitionShaped(definition)) return undefined;
  return { term: capitalize(term), definition };
}

function isDefiningVerb(words: readonly TaggedWord[], index: number): boolean {
  const word = words[index]?.lower;
  const next = words[index + 1]?.lower;
  if (word === "is" || word === "are") return next === "a" || next === "an" || next === "the" || (next === "defined" && words[index + 2]?.lower === "as");
  if (word === "refers" || word === "refer") return next === "to";
  return word === "means" || word === "denotes";
}

/** Index of the first word of the definition proper: after "is", "refers to", "is defined as". */
function definitionStart(words: readonly TaggedWord[], verbIndex: number): number {
  const verb = words[verbIndex]?.lower;
  if (verb === "refers" || verb === "refer") return verbIndex + 2;
  if (words[verbIndex + 1]?.lower === "defined") return verbIndex + 3;
  return verbIndex + 1;
}

/** Character position in `text` of word `index` (words are found left to right). */
function positionOf(text: string, words: readonly TaggedWord[], index: number): number {
  let at = 0;
  for (const [position, word] of words.entries()) {
    const found = text.indexOf(word.text, at);
    if (found === -1) return text.length;
    if (position === index) return found;
    at = found + word.text.length;
  }
  return text.length;
}

function spanOf(text: string, words: readonly TaggedWord[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return "";
  const start = text.indexOf(first.text);
  const end = text.indexOf(last.text, start + first.text.length - 1) + last.text.length;
  return text.slice(start, Math.max(end, start + first.text.length));
}

function readDefinitionalSentence(source: number, sentence: Sentence): TermDefinition | undefined {
  const parsed = parseDefinitionalSentence(sentence.text);
  // "The domain is the shared area ...": once written "Domain: the shared area ...", "the domain" is named.
  if (parsed === undefined || !isUsableSentence(sentence.text, new Set(tokenizeTerms(parsed.term)))) return undefined;
  return { source, start: sentence.start, end: sentence.end, term: parsed.term, text: `${parsed.term}: ${parsed.definition}`, quote: sentence.text };
}

/** "Boundary object: an artefact that several communities use in their own way." on a line of its own. */
function readOneLineEntry(source: number, sentence: Sentence): TermDefinition | undefined {
  const match = /^([^:]{2,60}):\s+(\S.*[.!])$/u.exec(sentence.text);
  if (!match || !isTermLine(match[1] ?? "")) return undefined;
  const definition = match[2] ?? "";
  if (!isDefinitionShaped(definition) || findUnresolvedDefinition(definition)) return undefined;
  const term = capitalize(match[1] ?? "");
  return { source, start: sentence.start, end: sentence.end, term, text: `${term}: ${lowerFirst(definition)}`, quote: sentence.text };
}

/** A term on its own line, then its definition on the next: the quote spans both. */
function readGlossaryEntry(passage: Passage, termLine: Sentence, next: Sentence | undefined): TermDefinition | undefined {
  if (next === undefined || !isTermLine(termLine.text)) return undefined;
  const between = passage.text.slice(termLine.end - passage.start, next.start - passage.start);
  if (!/^\s*\n\s*$/u.test(between)) return undefined;
  const definition = next.text;
  if (!isDefinitionShaped(definition)) return undefined;
  // A heading followed by ordinary prose is not a glossary entry: the definition has no main verb.
  const words = tagWords(definition);
  if (!isDefinitionFragment(words) || findUnresolvedDefinition(definition)) return undefined;
  const term = capitalize(termLine.text);
  const quote = passage.text.slice(termLine.start - passage.start, next.end - passage.start);
  return { source: passage.source, start: termLine.start, end: next.end, term, text: `${term}: ${lowerFirst(definition)}`, quote };
}

/**
 * Long enough, one line, ending as a sentence, and starting as a description does ("the shared area
 * ...", "A person who ..."), not as a title or a reference ("A Guide to ...", "Wenger, E. (1998) ...").
 */
function isDefinitionShaped(definition: string): boolean {
  if (definition.split(/\s+/u).length < MIN_DEFINITION_WORDS || !/[.!]$/u.test(definition) || /\n/u.test(definition)) return false;
  if (/\(\d{4}[a-z]?\)/u.test(definition)) return false;
  // "Homework is the engine of X: most of ...": a second colon makes "Term: definition" unreadable.
  if (definition.includes(":")) return false;
  if (!(/^\p{Ll}/u.test(definition) || /^(?:A|An|The|Any|Each|One)\s+\p{Ll}/u.test(definition))) return false;
  // A description starts with a noun phrase: not "that the newcomer ...", "everyone else ...", "be honest ...".
  const first = tagWords(definition)[0];
  return first !== undefined && /^(?:DET|NOUN|ADJ|PROPN|NUM)$/u.test(first.pos) && first.lower !== "that";
}

/** One to six words, no sentence punctuation, starting with a letter, not a verb phrase. */
function isTermLine(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  if (words.length === 0 || words.length > MAX_TERM_WORDS || !/^\p{L}/u.test(text) || /[.!?;,]$/u.test(text) || /\n/u.test(text)) return false;
  return findFiniteVerbGroups(tagWords(text)).length === 0 || words.length <= 3;
}

/** A noun phrase with no main verb of its own: "The process of turning experience into objects ...". */
function isDefinitionFragment(words: readonly TaggedWord[]): boolean {
  const first = words[0];
  if (first === undefined || !(first.pos === "DET" || first.pos === "NOUN" || first.pos === "ADJ")) return false;
  const groups = findFiniteVerbGroups(words);
  if (groups.length === 0 || isRelativeFragment(words)) return true;
  // "The path a person follows through a community ...": a relative clause without "that", its
  // subject's determiner straight after the head noun.
  const firstVerb = groups[0] ?? 0;
  return groups.length === 1 && words.slice(1, firstVerb).some((word, index) => word.pos === "DET" && words[index]?.pos === "NOUN");
}

/** A definition that leans on the text around it ("It ...", "This ...") is no use alone. */
function findUnresolvedDefinition(definition: string): string | undefined {
  const reason = findUnresolvedReference(tagWords(definition));
  // A fragment is what a glossary definition is; only the other reasons count here.
  return reason !== undefined && !reason.startsWith("a fragment") && !reason.startsWith("its subject") ? reason : undefined;
}

/**
 * Whether the term names the article's subject: the same words as the subject's name, which is the
 * subject up to its first qualifying preposition ("Communities of Practice"; "Behavioural Activation"
 * in "Behavioural Activation for Depression"; "Insomnia" in "Insomnia in Adults"). "Practice" or
 * "Community" alone is one of the subject's elements, not the subject.
 */
export function isSubjectTerm(term: string, subject: string): boolean {
  const name = subject.split(/\s+(?:for|in|with|among|during|after|and|as|among)\s+/iu)[0] ?? subject;
  const termTerms = new Set(tokenizeTerms(term));
  const nameTerms = new Set(tokenizeTerms(name));
  return termTerms.size > 0 && termTerms.size === nameTerms.size && [...termTerms].every((word) => nameTerms.has(word));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "The process of ..." -> "the process of ..." after "Term: "; a proper noun or acronym keeps its capital. */
function lowerFirst(text: string): string {
  if (/^(?:A|An|The|Any|Each|One|Two|Three|Several|Some)\s/u.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}
