import type { Block, Claim, SectionOutput } from "../domain/claims.ts";
import { ProviderError } from "../domain/errors.ts";
import { toSectionAnswer } from "../domain/section-answer.ts";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { type Candidate, collectCandidates } from "./extractive-candidates.ts";
import { selectOwnedCandidates, selectSentences } from "./extractive-selection.ts";
import type { DraftTask, ModelProvider, ModelRequest, ModelResult } from "./types.ts";

// The offline default provider: no network, no key. It writes a section only from source sentences
// quoted verbatim, so every claim it emits is basis "source" and its quote is, character for
// character, a span of the snapshot the verifier will look it up in.

/** Bump on any change of behaviour: it is recorded as the model and makes stored sections stale. */
export const EXTRACTIVE_MODEL = "extractive-2";

const MAX_PARAGRAPH_SENTENCES = 6;
const MAX_LIST_ITEMS = 7;
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
      return {
        // The answer format every provider writes (src/domain/section-answer.ts); no table rows here.
        value: JSON.stringify(toSectionAnswer(request.task.sectionId, output, undefined)),
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
 */
export function draftExtractiveSection(task: DraftTask): SectionOutput {
  const allowsParagraph = task.blockKinds.includes("paragraph");
  const allowsList = task.blockKinds.includes("list");
  if (!allowsParagraph && !allowsList) return { blocks: [] };
  const queryTerms = tokenizeTerms(task.query);
  const candidates =
    task.articlePassages && task.otherSectionQueries && task.otherSectionQueries.length > 0
      ? selectOwnedCandidates({
          pool: collectCandidates(task.articlePassages, task.sourceNumbers),
          ownQueryTerms: queryTerms,
          otherQueryTerms: task.otherSectionQueries.map(tokenizeTerms),
        })
      : collectCandidates(task.passages, task.sourceNumbers);
  const chosen = selectSentences({
    candidates,
    queryTerms,
    maxCount: allowsParagraph ? MAX_PARAGRAPH_SENTENCES : MAX_LIST_ITEMS,
  });
  if (chosen.length === 0) return { blocks: [] };
  if (!allowsParagraph) return { blocks: [{ kind: "list", claims: chosen.map(toClaim) }] };
  return { blocks: groupParagraphs(chosen).map((group): Block => ({ kind: "paragraph", claims: group.map(toClaim) })) };
}

/** A quoted source sentence: never elaborated (the sentence is all quote, there is no framing to mark). */
function toClaim(candidate: Candidate): Claim {
  return { text: candidate.text, basis: "source", citations: [{ source: candidate.source, quote: candidate.text }] };
}

/**
 * One paragraph, or two when the section is long: split where the source changes nearest the
 * middle (each source's sentences stay together), or at the middle when that would leave a
 * one-sentence paragraph. `sentences` is in reading order.
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
