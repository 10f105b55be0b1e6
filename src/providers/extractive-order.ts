import type { Candidate } from "./extractive-candidates.ts";
import { isSubjectTerm, parseDefinitionalSentence } from "./extractive-definitions.ts";
import type { ExtractiveOrder } from "./types.ts";

// The order of a section's chosen sentences. Source order reads oddly once sentences from several
// sources sit together: a history jumps from 1991 to 2011 and back to 1998, a definition turns up
// after the details it explains. A section says which order it wants (its prompt's front matter,
// `extractive_order`); the default puts definitions first.

// Four-digit years from 1600 to 2099, alone or as a decade ("the 1990s"); not part of a longer number.
const YEAR = /(?<![\p{N}.,])(1[6-9]\d\d|20\d\d)(?:s|\b)(?![.,]?\p{N})/gu;

/**
 * `chosen` (in reading order: source, then offset) rearranged as the section asks. `contextYear`
 * gives the last year the source names before a sentence, for sentences that name none.
 */
export function orderSentences(args: {
  chosen: readonly Candidate[];
  order: ExtractiveOrder;
  subject?: string | undefined;
  contextYear?: ((candidate: Candidate) => number | undefined) | undefined;
}): Candidate[] {
  return args.order === "chronological" ? orderByYear(args.chosen, args.contextYear) : orderDefinitionsFirst(args.chosen, args.subject ?? "");
}

/** The last year a text names (the one nearest its end), or undefined. */
export function findLastYear(text: string): number | undefined {
  const years = [...text.matchAll(YEAR)].map((match) => Number(match[1]));
  return years[years.length - 1];
}

/** The earliest year a sentence names, or undefined. */
export function findEarliestYear(text: string): number | undefined {
  const years = [...text.matchAll(YEAR)].map((match) => Number(match[1]));
  return years.length > 0 ? Math.min(...years) : undefined;
}

/**
 * By the earliest year each sentence names. A sentence naming none takes the last year its source
 * names before it (it most likely continues that story); one with no such year goes after the dated
 * ones. Ties keep reading order.
 */
function orderByYear(chosen: readonly Candidate[], contextYear: ((candidate: Candidate) => number | undefined) | undefined): Candidate[] {
  return chosen
    .map((candidate, position) => ({ candidate, position, year: findEarliestYear(candidate.text) ?? contextYear?.(candidate) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.year - b.year || a.position - b.position)
    .map((entry) => entry.candidate);
}

/** The subject's own definition, then other definitions, then the rest, each group in reading order. */
function orderDefinitionsFirst(chosen: readonly Candidate[], subject: string): Candidate[] {
  const rank = (candidate: Candidate): number => {
    const definition = parseDefinitionalSentence(candidate.text);
    if (definition === undefined) return 2;
    return subject !== "" && isSubjectTerm(definition.term, subject) ? 0 : 1;
  };
  return chosen
    .map((candidate, position) => ({ candidate, position, rank: rank(candidate) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((entry) => entry.candidate);
}
