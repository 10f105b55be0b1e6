import type { BlockKind, Claim, SectionOutput } from "../domain/claims.ts";
import { splitSentences } from "../domain/text/split-sentences.ts";

export interface SectionRules {
  /** The spec's source numbers; a citation of any other number is an error. */
  sourceNumbers: number[];
  blockKinds: BlockKind[];
  /** For table sections: a table_row has exactly one claim per column. */
  tableColumns?: string[] | undefined;
}

// Rules of the claim schema that are checked in code after parsing (../shared/DESIGN.md).

const MAX_CLAIM_CHARS = 600;
const MAX_QUOTE_CHARS = 1_000;
const MARKER_PATTERNS: [RegExp, string][] = [
  [/\[\s*\d+(?:\s*[,;-]\s*\d+)*\s*\]/, "a bracketed source number"],
  [/\bLLM\b/, "an LLM tag"],
  [/<\/?[a-z][^>]*>/i, "HTML markup"],
];

export function checkSectionRules(section: SectionOutput, rules: SectionRules): string[] {
  const problems: string[] = [];
  const known = new Set(rules.sourceNumbers);
  if (section.blocks.length === 0) problems.push("blocks: the section has no blocks");
  section.blocks.forEach((block, blockIndex) => {
    const at = `blocks[${blockIndex}]`;
    if (!rules.blockKinds.includes(block.kind)) {
      problems.push(`${at}.kind: "${block.kind}" is not allowed in this section (allowed: ${rules.blockKinds.join(", ")})`);
    }
    if (block.claims.length === 0) problems.push(`${at}.claims: a block needs at least one claim`);
    if (block.kind === "table_row" && rules.tableColumns && block.claims.length !== rules.tableColumns.length) {
      problems.push(`${at}.claims: a table row has exactly ${rules.tableColumns.length} cells (${rules.tableColumns.join(", ")}), got ${block.claims.length}`);
    }
    block.claims.forEach((claim, claimIndex) => {
      const claimAt = `${at}.claims[${claimIndex}]`;
      const text = claim.text.trim();
      if (text === "") problems.push(`${claimAt}.text: empty sentence`);
      if (text.length > MAX_CLAIM_CHARS) problems.push(`${claimAt}.text: longer than ${MAX_CLAIM_CHARS} characters; split it into sentences`);
      if (block.kind !== "table_row" && countSentences(text) > 1) problems.push(`${claimAt}.text: more than one sentence; give each sentence its own claim`);
      for (const [pattern, what] of MARKER_PATTERNS) {
        if (pattern.test(text)) problems.push(`${claimAt}.text: contains ${what}; markers are added when rendering`);
      }
      if (block.kind === "example" && claim.basis !== "example") problems.push(`${claimAt}.basis: claims in an example block have basis "example"`);
      if (block.kind !== "example" && claim.basis === "example") problems.push(`${claimAt}.basis: basis "example" belongs in an example block`);
      if (claim.basis === "source") {
        if (claim.citations.length === 0) problems.push(`${claimAt}.citations: a sourced claim needs at least one citation`);
      } else if (claim.citations.length > 0) {
        problems.push(`${claimAt}.citations: a claim of basis "${claim.basis}" carries no citations`);
      }
      problems.push(...elaborationProblems(claim, claimAt));
      claim.citations.forEach((citation, citationIndex) => {
        const citationAt = `${claimAt}.citations[${citationIndex}]`;
        if (!known.has(citation.source)) {
          problems.push(`${citationAt}.source: source ${citation.source} does not exist (sources: ${rules.sourceNumbers.join(", ")})`);
        }
        if (citation.quote.trim() === "") problems.push(`${citationAt}.quote: empty quote`);
        if (citation.quote.length > MAX_QUOTE_CHARS) problems.push(`${citationAt}.quote: longer than ${MAX_QUOTE_CHARS} characters; quote the supporting span only`);
      });
    });
  });
  return problems;
}

/**
 * An elaborated claim is a sourced sentence with the model's framing; its sourced_text is the part the
 * quote supports, copied verbatim from the sentence, and shorter than it (else nothing is framing).
 */
function elaborationProblems(claim: Claim, at: string): string[] {
  const sourced = claim.sourced_text ?? "";
  if (claim.elaborated !== true) {
    return sourced.trim() === "" ? [] : [`${at}.sourced_text: only an elaborated claim (elaborated: true) has a sourced_text`];
  }
  if (claim.basis !== "source") return [`${at}.elaborated: only a claim of basis "source" can be elaborated`];
  if (sourced.trim() === "") return [`${at}.sourced_text: an elaborated claim names the part of its sentence the quote supports`];
  if (!claim.text.includes(sourced)) return [`${at}.sourced_text: must be copied exactly from the claim's text`];
  if (sourced.trim() === claim.text.trim()) return [`${at}.elaborated: sourced_text is the whole sentence, so nothing is framing; leave elaborated out`];
  return [];
}

/** The number of sentences in a claim's text, by the one sentence splitter. */
export function countSentences(text: string): number {
  return Math.max(1, splitSentences(text).length);
}
