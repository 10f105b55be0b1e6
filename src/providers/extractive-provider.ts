import type { Block, Claim, SectionOutput } from "../domain/claims.ts";
import { ProviderError } from "../domain/errors.ts";
import { toSectionAnswer } from "../domain/section-answer.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { type Candidate, collectCandidates } from "./extractive-candidates.ts";
import { buildExtractiveFigure } from "./extractive-figure.ts";
import { findTermDefinitions, isSubjectTerm, parseDefinitionalSentence, type TermDefinition } from "./extractive-definitions.ts";
import { selectGlossary } from "./extractive-glossary.ts";
import { findEarliestYear, findLastYear, orderSentences } from "./extractive-order.ts";
import { measureSimilarity, MIN_SENTENCES, NEAR_DUPLICATE_SIMILARITY, selectOwnedCandidates, selectSentences } from "./extractive-selection.ts";
import type { Passage } from "../domain/passage.ts";
import type { DraftTask, ModelProvider, ModelRequest, ModelResult } from "./types.ts";

// The offline default provider: no network, no key. It writes a section only from source sentences
// quoted verbatim, so every claim it emits is basis "source" and its quote is, character for
// character, a span of the snapshot the verifier will look it up in.

/** Bump on any change of behaviour: it is recorded as the model and makes stored sections stale. */
export const EXTRACTIVE_MODEL = "extractive-5";

const MAX_PARAGRAPH_SENTENCES = 6;
const MAX_LIST_ITEMS = 7;
/** A section of order "subject-first" opens with at most this many definitions of the subject. */
const MAX_SUBJECT_DEFINITIONS = 2;
/** Added to a history section's relevance (a fraction of its best sentence's) for a sentence naming a year. */
const DATED_SENTENCE_BONUS = 0.5;
/** Paragraph sections of this many sentences or more are split in two for readability. */
const SPLIT_PARAGRAPH_AT = 5;

export function createExtractiveProvider(): ModelProvider {
  return {
    id: "extractive",
    model: EXTRACTIVE_MODEL,
    versions: { sdk: null, api: null },
    // It only quotes source sentences: questions, examples and objective tables would be invented.
    writableBlockKinds: ["paragraph", "list"],
    generate: async (request: ModelRequest, options?: { signal?: AbortSignal }): Promise<ModelResult> => {
      options?.signal?.throwIfAborted();
      if (request.task.kind !== "draft_section") {
        throw new ProviderError({
          kind: "bad_request",
          message: `the extractive provider only drafts sections (task "draft_section"); it cannot handle "${request.task.kind}" for ${request.purpose} — use a model provider for judge calls`,
        });
      }
      // A repair request gets the same answer: the output is a pure function of the task, and the
      // sentences it quotes already satisfy the claim rules.
      const output = draftExtractiveSection(request.task);
      const answer = toSectionAnswer(request.task.sectionId, output, undefined);
      const figure = request.task.figure ? draftExtractiveFigure(request.task, output) : undefined;
      if (figure) answer.answer.figure = figure;
      return {
        // The answer format every provider writes (src/domain/section-answer.ts); no table rows here.
        value: JSON.stringify(answer),
        model: EXTRACTIVE_MODEL,
        usage: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 },
        requestId: undefined,
        stopReason: "end_turn",
        attempts: 1,
      };
    },
  };
}

/**
 * The section as claim-level JSON. A section whose template allows neither paragraphs nor lists
 * (only reflective questions, only SMART-objective table rows, only examples) gets no blocks: those
 * need writing, not quoting, and inventing them offline would pass model-free text off as sourced.
 * The caller marks such sections "not drafted offline". The same goes for a section none of whose
 * passages holds a usable sentence sharing a term with the query.
 *
 * A section of form "term-definition" (a glossary) lists the sources' term definitions as "Term:
 * definition"; the other sections order their sentences as their `order` says.
 */
export function draftExtractiveSection(task: DraftTask): SectionOutput {
  const allowsParagraph = task.blockKinds.includes("paragraph");
  const allowsList = task.blockKinds.includes("list");
  if (!allowsParagraph && !allowsList) return { blocks: [] };
  const pool = task.articlePassages ?? task.passages;
  const roles = task.otherSectionRoles ?? { glossary: [], subjectFirst: [], chronological: [], idle: [] };
  const glossary = (): TermDefinition[] =>
    selectGlossary({ definitions: findTermDefinitions(pool, task.sourceNumbers), passages: pool, subject: task.subject });
  if (task.form === "term-definition") {
    const entries = glossary();
    if (entries.length === 0) return { blocks: [] };
    const claims = entries.map((entry): Claim => ({ text: entry.text, basis: "source", citations: [{ source: entry.source, quote: entry.quote }] }));
    return { blocks: [{ kind: allowsList ? "list" : "paragraph", claims }] };
  }
  const queryTerms = tokenizeTerms(task.query);
  // The glossary's entries are its own: no other section quotes the sentences they come from.
  const glossarySpans = roles.glossary.length > 0 ? glossary() : [];
  const isInGlossary = (candidate: Candidate): boolean =>
    glossarySpans.some((entry) => entry.source === candidate.source && candidate.start < entry.end && entry.start < candidate.start + candidate.text.length);
  // The subject's definitions belong to the section that opens with them, if the article has one.
  const isSubjectFirst = task.order === "subject-first";
  const isSubjectOwnedElsewhere = roles.subjectFirst.length > 0 && !isSubjectFirst;
  // A glossary, or a section this provider cannot write (questions, objectives), competes for no sentence.
  const ruled = new Set([...roles.glossary, ...roles.idle]);
  const competingQueries = (task.otherSectionQueries ?? []).filter((query) => !ruled.has(query));
  const all = collectCandidates(task.articlePassages ?? task.passages, task.sourceNumbers, task.subject).filter((candidate) => !isInGlossary(candidate));
  const subjectDefinitions = all.filter((candidate) => definesSubject(candidate, task.subject));
  const owned = (
    task.articlePassages && competingQueries.length > 0
      ? selectOwnedCandidates({
          pool: all,
          ownQueryTerms: queryTerms,
          otherQueryTerms: competingQueries.map(tokenizeTerms),
          bonus: { own: historyBonus(task.order === "chronological"), others: competingQueries.map((query) => historyBonus(roles.chronological.includes(query))) },
        })
      : collectCandidates(task.passages, task.sourceNumbers, task.subject).filter((candidate) => !isInGlossary(candidate))
  ).filter((candidate) => !((isSubjectFirst || isSubjectOwnedElsewhere) && subjectDefinitions.includes(candidate)));
  const maxCount = allowsParagraph ? MAX_PARAGRAPH_SENTENCES : MAX_LIST_ITEMS;
  const opening = isSubjectFirst ? pickSubjectDefinitions(subjectDefinitions) : [];
  const isChronological = task.order === "chronological";
  // A history is told from dated sentences, when the sources give enough of them.
  const dated = owned.filter((candidate) => findEarliestYear(candidate.text) !== undefined);
  const eligible = isChronological && dated.length >= MIN_SENTENCES ? dated : owned;
  const rest = orderSentences({
    chosen: selectSentences({ candidates: eligible, queryTerms, maxCount: maxCount - opening.length }),
    order: isChronological ? "chronological" : "definition-first",
    subject: task.subject,
    contextYear: (candidate) => findYearBefore(candidate, pool),
  });
  const chosen = [...opening, ...rest];
  if (chosen.length === 0) return { blocks: [] };
  if (!allowsParagraph) return { blocks: [{ kind: "list", claims: chosen.map(toClaim) }] };
  return { blocks: groupParagraphs(chosen).map((group): Block => ({ kind: "paragraph", claims: group.map(toClaim) })) };
}

/**
 * The section's concept figure, offline: the topic's short title at the hub, key phrases of the
 * sentences just quoted as spokes, else the article's key terms (extractive-figure.ts). None for a
 * section with nothing quoted.
 */
export function draftExtractiveFigure(task: DraftTask, output: SectionOutput): ReturnType<typeof buildExtractiveFigure> {
  if (!task.figure) return undefined;
  const sentences = output.blocks.flatMap((block) => block.claims.map((claim) => claim.text));
  if (sentences.length === 0) return undefined;
  const passages = task.articlePassages ?? task.passages;
  const keyTerms = selectGlossary({ definitions: findTermDefinitions(passages, task.sourceNumbers), passages, subject: task.subject }).map((entry) => entry.term);
  return buildExtractiveFigure({ hub: task.figure.hub, sentences, sourceTexts: passages.map((passage) => passage.text), keyTerms });
}

/** A history section (order "chronological") is the better home for a sentence that names a year. */
function historyBonus(isChronological: boolean): (candidate: Candidate) => number {
  return (candidate) => (isChronological && findEarliestYear(candidate.text) !== undefined ? DATED_SENTENCE_BONUS : 0);
}

/** The last year the candidate's passage names before it. */
function findYearBefore(candidate: Candidate, passages: readonly Passage[]): number | undefined {
  const passage = passages.find((item) => item.source === candidate.source && item.start <= candidate.start && candidate.start < item.end);
  return passage === undefined ? undefined : findLastYear(passage.text.slice(0, candidate.start - passage.start));
}

function definesSubject(candidate: Candidate, subject: string | undefined): boolean {
  if (subject === undefined) return false;
  const definition = parseDefinitionalSentence(candidate.text);
  return definition !== undefined && isSubjectTerm(definition.term, subject);
}

/** Up to two of the subject's definitions, in reading order, none a near-duplicate of another. */
function pickSubjectDefinitions(definitions: readonly Candidate[]): Candidate[] {
  const picked: Candidate[] = [];
  for (const candidate of definitions) {
    if (picked.length === MAX_SUBJECT_DEFINITIONS) break;
    const terms = new Set(candidate.terms);
    if (picked.every((other) => measureSimilarity(terms, new Set(other.terms)) < NEAR_DUPLICATE_SIMILARITY)) picked.push(candidate);
  }
  return picked;
}

/** A quoted source sentence: never elaborated (the sentence is all quote, there is no framing to mark). */
function toClaim(candidate: Candidate): Claim {
  return { text: candidate.text, basis: "source", citations: [{ source: candidate.source, quote: candidate.text }] };
}

/**
 * One paragraph, or two when the section is long: split where the source changes nearest the
 * middle (each source's sentences stay together), or at the middle when that would leave a
 * one-sentence paragraph. `sentences` is in the order the section reads.
 */
function groupParagraphs(sentences: Candidate[]): Candidate[][] {
  if (sentences.length < SPLIT_PARAGRAPH_AT) return [sentences];
  const middle = Math.ceil(sentences.length / 2);
  let cut = middle;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let index = 2; index <= sentences.length - 2; index += 1) {
    const isSourceChange = sentences[index]?.source !== sentences[index - 1]?.source;
    const distance = Math.abs(index - middle);
    if (isSourceChange && distance < bestDistance) {
      cut = index;
      bestDistance = distance;
    }
  }
  return [sentences.slice(0, cut), sentences.slice(cut)];
}
